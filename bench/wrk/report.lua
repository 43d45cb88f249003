-- B4's write: POST /api/v1/contracts/{id}/reports, each a new monthly report (a durable commit).
-- EMGEK_PAIRS is a file of "contract_id YYYY-MM" lines not yet reported; each thread takes every
-- EMGEK_THREADS-th line from its own start, so no two requests send the same month.
local token = os.getenv("EMGEK_TOKEN")
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  pairs_ = {}
  local stride = tonumber(os.getenv("EMGEK_THREADS"))
  local i = 0
  for line in io.lines(os.getenv("EMGEK_PAIRS")) do
    if i % stride == id then
      table.insert(pairs_, line)
    end
    i = i + 1
  end
  next_ = 0
  headers_ = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
end

function request()
  next_ = next_ + 1
  local line = pairs_[next_]
  if line == nil then
    line = pairs_[1]
  end
  local contract, month = line:match("(%d+) (%S+)")
  local body = '{"month":"' .. month .. '","revenue_som":"15000","costs_som":"7000","jobs":1}'
  return wrk.format("POST", "/api/v1/contracts/" .. contract .. "/reports", headers_, body)
end
