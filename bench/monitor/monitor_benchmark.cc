// Media monitoring speed (issue 7):
//   BM_PipelineCpu        extract (gumbo) → normalize → fingerprint → mentions → tone → pickup check,
//                         per article page, on one core
//   BM_PipelineWithIndex  the same plus storing: dedup lookups, the item row with its gzip evidence, the
//                         FTS5 row (pol tokenizer), mentions, pickups — batches of 200 per transaction
//   BM_PickupCheck        one outlet article (raw paragraphs) against 100,000 releases in the pickup index
//   BM_PickupCheckTerms   the same on the article's search terms, as the pipeline calls it
// Pages are built from the Fars sample the way the test news server renders them.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "monitor/analysis.h"
#include "monitor/pipeline.h"
#include "monitor/reuse_set.h"
#include "store/migrations.h"
#include "store/open.h"
#include "text/search_terms.h"

namespace pol::monitor {
namespace {

std::string Esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '<')
      o += "&lt;";
    else if (c == '&')
      o += "&amp;";
    else if (c == '"')
      o += "&quot;";
    else
      o += c;
  }
  return o;
}

std::string Page(const SampleArticle& a, int i) {
  std::string html =
      "<!doctype html><html lang=\"fa\"><head><meta charset=\"utf-8\"><title>" + Esc(a.title) +
      " | سایت</title><meta property=\"og:title\" content=\"" + Esc(a.title) +
      "\"><meta property=\"article:published_time\" content=\"2025-06-10T08:00:00+03:30\"></head><body>"
      "<nav><a href=\"/\">خانه</a></nav><article><h1>" +
      Esc(a.title) + "</h1><div class=\"lead\">" + Esc(a.lead) + "</div><div class=\"body\">";
  for (const auto& p : a.paragraphs) html += "<p>" + Esc(p) + "</p>";
  html += "</div></article><footer>" + std::to_string(i) + "</footer></body></html>";
  return html;
}

struct Fixture {
  std::vector<SampleArticle> sample;
  std::vector<std::string> pages;
  std::unique_ptr<MentionMatcher> mentions;
  ToneModel tone;
  std::unique_ptr<PickupIndex> releases;  // 200 releases from the reuse set

  Fixture() {
    sample = LoadSample(std::string(POL_SHARED_DIR) + "/data/news/fars-news-sample.jsonl");
    for (size_t i = 0; i < sample.size(); ++i) pages.push_back(Page(sample[i], static_cast<int>(i)));
    std::vector<WatchTerm> terms;
    const char* names[] = {
        "تأمین اجتماعی", "سازمان تأمین اجتماعی", "بهزیستی",        "وزارت کار",  "فنی و حرفه‌ای",
        "بانک رفاه",     "صندوق بازنشستگی",      "وزارت ارتباطات", "پست بانک",   "وزارت نیرو",
        "شهرداری تهران", "مجلس شورای اسلامی",    "وزارت بهداشت",   "بانک مرکزی", "وزیر کار"};
    int id = 1;
    for (const char* n : names) terms.push_back({id, id % 5 + 1, "name", n}), ++id;
    mentions = std::make_unique<MentionMatcher>(terms);
    tone.Train(BuiltinToneData());
    releases = std::make_unique<PickupIndex>();
    ReuseSet set = BuildReuseSet(sample, 200);
    for (const auto& [rid, paras] : set.releases) releases->Add(rid, paras);
  }
};

Fixture& F() {
  static Fixture f;
  return f;
}

void BM_PipelineCpu(benchmark::State& state) {
  Fixture& f = F();
  Models models{f.mentions.get(), &f.tone, f.releases.get()};
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& page = f.pages[i % f.pages.size()];
    RawDocument doc{.url = "https://outlet.example/news/" + std::to_string(i),
                    .html = page,
                    .raw = page,
                    .council_id = 1,
                    .fetched_at = 1};
    ProcessedItem p = Process(doc, models);
    benchmark::DoNotOptimize(p);
    bytes += page.size();
    ++i;
  }
  state.SetItemsProcessed(static_cast<int64_t>(i));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_PipelineCpu)->Unit(benchmark::kMicrosecond);

