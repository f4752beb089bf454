-- What the commercial sources billed the operator for each request: the sum of each billed call's
-- configured cost, in millionths of the cost's unit (DESIGN §4). Reported, never charged.
ALTER TABLE request_log ADD COLUMN upstream_spend BIGINT NOT NULL DEFAULT 0;
