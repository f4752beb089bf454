-- An account's own webhook events (DESIGN §14: account.low_balance), stored in the transaction of
-- the charge that caused them and delivered like creator watch events (DESIGN §12): leased to one
-- node at a time (lease_owner, lease_until), retried with the same backoff until the same expiry,
-- every attempt recorded. The URL and secret are read from the account at each attempt. Only
-- accounts with a webhook URL get a row; body is the event JSON as delivered.
CREATE TABLE account_deliveries (
  event_id        TEXT    PRIMARY KEY,
  account_id      TEXT    NOT NULL REFERENCES accounts (account_id),
  type            TEXT    NOT NULL,
  body            TEXT    NOT NULL,
  status          TEXT    NOT NULL,
  attempts        INTEGER NOT NULL,
  created_at      BIGINT  NOT NULL,
  next_attempt_at BIGINT  NOT NULL,
  ended_at        BIGINT,
  lease_owner     TEXT,
  lease_until     BIGINT
);

CREATE INDEX account_deliveries_due ON account_deliveries (status, next_attempt_at);
CREATE INDEX account_deliveries_account ON account_deliveries (account_id, created_at);

-- Every attempt of an account delivery, as webhook_attempts is for watch deliveries.
CREATE TABLE account_delivery_attempts (
  event_id    TEXT    NOT NULL REFERENCES account_deliveries (event_id) ON DELETE CASCADE,
  attempt     INTEGER NOT NULL,
  at          BIGINT  NOT NULL,
  node        TEXT    NOT NULL,
  http_status INTEGER,
  error       TEXT,
  duration_ms BIGINT  NOT NULL,
  PRIMARY KEY (event_id, attempt)
);
