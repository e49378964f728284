-- Sliding window log, one atomic call for one request or for n requests of one bucket that arrived
-- together (same rule as SlidingWindowLog.java). A request at t counts during [t, t + window); requests
-- are accepted in order while fewer than `limit` are counted; a rejected request is not recorded.
--
-- KEYS[1]  the bucket's sorted set: one member per counted request, score = its Redis time in microseconds
-- ARGV[1]  limit: requests per window
-- ARGV[2]  window in microseconds
-- ARGV[3]  a suffix unique to this call (node id + sequence), so two requests in the same microsecond
--          never collapse into one member
-- ARGV[4]  n, the number of requests decided by this call (optional, default 1)
-- Returns  {1 if all n were accepted else 0, counted after this call, now in us,
--           us of the entry whose exit next raises remaining (the oldest if all were accepted, else the one
--           the first rejected request waits for), number accepted, us of the oldest entry}
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local n = tonumber(ARGV[4] or '1')

-- Redis' clock, not the caller's: gateway nodes with skewed clocks share one timeline. Allowed in a
-- script that writes because Redis 7 replicates the script's effects, not the script.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local counted = redis.call('ZCARD', key)
local admitted = limit - counted
if admitted > n then
  admitted = n
end
if admitted < 0 then
  admitted = 0
end
for i = 1, admitted do
  redis.call('ZADD', key, now, time[1] .. '.' .. time[2] .. ':' .. ARGV[3] .. ':' .. i)
end
counted = counted + admitted
if admitted > 0 then
  -- The newest entries are these, so the whole set is stale one window from now.
  redis.call('PEXPIRE', key, math.ceil(window / 1000))
end

-- Remaining next grows when the oldest entry leaves; a rejected request waits until enough entries
-- leave to bring the count below the limit (more than one only after the limit was lowered).
local oldest = now
local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
if first[2] then
  oldest = tonumber(first[2])
end
local allowed = 1
local blocking = oldest
if admitted < n then
  allowed = 0
  local entry = redis.call('ZRANGE', key, counted - limit, counted - limit, 'WITHSCORES')
  if entry[2] then
    blocking = tonumber(entry[2])
  end
end
-- Numbers (not strings) so Redis returns exact integers: microsecond times fit a double exactly.
return {allowed, counted, now, blocking, admitted, oldest}
