-- Full-text search with a fixed set of terms in Kazakh, Russian and English, one at random per request.
-- Usage: wrk -t2 -c32 -d30s --latency -s search.lua http://127.0.0.1:5081 -- /api/v1/register?q=
local terms = {
  "скоринг", "кредитный", "чат-бот", "медициналық", "triage", "recommender", "энергетический",
  "транспорттық", "fraud", "переводчик", "қалалық", "insurance", "видеоаналитика", "assistant",
  "распознавание речи", "білім беру", "court", "kz-ai", "алматы", "steppe"
}
local prefix = "/api/v1/register?q="

-- Percent-encodes a query value (global: log-events.lua reuses it).
function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  if args[1] ~= nil then prefix = args[1] end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", prefix .. encode(terms[math.random(#terms)]))
end

-- The 95th percentile (wrk --latency prints 50/75/90/99 only).
function done(summary, latency, requests)
  io.write(string.format("p95 %.2fms\n", latency:percentile(95) / 1000))
end
