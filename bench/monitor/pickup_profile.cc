// The pickup check at scale, for profiling (issue 18 §1): builds the index BM_PickupCheckTerms uses (the
// reuse set's 200 releases and synthetic ones up to N), then
//   - prints the candidates per check (Explain) and a digest of every check's answer (ids, kinds and
//     containments of all the reuse cases), so a change meant only for speed shows it changed nothing;
//   - runs the checks on the cases' search terms ROUNDS times and prints CPU µs per check; under
//     `valgrind --tool=callgrind --instr-atstart=no` only that loop is instrumented, so building the
//     index does not dominate the profile and instruction counts are repeatable.
//   pickup_profile [N=100000] [ROUNDS=3]
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "monitor/reuse_set.h"
#include "text/search_terms.h"

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

using namespace pol;

namespace {

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

uint64_t Mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001B3ull + (h >> 29); }

}  // namespace

int main(int argc, char** argv) {
  const int64_t n = argc > 1 ? std::atoll(argv[1]) : 100000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  const auto sample = monitor::LoadSample(std::string(POL_SHARED_DIR) + "/data/news/fars-news-sample.jsonl");
  if (sample.size() < 500) {
    std::fprintf(stderr, "the Fars sample is missing under %s\n", POL_SHARED_DIR);
    return 1;
  }
  const monitor::ReuseSet set = monitor::BuildReuseSet(sample, 200);
  monitor::PickupIndex index;
  for (const auto& [id, paragraphs] : set.releases) index.Add(id, paragraphs);
  const auto have = static_cast<int64_t>(set.releases.size());
  if (n > have) monitor::AddSyntheticReleases(sample, n - have, 1000000 + have, &index);

  std::vector<std::vector<std::vector<std::string>>> terms;
  for (const auto& c : set.cases) {
    std::vector<std::vector<std::string>> t;
    for (const auto& p : c.paragraphs) t.push_back(text::SearchTerms(p));
    terms.push_back(std::move(t));
  }
  size_t candidates = 0, picked = 0;
  uint64_t digest = 1469598103934665603ull;
  for (size_t k = 0; k < set.cases.size(); ++k) {
    for (const auto& e : index.Explain(set.cases[k].paragraphs)) {
      ++candidates;
      picked += e.picked;
    }
    for (const auto& m : index.CheckTerms(terms[k])) {
      digest = Mix(digest, static_cast<uint64_t>(m.release_id));
      digest = Mix(digest, static_cast<uint64_t>(m.containment * 1e6));
      digest = Mix(digest, std::hash<std::string>{}(m.kind));
      for (int p : m.paragraphs) digest = Mix(digest, static_cast<uint64_t>(p));
    }
  }
  std::printf("releases %zu, cases %zu, candidates per check %.1f (picked %.2f), answers digest %016llx\n",
              index.size(), set.cases.size(),
              static_cast<double>(candidates) / static_cast<double>(set.cases.size()),
              static_cast<double>(picked) / static_cast<double>(set.cases.size()),
              static_cast<unsigned long long>(digest));

  size_t found = 0;
  const double t0 = CpuSeconds();
  CALLGRIND_START_INSTRUMENTATION;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& t : terms) found += index.CheckTerms(t).size();
  }
  CALLGRIND_STOP_INSTRUMENTATION;
  const double t1 = CpuSeconds();
  const double checks = static_cast<double>(rounds) * static_cast<double>(terms.size());
  std::printf("%.0f checks, %.1f µs CPU per check (%zu matches)\n", checks, (t1 - t0) * 1e6 / checks, found);
  return 0;
}
