-- Retention of webhook events (webhooks.retention-days): every node removes, in small batches,
-- the events whose delivery ended (delivered or failed) before the cutoff, with their attempts,
-- and the events of watches without a URL (no delivery) stored before it. These indexes let each
-- batch read the oldest such rows instead of scanning the tables. Pending deliveries have no
-- ended_at and are never removed, and watch_seen is kept, so old notes are not announced again.
CREATE INDEX webhook_deliveries_ended ON webhook_deliveries (ended_at);
CREATE INDEX watch_events_created ON watch_events (created_at);
CREATE INDEX account_deliveries_ended ON account_deliveries (ended_at);
