-- wrk script: each request uses the next API key from keys.txt (many accounts share the load)
-- and the path given by the PATH_QUERY environment variable (default: page 1 of the sample user).
local keys = {}
for line in io.lines(os.getenv("KEYS_FILE") or "keys.txt") do
  if #line > 0 then keys[#keys + 1] = line end
end
local path = os.getenv("PATH_QUERY")
  or "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes?user_id=6587d26000000001658eec67&cursor="
local counter = 0
local pause = tonumber(os.getenv("DELAY_MS") or "0")

request = function()
  counter = counter + 1
  local key = keys[(counter % #keys) + 1]
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. key })
end

if pause > 0 then
  delay = function() return pause end
end
