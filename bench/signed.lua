-- wrk script for calling the simulator directly: the App request of one page with the headers
-- that bench/run had the simulator's /sign produce (HEADERS_FILE: "name: value" lines).
local headers = {}
for line in io.lines(os.getenv("HEADERS_FILE")) do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  if name then headers[name] = value end
end
local path = os.getenv("PATH_QUERY")
local pause = tonumber(os.getenv("DELAY_MS") or "0")

request = function()
  return wrk.format("GET", path, headers)
end

if pause > 0 then
  delay = function() return pause end
end
