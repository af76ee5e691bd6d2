-- Stores a rendered chart page unless a newer rendering is already there (replicas may render the
-- same period at about the same time; the one that read Redis last wins).
-- KEYS: [1] page list. ARGV: [1] rendered-at ms, [2] ttl ms (0: none), [3..] the list elements:
-- meta ("<rendered-at ms>|<etag>|<LIVE|FINAL>"), JSON prefix, JSON suffix, one element per item.
local current = redis.call('LINDEX', KEYS[1], 0)
if current then
  local at = tonumber(string.match(current, '^(%d+)|'))
  if at and at > tonumber(ARGV[1]) then return 0 end
end
redis.call('DEL', KEYS[1])
redis.call('RPUSH', KEYS[1], unpack(ARGV, 3))
if tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
