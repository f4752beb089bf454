-- Creator watches (DESIGN §12): each watch follows one creator's notes for one account, records the
-- notes it has seen, stores an event per new note (and per watch failure) in order, and delivers
-- each event to the watch's webhook URL. Polls and deliveries are leased to one node at a time
-- (lease_owner, lease_until); an expired lease is a dead node's, and its work is taken over.

CREATE TABLE watches (
  watch_id          TEXT    PRIMARY KEY,
  account_id        TEXT    NOT NULL REFERENCES accounts (account_id),
  user_id           TEXT    NOT NULL,
  url               TEXT,
  secret            TEXT    NOT NULL,
  interval_s        INTEGER NOT NULL,
  max_pages         INTEGER NOT NULL,
  emit_existing     INTEGER NOT NULL,
  status            TEXT    NOT NULL,
  created_at        BIGINT  NOT NULL,
  baseline_at       BIGINT,
  next_poll_at      BIGINT  NOT NULL,
  last_poll_at      BIGINT,
  last_error        TEXT,
  failures          INTEGER NOT NULL,
  notes_seen        BIGINT  NOT NULL,
  last_seq          BIGINT  NOT NULL,
  lease_owner       TEXT,
  lease_until       BIGINT
);

CREATE INDEX watches_account ON watches (account_id, created_at);
CREATE INDEX watches_due ON watches (status, next_poll_at);

-- The ids of the notes each watch has seen.
CREATE TABLE watch_seen (
  watch_id TEXT NOT NULL REFERENCES watches (watch_id) ON DELETE CASCADE,
  note_id  TEXT NOT NULL,
  PRIMARY KEY (watch_id, note_id)
);

-- Events, numbered per watch in the order they happened; body is the event JSON as delivered.
CREATE TABLE watch_events (
  event_id   TEXT   PRIMARY KEY,
  watch_id   TEXT   NOT NULL REFERENCES watches (watch_id) ON DELETE CASCADE,
  seq        BIGINT NOT NULL,
  type       TEXT   NOT NULL,
  created_at BIGINT NOT NULL,
  body       TEXT   NOT NULL,
  UNIQUE (watch_id, seq)
);

-- One delivery per event of a watch with a URL: pending until a 2xx (delivered) or until it has
-- been retried for the retry period (failed). Delivered in seq order per watch.
CREATE TABLE webhook_deliveries (
  event_id        TEXT    PRIMARY KEY REFERENCES watch_events (event_id) ON DELETE CASCADE,
  watch_id        TEXT    NOT NULL REFERENCES watches (watch_id) ON DELETE CASCADE,
  seq             BIGINT  NOT NULL,
  status          TEXT    NOT NULL,
  attempts        INTEGER NOT NULL,
  created_at      BIGINT  NOT NULL,
  next_attempt_at BIGINT  NOT NULL,
  ended_at        BIGINT,
  lease_owner     TEXT,
  lease_until     BIGINT
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_watch ON webhook_deliveries (watch_id, seq);

-- Every delivery attempt: when, by which node, what came back (HTTP status or the error).
CREATE TABLE webhook_attempts (
  event_id    TEXT    NOT NULL REFERENCES webhook_deliveries (event_id) ON DELETE CASCADE,
  attempt     INTEGER NOT NULL,
  at          BIGINT  NOT NULL,
  node        TEXT    NOT NULL,
  http_status INTEGER,
  error       TEXT,
  duration_ms BIGINT  NOT NULL,
  PRIMARY KEY (event_id, attempt)
);

-- Request log rows of a watch's polls name the watch.
ALTER TABLE request_log ADD COLUMN watch_id TEXT;
