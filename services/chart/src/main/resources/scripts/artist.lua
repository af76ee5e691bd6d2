-- Artist published/updated/deleted: records the name and renames it on the artist's tracks.
-- KEYS: [1] artist hash, [2] artist-tracks set
-- ARGV: [1] event time ms, [2] name ('' when deleted), [3] track key prefix, [4] '1' when deleted
-- Returns the number of tracks renamed, -1 when the event is older than the stored one.
local stored = tonumber(redis.call('HGET', KEYS[1], 'ts') or '-1')
if tonumber(ARGV[1]) < stored then return -1 end
if ARGV[4] == '1' then
  redis.call('HSET', KEYS[1], 'deleted', '1', 'ts', ARGV[1])
  return 0
end
redis.call('HSET', KEYS[1], 'name', ARGV[2], 'ts', ARGV[1])
local renamed = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local key = ARGV[3] .. id
  if redis.call('HGET', key, 'deleted') ~= '1' then
    redis.call('HSET', key, 'artistName', ARGV[2])
    renamed = renamed + 1
  end
end
return renamed
