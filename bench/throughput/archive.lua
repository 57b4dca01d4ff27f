-- wrk script: readers of the archive's long tail. As bench/reads/readers.lua (a new reader
-- per request, ending on /robots.txt), but each request asks for the next of the paths
-- listed in a file (helper.py archive): a different archive article each time, its
-- rendered parts kept, its page built (the paths carry a parameter that keeps them out
-- of the page cache, as a page read days apart would be).
-- Arguments: <seconds> <run nonce> <file of paths>.
dofile("bench/reads/readers.lua")

local base_init, base_request = init, request
local paths = {}

function init(args)
  base_init({ args[1], args[2] })
  for line in io.lines(args[3]) do
    if line ~= "" then table.insert(paths, line) end
  end
  -- Threads start at different places in the list.
  cursor = ((tid or 1) * 7919) % #paths
end

function request()
  cursor = cursor + 1
  wrk.path = paths[(cursor % #paths) + 1]
  return base_request()
end
