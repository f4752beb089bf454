-- One decision of the strict rolling window (see RedisRateLimiter). Redis runs a script without
-- interleaving other commands, so the decisions of every gateway node on one account serialise
-- here and the window is exact across nodes.
--
-- Written by hand because the rate-limit libraries offer token buckets, fixed windows or
-- approximate sliding windows, and none gives "fewer than the limit accepted in the last 60 s".
--
-- KEYS[1]  the account's window: a sorted set of accepted requests scored by acceptance time (ms)
-- ARGV[1]  now, in epoch ms, from the calling node's clock
-- ARGV[2]  the horizon, now minus the window: acceptances at or before it no longer count
-- ARGV[3]  the account's current limit
-- ARGV[4]  the window in ms
-- ARGV[5]  a member unique to this request
-- Returns {allowed (1 or 0), acceptances in the window after the decision, the acceptance time
-- whose departure frees a slot (-1 when the window is empty)}.
local key = KEYS[1]
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[2])
local count = redis.call('ZCARD', key)
local allowed = 0
if count < limit then
  redis.call('ZADD', key, ARGV[1], ARGV[5])
  -- Once the newest acceptance has left the window nothing in the key counts any more.
  redis.call('PEXPIRE', key, ARGV[4])
  count = count + 1
  allowed = 1
end
local frees = -1
if count > 0 then
  -- After the limit was lowered the window may hold more than the limit; a slot frees only when
  -- the count falls below it, that is when the acceptance at this rank leaves.
  local rank = math.max(0, count - limit)
  frees = tonumber(redis.call('ZRANGE', key, rank, rank, 'WITHSCORES')[2])
end
return {allowed, count, frees}
