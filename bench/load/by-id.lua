-- Requests one register entry per request, at random, from the ids in ids.txt.
-- Usage: wrk -t2 -c32 -d30s --latency -s by-id.lua http://127.0.0.1:5081 -- /api/v1/register/
local ids = {}
local prefix = "/api/v1/register/"

function init(args)
  if args[1] ~= nil then prefix = args[1] end
  for line in io.lines(os.getenv("SENIM_IDS") or "ids.txt") do
    ids[#ids + 1] = line
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", prefix .. ids[math.random(#ids)])
end

-- The 95th percentile (wrk --latency prints 50/75/90/99 only).
function done(summary, latency, requests)
  io.write(string.format("p95 %.2fms\n", latency:percentile(95) / 1000))
end
