-- Rolling a watch's signing secret (POST /openapi/v1/watches/{watch_id}/roll_secret): the secret
-- it replaces, stored as it was (sealed to the watch id when webhooks.secret-key is set), and until
-- when deliveries are also signed with it. Both are NULL when the watch signs with one secret only.
ALTER TABLE watches ADD COLUMN old_secret TEXT;
ALTER TABLE watches ADD COLUMN old_secret_expires_at BIGINT;
