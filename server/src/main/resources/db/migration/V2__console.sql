-- The account center (web console): its people, one-time sign-in links, server-side sessions
-- and failed sign-ins. Secrets are kept only as SHA-256 (links, sessions) or Argon2id
-- (passwords), so a copy of the store signs nobody in.

CREATE TABLE console_users (
  user_id         TEXT   PRIMARY KEY,
  account_id      TEXT   NOT NULL REFERENCES accounts (account_id),
  email           TEXT   NOT NULL UNIQUE,
  password_hash   TEXT,
  created_at      BIGINT NOT NULL,
  password_set_at BIGINT
);

CREATE INDEX console_users_account ON console_users (account_id);

-- One-time links that let a person set their password and sign in; used links are deleted.
CREATE TABLE console_links (
  token_hash TEXT   PRIMARY KEY,
  user_id    TEXT   NOT NULL REFERENCES console_users (user_id),
  expires_at BIGINT NOT NULL
);

CREATE INDEX console_links_user ON console_links (user_id);

-- kind: anonymous (before sign-in; carries the sign-in form's CSRF token), customer, operator.
-- subject: the user id of a customer, the admin token's fingerprint for an operator.
CREATE TABLE console_sessions (
  session_hash TEXT   PRIMARY KEY,
  kind         TEXT   NOT NULL,
  subject      TEXT,
  account_id   TEXT,
  csrf_token   TEXT   NOT NULL,
  created_at   BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);

CREATE INDEX console_sessions_subject ON console_sessions (subject);
CREATE INDEX console_sessions_last_seen ON console_sessions (last_seen_at);

-- Failed sign-ins per subject ("email:…", "ip:…") in the current window, and any lockout.
CREATE TABLE console_login_failures (
  subject      TEXT    PRIMARY KEY,
  failures     INTEGER NOT NULL,
  window_start BIGINT  NOT NULL,
  locked_until BIGINT  NOT NULL
);

-- The console lists an account's latest requests; without this the newest rows of a busy
-- account would be found by sorting all of its retained rows.
CREATE INDEX request_log_account_at ON request_log (account_id, at);
