-- wrk script: every request is a new reader (a distinct first-party cookie), with
-- real browser User-Agents. Each thread holds one connection. Once the deadline has
-- passed, a thread asks for /robots.txt (never counted) instead of the article and
-- stops at its answer: wrk may still send a request when a thread stops, and that
-- last request, unseen by this script, must not be a read. So the server's counter
-- can be compared with the number of 200 article responses exactly.
-- Arguments: <seconds> <run nonce> [etag]. With an ETag, every request revalidates
-- (If-None-Match) and a 304 counts as a served page, as a 200 does.

local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_usec; } bench_timeval;
int gettimeofday(bench_timeval *tv, void *tz);
]]
local tv = ffi.new("bench_timeval")
local function now()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) + tonumber(tv.tv_usec) / 1e6
end

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  seconds = tonumber(args[1] or "10")
  nonce = args[2] or "run"
  etag = args[3]
  started = now()
  finished = started
  deadline = started + seconds
  n = 0
  ok = 0
  other = 0
  draining = false
  agents = {
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36",
  }
end

function request()
  if now() >= deadline then
    draining = true
    return wrk.format("GET", "/robots.txt")
  end
  n = n + 1
  local cookie = string.format("%s-t%03d-%09d", nonce, tid, n)
  local headers = {
    ["User-Agent"] = agents[(n % #agents) + 1],
    ["Cookie"] = "nr_lecteur=" .. cookie,
  }
  if etag then headers["If-None-Match"] = etag end
  return wrk.format("GET", wrk.path, headers)
end

function response(status, headers, body)
  if draining then
    wrk.thread:stop()
    return
  end
  if status == 200 or (etag and status == 304) then ok = ok + 1 else other = other + 1 end
  finished = now()
end

function done(summary, latency, requests)
  -- wrk's own duration is the -d upper bound; the real span is measured here.
  local total_ok, total_other, first, last = 0, 0, math.huge, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_other = total_other + thread:get("other")
    first = math.min(first, thread:get("started"))
    last = math.max(last, thread:get("finished"))
  end
  io.write(string.format(
    "RESULT ok=%d other=%d requests=%d span_s=%.3f socket_errors=%d p50_ms=%.1f p99_ms=%.1f\n",
    total_ok, total_other, total_ok + total_other, last - first,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
