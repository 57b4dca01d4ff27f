-- wrk script: readers loading the live's page (bench/reads/readers.lua: a new reader per
-- request, exact read accounting), plus a tally of what the page cache did for each 200:
-- X-Page-Cache "miss" is a build stored, no header a build not stored, "hit" and "stale"
-- are served from the cache (stale: the previous copy while another worker builds).
dofile("bench/reads/readers.lua")

local base_setup, base_init, base_response, base_done = setup, init, response, done
local all_threads = {}

function setup(thread)
  base_setup(thread)
  table.insert(all_threads, thread)
end

function init(args)
  base_init(args)
  built = 0
  stale = 0
end

function response(status, headers, body)
  if not draining and status == 200 then
    local state = headers["X-Page-Cache"]
    if state == nil or state == "miss" then built = built + 1 end
    if state == "stale" then stale = stale + 1 end
  end
  base_response(status, headers, body)
end

function done(summary, latency, requests)
  base_done(summary, latency, requests)
  local total_built, total_stale = 0, 0
  for _, thread in ipairs(all_threads) do
    total_built = total_built + thread:get("built")
    total_stale = total_stale + thread:get("stale")
  end
  io.write(string.format("BUILDS built=%d stale=%d\n", total_built, total_stale))
end
