// Request metrics in Prometheus text format: a counter of requests and a
// latency histogram per (route, method, status class), plus gauges that other
// parts register (job queue depth, open connections).
//
// Thread-safety: thread-safe; Observe() takes one short mutex.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "base/mutex.h"

namespace pol::http {

class Metrics {
 public:
  void Observe(const std::string& route, const std::string& method, int status, double seconds);
  // A gauge computed at scrape time.
  void AddGauge(std::string name, std::string help, std::function<double()> fn);
  std::string Render() const;

  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  5.0};

 private:
  struct Series {
    uint64_t count = 0;
    double sum = 0;
    std::array<uint64_t, kBuckets.size()> buckets{};
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> fn;
  };
  mutable Mutex mu_;
  std::map<std::tuple<std::string, std::string, std::string>, Series> series_ GUARDED_BY(mu_);
  std::vector<Gauge> gauges_ GUARDED_BY(mu_);
};

}  // namespace pol::http
