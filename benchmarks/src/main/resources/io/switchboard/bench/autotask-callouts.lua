-- wrk script: signed Autotask ticket callouts spread over many connections and tickets.
-- Needs the TARGETS env var: a file of "<callout path>\t<webhook secret>\t<webhook GUID>" lines, SEQUENCE_BASE:
-- a number no earlier run used, so a second run's events are new events, not redeliveries, and EVENT_TIME: the
-- callouts' EventTime (the service refuses events older than its deduplication window).
-- Signs each body with HMAC-SHA1 through libcrypto (LuaJIT FFI), as Autotask does, so every request is a
-- distinct, verifiable event: (GUID, SequenceNumber) never repeats across threads or requests.
local ffi = require("ffi")
ffi.cdef [[
const void *EVP_sha1(void);
unsigned char *HMAC(const void *md, const void *key, int key_len, const unsigned char *d, size_t n,
                    unsigned char *out, unsigned int *out_len);
int EVP_EncodeBlock(unsigned char *t, const unsigned char *f, int n);
]]
local ok, crypto = pcall(ffi.load, "crypto")
if not ok then crypto = ffi.load("libcrypto.so.3") end
local sha1 = crypto.EVP_sha1()
local mac = ffi.new("unsigned char[20]")
local mac_len = ffi.new("unsigned int[1]")
local b64 = ffi.new("unsigned char[32]")

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("index", thread_count)
end

local targets = {}
local next_target = 0
local sequence = 0
local statuses = { "1", "5", "8", "7" }
local event_time

function init(args)
  for line in io.lines(os.getenv("TARGETS")) do
    local path, secret, guid = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
    if path then
      table.insert(targets, {
        secret = secret,
        body_head = '{"Action":"Update","Guid":"' .. guid .. '","EntityType":"Ticket","Id":',
        request_head = "POST " .. path .. " HTTP/1.1\r\nHost: " .. wrk.headers["Host"]
            .. "\r\nContent-Type: application/json\r\nX-Hook-Signature: sha1=",
      })
    end
  end
  assert(#targets > 0, "no targets in " .. tostring(os.getenv("TARGETS")))
  event_time = assert(os.getenv("EVENT_TIME"), "EVENT_TIME is not set")
  -- distinct sequence ranges per thread keep event ids unique without coordination
  sequence = tonumber(os.getenv("SEQUENCE_BASE")) + index * 1000000000
  math.randomseed(index * 7919)
end

local function sign(secret, body)
  crypto.HMAC(sha1, secret, #secret, body, #body, mac, mac_len)
  local n = crypto.EVP_EncodeBlock(b64, mac, mac_len[0])
  return ffi.string(b64, n)
end

-- The request is written out directly rather than through wrk.format (a headers table per request, walked with
-- string.format per header): the generator shares the 2 cores with the service it measures.
function request()
  next_target = next_target % #targets + 1
  local t = targets[next_target]
  sequence = sequence + 1
  local ticket = math.random(1, 200000)
  -- "%d": concatenating a number above 10^14 writes it as a float (4.5000000001235e+14), which Autotask never sends,
  -- which the service then parses on its slow path, and whose 14 digits would name several events alike
  local number = string.format("%d", sequence)
  local body = t.body_head .. ticket
      .. ',"Fields":{"Status":"' .. statuses[sequence % #statuses + 1] .. '","Title":"Printer offline \\u00e9 #'
      .. ticket .. '"},"EventTime":"' .. event_time .. '","SequenceNumber":' .. number
      .. ',"PersonID":29682810}'
  return t.request_head .. sign(t.secret, body) .. "\r\nContent-Length: " .. #body .. "\r\n\r\n" .. body
end

-- No response() callback: with one, wrk parses every answer into Lua, which took CPU from the service under test on
-- this 2-core machine. wrk itself counts answers with a status of 400 or more (the service answers nothing in 3xx).
function done(summary, latency, requests)
  local other_total = summary.errors.status
  local ok_total = summary.requests - other_total
  io.write(string.format("WRK_RESULT accepted=%d non2xx=%d socket_errors=%d seconds=%.3f p50_us=%d p99_us=%d\n",
      ok_total, other_total,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      summary.duration / 1e6, latency:percentile(50), latency:percentile(99)))
end
