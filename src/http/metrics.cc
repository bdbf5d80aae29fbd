#include "http/metrics.h"

#include <fmt/format.h>

namespace pol::http {

void Metrics::Observe(const std::string& route, const std::string& method, int status, double seconds) {
  std::string cls = std::to_string(status / 100) + "xx";
  MutexLock lock(&mu_);
  Series& s = series_[{route, method, cls}];
  ++s.count;
  s.sum += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++s.buckets[i];
  }
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> fn) {
  MutexLock lock(&mu_);
  gauges_.push_back({std::move(name), std::move(help), std::move(fn)});
}

std::string Metrics::Render() const {
  std::string out;
  std::vector<Gauge> gauges;
  {
    MutexLock lock(&mu_);
    gauges = gauges_;
    out += "# HELP pol_http_requests_total HTTP requests by route, method and status class.\n";
    out += "# TYPE pol_http_requests_total counter\n";
    for (const auto& [key, s] : series_) {
      const auto& [route, method, cls] = key;
      out += fmt::format("pol_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n", route,
                         method, cls, s.count);
    }
    out += "# HELP pol_http_request_duration_seconds Request latency by route.\n";
    out += "# TYPE pol_http_request_duration_seconds histogram\n";
    for (const auto& [key, s] : series_) {
      const auto& [route, method, cls] = key;
      std::string labels = fmt::format("route=\"{}\",method=\"{}\",status=\"{}\"", route, method, cls);
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        out += fmt::format("pol_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                           kBuckets[i], s.buckets[i]);
      }
      out += fmt::format("pol_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, s.count);
      out += fmt::format("pol_http_request_duration_seconds_sum{{{}}} {}\n", labels, s.sum);
      out += fmt::format("pol_http_request_duration_seconds_count{{{}}} {}\n", labels, s.count);
    }
  }
  for (const auto& g : gauges) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", g.name, g.help, g.name, g.name, g.fn());
  }
  return out;
}

}  // namespace pol::http
