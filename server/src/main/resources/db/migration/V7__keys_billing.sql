-- Keys and billing (DESIGN §14).
--
-- Keys issued from now on end in a checksum of their random part; the keys issued before keep
-- working, so each row says which kind it is (existing rows: 0, the older kind).
ALTER TABLE api_keys ADD COLUMN checksummed INTEGER NOT NULL DEFAULT 0;
-- The operation ids (and "mcp", "watches") the key may call, space-separated; NULL allows all.
ALTER TABLE api_keys ADD COLUMN scopes TEXT;
-- A key's own limits inside its account's: calls per minute, credits per UTC day; NULL for none.
ALTER TABLE api_keys ADD COLUMN rate_limit_per_minute INTEGER;
ALTER TABLE api_keys ADD COLUMN daily_credit_cap BIGINT;
-- The key that replaced this one when it was rolled: past its expires_at it is refused as revoked.
ALTER TABLE api_keys ADD COLUMN replaced_by TEXT;

-- An account's credits per UTC day (NULL for no cap), and the balance under which it is warned
-- once (low_balance_alerted is set when the balance falls under the threshold and cleared when a
-- top-up lifts it back), by an account.low_balance event to webhook_url, signed with
-- webhook_secret.
ALTER TABLE accounts ADD COLUMN daily_credit_cap BIGINT;
ALTER TABLE accounts ADD COLUMN low_balance_threshold BIGINT;
ALTER TABLE accounts ADD COLUMN low_balance_alerted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN webhook_url TEXT;
ALTER TABLE accounts ADD COLUMN webhook_secret TEXT;

-- Charges name the key and the endpoint they were for, so that a day's spend per key is summed
-- from the ledger itself and the usage export agrees with it. NULL on older rows and top-ups.
ALTER TABLE credit_reservations ADD COLUMN key_id TEXT;
ALTER TABLE credit_reservations ADD COLUMN operation TEXT;
ALTER TABLE credit_ledger ADD COLUMN key_id TEXT;
ALTER TABLE credit_ledger ADD COLUMN operation TEXT;

-- Request log rows name the key by id as well as by its shown prefix.
ALTER TABLE request_log ADD COLUMN key_id TEXT;
