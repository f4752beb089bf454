-- wrk script for calling the sign service directly: the signing request the gateway makes for one
-- page (SIGN_BODY: its JSON body), at the pace DELAY_MS sets per connection.
local pause = tonumber(os.getenv("DELAY_MS") or "0")
wrk.method = "POST"
wrk.body = os.getenv("SIGN_BODY")
wrk.headers["Content-Type"] = "application/json"

if pause > 0 then
  delay = function() return pause end
end
