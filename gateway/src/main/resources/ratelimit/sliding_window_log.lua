-- Sliding window log, one atomic call per request (same rule as SlidingWindowLog.java).
-- A request at t counts during [t, t + window); accepted only while fewer than `limit` are counted;
-- a rejected request is not recorded.
--
-- KEYS[1]  the bucket's sorted set: one member per counted request, score = its Redis time in microseconds
-- ARGV[1]  limit: requests per window
-- ARGV[2]  window in microseconds
-- ARGV[3]  a suffix unique to this request (node id + sequence), so two requests in the same microsecond
--          never collapse into one member
-- Returns  {allowed 1|0, counted after this request, now in us, us of the entry whose exit next raises remaining}
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])

-- Redis' clock, not the caller's: gateway nodes with skewed clocks share one timeline. Allowed in a
-- script that writes because Redis 7 replicates the script's effects, not the script.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local counted = redis.call('ZCARD', key)
local allowed = 0
if counted < limit then
  redis.call('ZADD', key, now, time[1] .. '.' .. time[2] .. ':' .. ARGV[3])
  counted = counted + 1
  allowed = 1
  -- The newest entry is this one, so the whole set is stale one window from now.
  redis.call('PEXPIRE', key, math.ceil(window / 1000))
end

-- Remaining next grows when the oldest entry leaves; a rejected request waits until enough entries
-- leave to bring the count below the limit (more than one only after the limit was lowered).
local index = 0
if allowed == 0 then
  index = counted - limit
end
local blocking = now
local entry = redis.call('ZRANGE', key, index, index, 'WITHSCORES')
if entry[2] then
  blocking = tonumber(entry[2])
end
-- Numbers (not strings) so Redis returns exact integers: microsecond times fit a double exactly.
return {allowed, counted, now, blocking}
