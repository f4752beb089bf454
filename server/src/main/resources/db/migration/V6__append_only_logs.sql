-- The credit ledger and the request log take a row per charged call. Every insert updates each
-- index of its table, and on SQLite every index page an insert touches is written out again (to
-- the write-ahead log, then to the file): an index on a random key (the request id, a UUID) costs a
-- page per row. So these tables keep only the indexes a query needs, and rows go where they
-- append.

-- The ledger is only appended to: its rows are written by conditional statements that cannot
-- settle a request twice (a reservation is deleted as it is turned into its charge; a cached
-- page's charge is written once by the request that took it), and the tests count every charge
-- against the answers served; its (request_id, kind) key only cost a random page per row. What is
-- read of it, the credits charged by account, day, operation and key, is kept in
-- credit_charged_daily, added to in the same transaction as the charges ('' where a charge names
-- no operation or key, as the charges written before this release).
CREATE TABLE credit_ledger_appended (
  request_id TEXT   NOT NULL,
  kind       TEXT   NOT NULL,
  account_id TEXT   NOT NULL REFERENCES accounts (account_id),
  amount     BIGINT NOT NULL,
  reason     TEXT,
  at         BIGINT NOT NULL,
  day        TEXT   NOT NULL
);
INSERT INTO credit_ledger_appended (request_id, kind, account_id, amount, reason, at, day)
  SELECT request_id, kind, account_id, amount, reason, at, day FROM credit_ledger ORDER BY at;
DROP TABLE credit_ledger;
ALTER TABLE credit_ledger_appended RENAME TO credit_ledger;

CREATE TABLE credit_charged_daily (
  account_id TEXT   NOT NULL REFERENCES accounts (account_id),
  day        TEXT   NOT NULL,
  operation  TEXT   NOT NULL,
  key_id     TEXT   NOT NULL,
  charged    BIGINT NOT NULL,
  PRIMARY KEY (account_id, day, operation, key_id)
);
INSERT INTO credit_charged_daily (account_id, day, operation, key_id, charged)
  SELECT account_id, day, '', '', -SUM(amount) FROM credit_ledger WHERE kind = 'charge'
  GROUP BY account_id, day;

-- Usage by day is read through (account_id, at) with the day's bounds in epoch ms, so
-- (account_id, day) only cost writes. The request id stays unique: operators look requests up by
-- it (GET /admin/v1/requests/{request_id}).
DROP INDEX request_log_account_day;
