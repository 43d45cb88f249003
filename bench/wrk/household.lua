-- B4's read: GET /api/v1/households/{id} for households spread over the whole registry.
-- EMGEK_TOKEN is the API token, EMGEK_HOUSEHOLDS the highest household id.
local token = os.getenv("EMGEK_TOKEN")
local households = tonumber(os.getenv("EMGEK_HOUSEHOLDS"))
local n = 0

function setup(thread)
  thread:set("offset", math.random(1, households))
end

function request()
  n = n + 1
  local id = (offset + n * 7919) % households + 1
  return wrk.format("GET", "/api/v1/households/" .. id, { ["Authorization"] = "Bearer " .. token })
end
