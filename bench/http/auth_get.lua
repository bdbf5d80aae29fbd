-- wrk script: an authenticated GET of a small JSON resource.
-- The session cookie comes from the environment (scripts/bench.sh logs in first).
local cookie = os.getenv("POL_COOKIE")
wrk.method = "GET"
wrk.headers["Cookie"] = cookie
wrk.headers["Accept"] = "application/json"

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
