-- wrk script for bench/throughput: every request is a new reader (its own first-party
-- "nr_lecteur" cookie, a real browser User-Agent), so that the article page pays for a
-- counted read each time instead of being deduplicated. Same script for every URL, so
-- that all of them carry the same headers.
-- Prints one machine-readable line: RESULT rps=… p50_ms=… p99_ms=… ok=… non200=… errors=…

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  nonce = args[1] or "run"
  n = 0
  ok = 0
  other = 0
  agents = {
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36",
  }
end

function request()
  n = n + 1
  return wrk.format("GET", wrk.path, {
    ["User-Agent"] = agents[(n % #agents) + 1],
    ["Cookie"] = string.format("nr_lecteur=%s-t%02d-%09d", nonce, tid, n),
  })
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local total_ok, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_other = total_other + thread:get("other")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f ok=%d non200=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, total_ok, total_other, errors))
end
