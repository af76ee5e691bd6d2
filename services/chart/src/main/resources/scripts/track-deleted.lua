-- Track deleted: leaves a tombstone (so late or replayed plays and updates are ignored) and takes
-- the track out of every live chart that can still exist. Snapshots of closed periods keep it.
-- KEYS: [1] track hash, [2] artist-tracks set, [3..] live period ZSETs
-- ARGV: [1] track id, [2] event time ms
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'deleted', '1', 'ts', ARGV[2])
redis.call('SREM', KEYS[2], ARGV[1])
for i = 3, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
return 1
