-- The log's public events with varied queries, one at random per request: a search (system, organisation or
-- register number, kk/ru/en), a kind from a random cursor, a random cursor alone, or a search from a random cursor.
-- Usage: SENIM_LOG_SIZE=N wrk -t2 -c32 -d30s --latency -s log-events.lua http://127.0.0.1:5081 -- /api/v1/log/events
local terms = {
  "банк", "bank", "hospital", "ауруханасы", "retail", "скоринг", "медициналық", "fraud", "assistant",
  "kz-ai-2026", "kz ai 2026 000123", "энергетический", "transport", "білім", "страховой", "steppe"
}
local kinds = { "publication", "registration", "conditions", "suspension", "withdrawal", "reclassification", "record-update" }
local prefix = "/api/v1/log/events"
local size = tonumber(os.getenv("SENIM_LOG_SIZE") or "1000")

-- encode() comes from search.lua beside this file; init() and request() are this script's own.
dofile((debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./") .. "search.lua")

function init(args)
  if args[1] ~= nil then prefix = args[1] end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local pick = math.random(4)
  local term = encode(terms[math.random(#terms)])
  local query
  if pick == 1 then
    query = "?q=" .. term
  elseif pick == 2 then
    query = "?kind=" .. kinds[math.random(#kinds)] .. "&before=" .. math.random(size)
  elseif pick == 3 then
    query = "?before=" .. math.random(size)
  else
    query = "?q=" .. term .. "&before=" .. math.random(size)
  end
  return wrk.format("GET", prefix .. query)
end

-- The 95th percentile (wrk --latency prints 50/75/90/99 only).
function done(summary, latency, requests)
  io.write(string.format("p95 %.2fms\n", latency:percentile(95) / 1000))
end
