-- Shared by snapshot.lua and chart.lua (prepended by ChartScripts).
-- Copies the top n of a live ZSET into its snapshot key unless the snapshot exists already.
-- Runs inside one script, so it is atomic: several replicas asking at once write it once,
-- and the same live data always gives the same snapshot. Returns true when a snapshot exists.
local function materialize(live, snap, n)
  if redis.call('EXISTS', snap) == 1 then return true end
  if redis.call('EXISTS', live) == 0 then return false end
  local top = redis.call('ZREVRANGE', live, 0, n - 1, 'WITHSCORES')
  local i = 1
  while i <= #top do
    local args = {}
    local last = math.min(i + 199, #top)
    for j = i, last, 2 do
      args[#args + 1] = top[j + 1]
      args[#args + 1] = top[j]
    end
    redis.call('ZADD', snap, unpack(args))
    i = last + 1
  end
  return true
end
