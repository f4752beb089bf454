-- Accounts, API keys, credits and the request log. Written in the SQL that SQLite and
-- PostgreSQL share: TEXT, BIGINT, INTEGER, no serial columns (rows are keyed by ids we make).

CREATE TABLE accounts (
  account_id            TEXT    PRIMARY KEY,
  name                  TEXT    NOT NULL,
  status                TEXT    NOT NULL,
  rate_limit_per_minute INTEGER NOT NULL,
  balance               BIGINT  NOT NULL CHECK (balance >= 0),
  created_at            BIGINT  NOT NULL
);

CREATE TABLE api_keys (
  key_id       TEXT   PRIMARY KEY,
  account_id   TEXT   NOT NULL REFERENCES accounts (account_id),
  key_hash     TEXT   NOT NULL UNIQUE,
  prefix       TEXT   NOT NULL,
  name         TEXT,
  status       TEXT   NOT NULL,
  created_at   BIGINT NOT NULL,
  expires_at   BIGINT,
  last_used_at BIGINT
);

CREATE INDEX api_keys_account ON api_keys (account_id);

-- Credits held for calls in flight; each row is released or turned into a charge.
CREATE TABLE credit_reservations (
  request_id TEXT   PRIMARY KEY,
  account_id TEXT   NOT NULL REFERENCES accounts (account_id),
  amount     BIGINT NOT NULL CHECK (amount > 0),
  created_at BIGINT NOT NULL
);

-- One row per movement of credits: top-ups and adjustments (amount > 0 or < 0), charges
-- (amount < 0). For every account: sum(amount) = balance + open reservations.
CREATE TABLE credit_ledger (
  request_id TEXT   NOT NULL,
  kind       TEXT   NOT NULL,
  account_id TEXT   NOT NULL REFERENCES accounts (account_id),
  amount     BIGINT NOT NULL,
  reason     TEXT,
  at         BIGINT NOT NULL,
  day        TEXT   NOT NULL,
  PRIMARY KEY (request_id, kind)
);

CREATE INDEX credit_ledger_account_day ON credit_ledger (account_id, day);

CREATE TABLE request_log (
  request_id  TEXT    PRIMARY KEY,
  account_id  TEXT,
  key_prefix  TEXT,
  path        TEXT    NOT NULL,
  user_id     TEXT,
  cursor      TEXT,
  status      INTEGER NOT NULL,
  error       TEXT,
  charged     BIGINT  NOT NULL,
  cache       TEXT,
  upstream_ms BIGINT,
  total_ms    BIGINT  NOT NULL,
  at          BIGINT  NOT NULL,
  day         TEXT    NOT NULL
);

CREATE INDEX request_log_account_day ON request_log (account_id, day);
CREATE INDEX request_log_at ON request_log (at);
