// Press-pickup precision and recall on both parts of the reuse set (monitor/reuse_set.h): the test part
// (Fars news ids even; monitor_pickup_test asserts on it, the detector is tuned on it) and the held-out
// part (ids odd; never tuned on). Prints the figures per kind of outlet version and, with --misses,
// every miss and false positive with its evidence; with --synthetic N, N synthetic releases
// (AddSyntheticReleases) join the index first, as many as production has. Not Google Benchmark: it
// measures quality, not time.
//   pickup_reuse_figures [--misses] [--synthetic N]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "monitor/reuse_set.h"

using namespace pol;

int main(int argc, char** argv) {
  bool misses = false;
  int64_t synthetic = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--misses") == 0) misses = true;
    if (std::strcmp(argv[i], "--synthetic") == 0 && i + 1 < argc) synthetic = std::atoll(argv[++i]);
  }
  const auto sample = monitor::LoadSample(std::string(POL_SHARED_DIR) + "/data/news/fars-news-sample.jsonl");
  if (sample.size() < 500) {
    std::fprintf(stderr, "the Fars sample is missing under %s\n", POL_SHARED_DIR);
    return 1;
  }
  int failed = 0;
  for (const auto part : {monitor::ReusePart::kTuning, monitor::ReusePart::kHeldOut}) {
    const char* name = part == monitor::ReusePart::kTuning ? "test part" : "held-out part";
    const monitor::ReuseSet set = monitor::BuildReuseSet(sample, 140, 7, part);
    const monitor::ReuseFigures f = monitor::MeasureReuse(set, {}, &sample, synthetic);
    const std::string label =
        synthetic > 0 ? std::string(name) + " + " + std::to_string(synthetic) + " synthetic" : name;
    std::printf("%s", monitor::FormatReuseFigures(set, f, label, misses).c_str());
    // Issue 18's target: recall ≥ 0.97 at precision ≥ 0.99.
    if (f.precision < 0.99 || f.recall < 0.97) ++failed;
  }
  return failed == 0 ? 0 : 2;
}
