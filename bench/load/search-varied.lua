-- Full-text search with varied queries: one or two words drawn at random from the register's own vocabulary (a file of
-- words, one a line, given in SENIM_WORDS; run.sh writes it from register.csv), a third of them changed the way people
-- type: another ending (Russian or Kazakh), the word cut short, or two neighbouring letters swapped (a typo). Nearly
-- every request is a different URL, so an output cache cannot answer them.
-- Usage: SENIM_WORDS=words.txt wrk -t2 -c32 -d30s --latency -s search-varied.lua http://127.0.0.1:5081 -- /api/v1/register?q=
local words = {}
local prefix = "/api/v1/register?q="
local endings = { "а", "ы", "ам", "ов", "ке", "ге", "тің", "дың", "да", "лар", "s" }

function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- The UTF-8 characters of a word (wrk's LuaJIT has no utf8 library).
local function chars(s)
  local list = {}
  for c in s:gmatch("[%z\1-\127\194-\244][\128-\191]*") do list[#list + 1] = c end
  return list
end

local function vary(word)
  local r = math.random(9)
  local c = chars(word)
  if r == 1 then return word .. endings[math.random(#endings)] end
  if r == 2 and #c > 5 then return table.concat(c, "", 1, #c - 2) end
  if r == 3 and #c >= 5 then
    local at = math.random(2, #c - 1)
    c[at], c[at + 1] = c[at + 1], c[at]
    return table.concat(c)
  end
  return word
end

function init(args)
  if args[1] ~= nil then prefix = args[1] end
  local file = assert(io.open(os.getenv("SENIM_WORDS") or "words.txt"), "set SENIM_WORDS to a file of words")
  for line in file:lines() do if #line > 0 then words[#words + 1] = line end end
  file:close()
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local q = vary(words[math.random(#words)])
  if math.random(3) == 1 then q = q .. " " .. vary(words[math.random(#words)]) end
  return wrk.format("GET", prefix .. encode(q))
end

function done(summary, latency, requests)
  io.write(string.format("p95 %.2fms\n", latency:percentile(95) / 1000))
end
