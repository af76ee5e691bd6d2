-- Counts one play, atomically with its dedupe marker.
-- KEYS: [1] marker chart:played:{eventId}, [2] track hash, [3..] live period ZSETs to count in
-- ARGV: [1] track id, [2] marker TTL ms, [3..] TTL ms of KEYS[3..] (period end + retention - now)
-- Returns 1 counted, 0 already counted (redelivery), 2 track deleted (not counted).
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if redis.call('HGET', KEYS[2], 'deleted') == '1' then
  redis.call('SET', KEYS[1], 'd', 'PX', ARGV[2])
  return 2
end
for i = 3, #KEYS do
  redis.call('ZINCRBY', KEYS[i], 1, ARGV[1])
  redis.call('PEXPIRE', KEYS[i], ARGV[i])
end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
return 1
