-- Track published/updated. Ignores events older than what is stored and tracks already deleted.
-- KEYS: [1] track hash, [2] artist-tracks set of the (new) artist, [3] artist hash
-- ARGV: [1] track id, [2] event time ms, [3] title, [4] artistId, [5] artistName,
--       [6] coverImageId ('' = none), [7] artist-tracks key prefix
-- Returns 1 applied, 0 ignored.
if redis.call('HGET', KEYS[1], 'deleted') == '1' then return 0 end
local stored = tonumber(redis.call('HGET', KEYS[1], 'ts') or '-1')
local ts = tonumber(ARGV[2])
if ts < stored then return 0 end
local oldArtist = redis.call('HGET', KEYS[1], 'artistId')
if oldArtist and oldArtist ~= ARGV[4] then redis.call('SREM', ARGV[7] .. oldArtist, ARGV[1]) end
local name = ARGV[5]
local artist = redis.call('HMGET', KEYS[3], 'name', 'ts')
if artist[1] and tonumber(artist[2]) > ts then name = artist[1] end
redis.call('HSET', KEYS[1], 'title', ARGV[3], 'artistId', ARGV[4], 'artistName', name, 'ts', ARGV[2])
if ARGV[6] == '' then
  redis.call('HDEL', KEYS[1], 'coverImageId')
else
  redis.call('HSET', KEYS[1], 'coverImageId', ARGV[6])
end
redis.call('SADD', KEYS[2], ARGV[1])
return 1
