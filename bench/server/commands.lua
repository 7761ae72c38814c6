-- wrk script for the durable-command load of issue 5 (bench/server/run_server_bench.sh):
-- POST /api/accounts/{id}/visits, logging a short phone call, as a signed-in salesperson in a
-- browser would: the session cookie, the CSRF-proof header X-Requested-With: keyledger, and a
-- fresh Idempotency-Key per request (the dashboard sends one on every POST). Each visit is a new
-- stream (visit-<uuid>), so concurrent requests never conflict and need no If-Match.
-- Environment: KL_COOKIE ("session=..."), KL_ACCOUNTS (comma-separated account ids owned by the
-- signed-in user, visited in turn), KL_VISIT_DATE (YYYY-MM-DD, not in the future).
local cookie = os.getenv("KL_COOKIE") or error("KL_COOKIE is not set")
local date = os.getenv("KL_VISIT_DATE") or error("KL_VISIT_DATE is not set")
local accounts = {}
for id in string.gmatch(os.getenv("KL_ACCOUNTS") or "", "[^,]+") do accounts[#accounts + 1] = id end
if #accounts == 0 then error("KL_ACCOUNTS is empty") end

local threads = 0
function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

local counter = 0
function init(args)
  counter = (thread_id or 0) * 7919
  math.randomseed(os.time() * 1000 + (thread_id or 0))
end

local function uuid()
  return string.format("%08x-%04x-4%03x-%04x-%04x%08x", math.random(0, 0xffffffff), math.random(0, 0xffff),
    math.random(0, 0xfff), 0x8000 + math.random(0, 0x3fff), math.random(0, 0xffff), math.random(0, 0xffffffff))
end

local body = '{"kind":"phone","date":"' .. date .. '","people_met":"王经理","content":"确认下周方案评审时间","report":"客户同意 12 月 10 日评审"}'

function request()
  counter = counter + 1
  local account = accounts[(counter % #accounts) + 1]
  return wrk.format("POST", "/api/accounts/" .. account .. "/visits", {
    ["Cookie"] = cookie,
    ["X-Requested-With"] = "keyledger",
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = uuid(),
  }, body)
end
