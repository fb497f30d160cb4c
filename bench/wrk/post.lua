-- wrk script: send the request our client sends, and report the run as one JSON line.
--
-- BENCH_REQUEST_FILE names the captured request: header lines "Name: value", an empty line,
-- then the body. wrk adds Host and Content-Length itself.

local path = assert(os.getenv("BENCH_REQUEST_FILE"), "BENCH_REQUEST_FILE is not set")
local file = assert(io.open(path, "rb"))
local text = file:read("*a")
file:close()

local head, body = text:match("^(.-)\n\n(.*)$")
assert(head, "the request file has no empty line between headers and body")

wrk.method = "POST"
wrk.path = "/"
wrk.body = body
for line in head:gmatch("[^\n]+") do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  assert(name, "bad header line: " .. line)
  wrk.headers[name] = value
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_mean_us": %.3f, "latency_median_us": %.3f, "latency_p99_us": %.3f, ' ..
    '"latency_max_us": %.3f}\n',
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency.mean, latency:percentile(50), latency:percentile(99), latency.max))
end
