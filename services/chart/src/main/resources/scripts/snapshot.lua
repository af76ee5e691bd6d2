-- KEYS[1] live ZSET, KEYS[2] snapshot ZSET; ARGV[1] ranks to keep.
-- Returns 1 when a snapshot exists (made now or before), 0 when there is nothing to snapshot.
if materialize(KEYS[1], KEYS[2], tonumber(ARGV[1])) then return 1 end
return 0
