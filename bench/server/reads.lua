-- wrk script for the read load of issue 5 (bench/server/run_server_bench.sh), used for keyledger
-- and for the nginx peer alike so that wrk does the same work for both: GET each path of
-- KL_PATHS (comma-separated) in turn, keep-alive, with the Cookie KL_COOKIE if set. The requests
-- are formatted once per thread in init(); request() only hands out the next one.
-- keyledger: KL_PATHS=/api/projects/<id>,... and KL_COOKIE=session=<token> of the projects' owner.
-- nginx:     KL_PATHS=/static-100.txt, no cookie.
local cookie = os.getenv("KL_COOKIE")
local paths = {}
for p in string.gmatch(os.getenv("KL_PATHS") or "", "[^,]+") do paths[#paths + 1] = p end
if #paths == 0 then error("KL_PATHS is empty") end

local threads = 0
function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

local requests = {}
local counter = 0
function init(args)
  local headers = {}
  if cookie and cookie ~= "" then headers["Cookie"] = cookie end
  for i, p in ipairs(paths) do requests[i] = wrk.format("GET", p, headers) end
  counter = (thread_id or 0) * 31
end

function request()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end
