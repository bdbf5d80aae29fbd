// Speed figures of the Persian text core (issue 3), on the 600-article news
// sample in ../shared/data/news. Results are recorded in docs/benchmarks-text.md.
#include <benchmark/benchmark.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "text/jalali.h"
#include "text/lsh.h"
#include "text/minhash.h"
#include "text/normalize.h"
#include "text/search_terms.h"
#include "text/shingles.h"
#include "text/tokenizer.h"

namespace {

using namespace pol::text;  // NOLINT(build/namespaces)

const std::vector<std::string>& Articles() {
  static const auto* articles = [] {
    auto* v = new std::vector<std::string>();
    std::ifstream in(std::string(POL_SHARED_DIR) + "/data/news/fars-news-sample.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      auto j = nlohmann::json::parse(line);
      std::string t = j.value("title", "");
      t.push_back('\n');
      t.append(j.value("abstract", ""));
      for (const auto& p : j["paragraphs"]) {
        t.push_back('\n');
        t.append(p.get<std::string>());
      }
      v->push_back(std::move(t));
    }
    return v;
  }();
  return *articles;
}

const std::string& Corpus() {
  static const auto* corpus = [] {
    auto* s = new std::string();
    for (const auto& a : Articles()) {
      s->append(a);
      s->push_back('\n');
    }
    return s;
  }();
  return *corpus;
}

// An article of about 3 KB (the unit for MinHash).
const std::string& Article3K() {
  static const auto* a = [] {
    for (const auto& t : Articles()) {
      if (t.size() >= 3000 && t.size() <= 3400) return new std::string(t);
    }
    return new std::string(Corpus().substr(0, 3072));
  }();
  return *a;
}

void BM_NormalizeDisplay(benchmark::State& state) {
  const std::string& in = Corpus();
  std::string out;
  for (auto _ : state) {
    out.clear();
    NormalizeDisplayAppend(in, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(in.size()));
}
BENCHMARK(BM_NormalizeDisplay)->Unit(benchmark::kMillisecond);

void BM_NormalizeDisplay_AlreadyNormal(benchmark::State& state) {
  static const std::string in = NormalizeDisplay(Corpus());
  std::string out;
  for (auto _ : state) {
    out.clear();
    NormalizeDisplayAppend(in, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(in.size()));
}
BENCHMARK(BM_NormalizeDisplay_AlreadyNormal)->Unit(benchmark::kMillisecond);

void BM_NormalizeDisplay_PerArticle(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& a : Articles()) benchmark::DoNotOptimize(NormalizeDisplay(a));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(Corpus().size()));
}
BENCHMARK(BM_NormalizeDisplay_PerArticle)->Unit(benchmark::kMillisecond);

void BM_Tokenize(benchmark::State& state) {
  static const std::string in = NormalizeDisplay(Corpus());
  for (auto _ : state) benchmark::DoNotOptimize(Tokenize(in));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(in.size()));
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

// Normalize + tokenize + fold + stop words + stem.
void BM_SearchTerms(benchmark::State& state) {
  std::vector<std::string> terms;
  for (auto _ : state) {
    for (const auto& a : Articles()) {
      terms.clear();
      AppendSearchTerms(a, &terms);
      benchmark::DoNotOptimize(terms.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(Corpus().size()));
}
BENCHMARK(BM_SearchTerms)->Unit(benchmark::kMillisecond);

void BM_MinHash128_3KB(benchmark::State& state) {
  static const std::vector<uint64_t> shingles = TextShingles(Article3K());
  for (auto _ : state) benchmark::DoNotOptimize(MinHash(shingles));
  state.counters["shingles"] = static_cast<double>(shingles.size());
  state.counters["bytes"] = static_cast<double>(Article3K().size());
}
BENCHMARK(BM_MinHash128_3KB)->Unit(benchmark::kMicrosecond);

// The whole fingerprint of a 3 KB article from raw text (terms, shingles, MinHash).
void BM_Fingerprint3KB_FromText(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(MinHash(TextShingles(Article3K())));
}
BENCHMARK(BM_Fingerprint3KB_FromText)->Unit(benchmark::kMicrosecond);

void BM_LshLookup_100k(benchmark::State& state) {
  static LshIndex* index = [] {
    auto* idx = new LshIndex();
    std::mt19937_64 rng(7);
    std::vector<uint64_t> s(300);
    // 99,400 unrelated documents plus the 600 real articles.
    for (uint64_t i = 0; i < 99400; ++i) {
      for (auto& x : s) x = rng();
      idx->Add(i, MinHash(s));
    }
    for (size_t i = 0; i < Articles().size(); ++i)
      idx->Add(1000000 + i, MinHash(TextShingles(Articles()[i])));
    return idx;
  }();
  static const std::vector<MinHashSignature> queries = [] {
    std::vector<MinHashSignature> q;
    for (size_t i = 0; i < 100; ++i) q.push_back(MinHash(TextShingles(Articles()[i])));
    return q;
  }();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    auto c = index->Candidates(queries[i++ % queries.size()]);
    found += c.size();
    benchmark::DoNotOptimize(c.data());
  }
  state.counters["signatures"] = static_cast<double>(index->size());
  state.counters["candidates"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_LshLookup_100k)->Unit(benchmark::kMicrosecond);

void BM_JalaliRoundTrip(benchmark::State& state) {
  int64_t d = 19000;
  for (auto _ : state) {
    JalaliDate j = JalaliFromDays(d++);
    benchmark::DoNotOptimize(DaysFromJalali(j));
  }
}
BENCHMARK(BM_JalaliRoundTrip);

}  // namespace

BENCHMARK_MAIN();
