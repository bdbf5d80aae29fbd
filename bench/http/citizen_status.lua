-- wrk script: status lookups by tracking code (GET /open311/v2/requests/{code}.json), cycling over the codes in
-- the CODES environment variable (comma-separated; scripts/bench_citizen.sh files and verifies them first).
local codes = {}
for c in string.gmatch(os.getenv("CODES") or "", "[^,]+") do table.insert(codes, c) end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/open311/v2/requests/" .. codes[(i % #codes) + 1] .. ".json")
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
