-- The window's state without counting anything: the same answer as acquire.lua for a request
-- that is not made. Read-only, so expired acceptances are skipped rather than removed.
--
-- KEYS[1]  the account's window (see acquire.lua)
-- ARGV[1]  now, in epoch ms, from the calling node's clock
-- ARGV[2]  the horizon, now minus the window: acceptances at or before it no longer count
-- ARGV[3]  the account's current limit
-- Returns {allowed (1 or 0), acceptances in the window, the acceptance time whose departure frees
-- a slot (-1 when the window is empty)}.
local key = KEYS[1]
local limit = tonumber(ARGV[3])
local after = '(' .. ARGV[2]
local count = redis.call('ZCOUNT', key, after, '+inf')
local frees = -1
if count > 0 then
  local rank = math.max(0, count - limit)
  frees = tonumber(
    redis.call('ZRANGE', key, after, '+inf', 'BYSCORE', 'LIMIT', rank, 1, 'WITHSCORES')[2])
end
local allowed = 0
if count < limit then
  allowed = 1
end
return {allowed, count, frees}