void BM_PipelineWithIndex(benchmark::State& state) {
  Fixture& f = F();
  Models models{f.mentions.get(), &f.tone, f.releases.get()};
  const auto dir = std::filesystem::temp_directory_path() / "pol-monitor-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto db = store::Open({.url = (dir / "pol.db").string()});
  if (!db.ok() || !(*db)->Migrate(store::AllMigrations()).ok()) {
    state.SkipWithError("database");
    return;
  }
  (void)(*db)->Write([](store::Conn& c) -> Status {
    POL_RETURN_IF_ERROR(
        c.Exec("INSERT INTO councils(slug, name, created_at, updated_at) VALUES ('b', 'ب', 0, 0)").status());
    for (int a = 1; a <= 5; ++a) {  // the agencies the watch terms point to
      POL_RETURN_IF_ERROR(
          c.Exec(
               "INSERT INTO agencies(council_id, slug, name, created_at, updated_at) VALUES (1, ?, 'الف', 0, 0)",
               {"a" + std::to_string(a)})
              .status());
    }
    return Status::Ok();
  });
  // The benchmark's releases are not rows of this database: pickups are checked, not stored.
  auto no_release = [](int64_t) -> std::optional<int64_t> { return std::nullopt; };
  size_t i = 0;
  const size_t kBatch = 200;
  for (auto _ : state) {
    std::vector<ProcessedItem> batch;
    for (size_t k = 0; k < kBatch; ++k, ++i) {
      const std::string& page = f.pages[i % f.pages.size()];
      RawDocument doc{
          .url = "https://outlet" + std::to_string(i / f.pages.size()) + ".example/news/" + std::to_string(i),
          .html = page,
          .raw = page,
          .council_id = 1,
          .fetched_at = 1};
      batch.push_back(Process(doc, models));
    }
    Status st = (*db)->Write([&](store::Conn& c) -> Status {
      for (auto& p : batch) POL_RETURN_IF_ERROR(StoreItem(c, p, 1, no_release).status());
      return Status::Ok();
    });
    if (!st.ok()) {
      state.SkipWithError(st.ToString().c_str());
      break;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(i));
  db->reset();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_PipelineWithIndex)->Unit(benchmark::kMillisecond)->Iterations(15);

// Synthetic releases (AddSyntheticReleases): draws from the sample's vocabulary by frequency, so they are
// distinct texts with the sample's word statistics; the real releases of the reuse set's test part
// (140) are among them.
PickupIndex& BigIndex(int64_t n) {
  static std::unique_ptr<PickupIndex> big;
  if (!big) {
    Fixture& f = F();
    big = std::make_unique<PickupIndex>();
    ReuseSet set = BuildReuseSet(f.sample, 200);
    for (const auto& [rid, paras] : set.releases) big->Add(rid, paras);
    const auto have = static_cast<int64_t>(set.releases.size());
    AddSyntheticReleases(f.sample, n - have, 1000000 + have, big.get());
  }
  return *big;
}

void BM_PickupCheck(benchmark::State& state) {
  Fixture& f = F();
  static std::vector<ReuseCase> cases = BuildReuseSet(f.sample, 200).cases;
  PickupIndex& big = BigIndex(state.range(0));
  size_t i = 0, found = 0;
  for (auto _ : state) {
    auto hits = big.Check(cases[i % cases.size()].paragraphs);
    found += !hits.empty();
    benchmark::DoNotOptimize(hits);
    ++i;
  }
  state.counters["releases"] = static_cast<double>(big.size());
  state.counters["found_share"] = static_cast<double>(found) / static_cast<double>(i);
}
BENCHMARK(BM_PickupCheck)->Arg(100000)->Unit(benchmark::kMicrosecond);

// The same check as the pipeline makes it: on the item's search terms, computed once per article for
// every step (fingerprint, mentions, tone, pickup). Uses the index BM_PickupCheck built.
void BM_PickupCheckTerms(benchmark::State& state) {
  Fixture& f = F();
  static std::vector<std::vector<std::vector<std::string>>> terms;
  if (terms.empty()) {
    for (const auto& c : BuildReuseSet(f.sample, 200).cases) {
      std::vector<std::vector<std::string>> t;
      for (const auto& p : c.paragraphs) t.push_back(text::SearchTerms(p));
      terms.push_back(std::move(t));
    }
  }
  PickupIndex& big = BigIndex(state.range(0));
  size_t i = 0, found = 0;
  for (auto _ : state) {
    auto hits = big.CheckTerms(terms[i % terms.size()]);
    found += !hits.empty();
    benchmark::DoNotOptimize(hits);
    ++i;
  }
  state.counters["releases"] = static_cast<double>(big.size());
  state.counters["found_share"] = static_cast<double>(found) / static_cast<double>(i);
}
BENCHMARK(BM_PickupCheckTerms)->Arg(100000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace pol::monitor

BENCHMARK_MAIN();
