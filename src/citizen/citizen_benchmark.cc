// Routing speed: one request through rules + the naive Bayes model trained on the shipped labelled set.
#include <benchmark/benchmark.h>

#include <map>

#include "citizen/requests.h"
#include "citizen/router.h"

namespace pol::citizen {
namespace {

struct Fixture {
  Router router;
  std::vector<LabelledRequest> set = ParseLabelledSet(ShippedLabelledSet());
  std::vector<int64_t> allowed;
  Fixture() {
    std::map<std::string, int64_t> ids;
    std::vector<LabelledText> samples;
    for (const auto& s : set) {
      auto [it, fresh] = ids.emplace(s.agency, static_cast<int64_t>(ids.size() + 1));
      samples.push_back({s.subject + "\n" + s.text, it->second});
    }
    for (const auto& [slug, id] : ids) allowed.push_back(id);
    router.SetModel(1, std::make_shared<const NaiveBayes>(NaiveBayes::Train(samples)));
    router.SetRules(1, {{1, 1, 10, RuleTerms("کالابرگ"), {}}, {2, 3, 10, RuleTerms("دیالیز"), {}}});
  }
};

void BM_RouteRequest(benchmark::State& state) {
  static Fixture f;
  size_t i = 0;
  for (auto _ : state) {
    const auto& s = f.set[i++ % f.set.size()];
    benchmark::DoNotOptimize(f.router.Route(1, std::nullopt, s.type, s.subject, s.text, f.allowed));
  }
}
BENCHMARK(BM_RouteRequest);

void BM_TrainModel(benchmark::State& state) {
  static Fixture f;
  std::vector<LabelledText> samples;
  for (const auto& s : f.set)
    samples.push_back({s.subject + "\n" + s.text, static_cast<int64_t>(s.agency.size())});
  for (auto _ : state) benchmark::DoNotOptimize(NaiveBayes::Train(samples));
}
BENCHMARK(BM_TrainModel)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pol::citizen

BENCHMARK_MAIN();
