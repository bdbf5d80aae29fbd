-- wrk script: durable citizen submissions through Open311 (POST /open311/v2/requests.json, JSON body).
-- Every request is a new submission with its own mobile; run the server with POL_CITIZEN_RATE_LIMITS=off.
-- A 201 means the request is committed (synchronous=FULL) and its tracking code returned.
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
local n = 0
request = function()
  n = n + 1
  local phone = string.format("09%d%07d", 10 + tid, n % 10000000)
  local body = string.format('{"service_code":"complaint","phone":"%s","name":"بار آزمون","description":"حقوق معوقه کارگران کارگاه شماره %d پرداخت نشده است و کارفرما پاسخ نمی‌دهد."}', phone, n)
  return wrk.format("POST", "/open311/v2/requests.json", {["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
