-- One decision for a key that has a limit of its own inside its account's (see RedisRateLimiter):
-- the request is accepted only when both strict windows have room, and then counted in both;
-- otherwise in neither. Both keys are changed by this one script, so the decision is atomic across
-- nodes like acquire.lua's.
--
-- KEYS[1]  the account's window, KEYS[2] the key's window (sorted sets as in acquire.lua)
-- ARGV[1]  now, in epoch ms, from the calling node's clock
-- ARGV[2]  the horizon, now minus the window
-- ARGV[3]  the account's limit
-- ARGV[4]  the key's limit
-- ARGV[5]  the window in ms
-- ARGV[6]  a member unique to this request
-- Returns {accepted (1 or 0), account count, account frees, key count, key frees}, counts after
-- the decision and frees as in acquire.lua.
local limits = {tonumber(ARGV[3]), tonumber(ARGV[4])}
local counts = {}
for i = 1, 2 do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', ARGV[2])
  counts[i] = redis.call('ZCARD', KEYS[i])
end
local accepted = 0
if counts[1] < limits[1] and counts[2] < limits[2] then
  accepted = 1
  for i = 1, 2 do
    redis.call('ZADD', KEYS[i], ARGV[1], ARGV[6])
    redis.call('PEXPIRE', KEYS[i], ARGV[5])
    counts[i] = counts[i] + 1
  end
end
local out = {accepted}
for i = 1, 2 do
  local frees = -1
  if counts[i] > 0 then
    local rank = math.max(0, counts[i] - limits[i])
    frees = tonumber(redis.call('ZRANGE', KEYS[i], rank, rank, 'WITHSCORES')[2])
  end
  out[#out + 1] = counts[i]
  out[#out + 1] = frees
end
return out
