-- One round trip for a whole chart page.
-- KEYS: [1] live of the period, [2] its snapshot, [3] live of the previous period, [4] its snapshot
-- ARGV: [1] limit, [2] period final ('1'/'0'), [3] previous final, [4] snapshot size,
--       [5] track metadata key prefix
-- A final (closed and settled) period is read from its snapshot, made here from the live key on
-- first use if the scheduler has not made it yet. Returns JSON:
-- {"source":"snapshot|live","items":[[trackId, plays, previousRank0 or -1, title, artistId,
--   artistName, coverImageId], ...]}
local n = tonumber(ARGV[4])
local function source(live, snap, final)
  if final == '1' and materialize(live, snap, n) then return snap end
  return live
end
local cur = source(KEYS[1], KEYS[2], ARGV[2])
local prev = source(KEYS[3], KEYS[4], ARGV[3])
local top = redis.call('ZREVRANGE', cur, 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
local items = {}
for i = 1, #top, 2 do
  local id = top[i]
  local previous = redis.call('ZREVRANK', prev, id)
  local m = redis.call('HMGET', ARGV[5] .. id, 'title', 'artistId', 'artistName', 'coverImageId')
  items[#items + 1] = { id, top[i + 1], previous or -1, m[1] or cjson.null, m[2] or cjson.null,
    m[3] or cjson.null, m[4] or cjson.null }
end
local src = 'live'
if cur == KEYS[2] then src = 'snapshot' end
if #items == 0 then return '{"source":"' .. src .. '","items":[]}' end
return cjson.encode({ source = src, items = items })
