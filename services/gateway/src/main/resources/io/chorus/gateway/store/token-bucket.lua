-- Token bucket, atomic in one round trip.
-- KEYS[1]: bucket hash {tokens, ts}; ARGV[1]: capacity; ARGV[2]: refill per second;
-- ARGV[3]: idle expiry in ms. Time comes from Redis so every gateway replica agrees.
-- Returns {allowed (1|0), whole tokens remaining, ms until the next token when refused}.
-- Redis < 5 needs effects replication to write after TIME; later versions ignore this.
if redis.replicate_commands then redis.replicate_commands() end
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = capacity
  ts = now
end
tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate / 1000)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return {allowed, math.floor(tokens), wait}
