// Search over N media items (default 1,000,000): builds (or reuses) a database of synthetic articles
// made from the Fars sample — each a sample title, lead and one paragraph drawn independently, so the
// texts differ while keeping the sample's words — then runs two-term queries through the real code path
// (monitor::TranslateQuery → store::ListMediaItems: a count capped at kSearchCountCap, then the best 50
// by bm25 — or the newest 50 when the count is capped — and snippets for those 50) and prints
// p50/p95/p99 latency; "matches" is the mean of the (capped) counts.
//   monitor_search_bench [N] [DIR]     (DIR default /tmp/pol-search-bench; kept for reruns)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "monitor/query.h"
#include "monitor/reuse_set.h"
#include "store/migrations.h"
#include "store/monitor_repo.h"
#include "store/open.h"

using namespace pol;

int main(int argc, char** argv) {
  const int64_t n = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const std::string dir = argc > 2 ? argv[2] : "/tmp/pol-search-bench";
  std::filesystem::create_directories(dir);
  auto sample = monitor::LoadSample(std::string(POL_SHARED_DIR) + "/data/news/fars-news-sample.jsonl");
  std::vector<std::string> paragraphs;
  for (const auto& a : sample) paragraphs.insert(paragraphs.end(), a.paragraphs.begin(), a.paragraphs.end());
  auto db = store::Open({.url = dir + "/pol.db"});
  if (!db.ok() || !(*db)->Migrate(store::AllMigrations()).ok()) {
    std::fprintf(stderr, "database error\n");
    return 1;
  }
  int64_t have = 0;
  (void)(*db)->Write([&](store::Conn& c) -> Status {
    POL_RETURN_IF_ERROR(
        c.Exec("INSERT INTO councils(slug, name, created_at, updated_at) VALUES ('b', 'ب', 0, 0) "
               "ON CONFLICT DO NOTHING")
            .status());
    POL_ASSIGN_OR_RETURN(auto r, c.QueryOne("SELECT COUNT(*) FROM media_items"));
    have = r.Int(0);
    return Status::Ok();
  });
  std::mt19937_64 rng(5);
  const auto t0 = std::chrono::steady_clock::now();
  int64_t text_bytes = 0;
  for (int64_t i = have; i < n; i += 10000) {
    Status st = (*db)->Write([&](store::Conn& c) -> Status {
      for (int64_t k = i; k < std::min(n, i + 10000); ++k) {
        const auto& a = sample[rng() % sample.size()];
        const auto& b = sample[rng() % sample.size()];
        const std::string& p = paragraphs[rng() % paragraphs.size()];
        text_bytes += static_cast<int64_t>(a.title.size() + b.lead.size() + p.size());
        POL_RETURN_IF_ERROR(
            c.Exec("INSERT INTO media_items(council_id, outlet, canonical_url, url, fingerprint, title, "
                   "lead, body, published_at, fetched_at) VALUES (1, 'o', ?, ?, '', ?, ?, ?, ?, ?)",
                   {"https://o/" + std::to_string(k), "https://o/" + std::to_string(k), a.title, b.lead, p,
                    int64_t{1700000000000} + k * 1000, int64_t{1700000000000} + k * 1000})
                .status());
      }
      return Status::Ok();
    });
    if (!st.ok()) {
      std::fprintf(stderr, "insert: %s\n", st.ToString().c_str());
      return 1;
    }
    if ((i / 10000) % 10 == 0) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::fprintf(stderr, "\r%lld / %lld rows, %.0f s", static_cast<long long>(i + 10000),
                   static_cast<long long>(n), s);
    }
  }
  if (have < n) {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("\nbuilt %lld rows in %.1f s (%.0f rows/s, %.1f MB of text)\n",
                static_cast<long long>(n - have), s, static_cast<double>(n - have) / s,
                static_cast<double>(text_bytes) / 1e6);
    (void)(*db)->Write([](store::Conn& c) {
      return c.Exec("INSERT INTO media_items_fts(media_items_fts) VALUES ('optimize')").status();
    });
  }
  // Two-term queries: words of sample titles (search terms of 3+ letters), paired at random.
  const std::vector<std::string> words = monitor::SampleTitleWords(sample);
  std::vector<double> ms;
  int64_t matched = 0;
  const int queries = 200;
  for (int q = 0; q < queries + 10; ++q) {
    const std::string query = words[rng() % words.size()] + " " + words[rng() % words.size()];
    auto fts = monitor::TranslateQuery(query);
    if (!fts.ok()) continue;
    const auto s = std::chrono::steady_clock::now();
    int64_t total = 0;
    Status st = (*db)->Read([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(
          auto page,
          store::ListMediaItems(c, {.only_councils = std::vector<int64_t>{1}, .fts = *fts, .limit = 50}));
      total = page.total;
      return Status::Ok();
    });
    const double e = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s).count();
    if (!st.ok()) {
      std::fprintf(stderr, "query: %s\n", st.ToString().c_str());
      return 1;
    }
    if (q >= 10) {  // the first ten warm the cache
      ms.push_back(e);
      matched += total;
    }
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double p) {
    return ms[std::min(ms.size() - 1, static_cast<size_t>(p * static_cast<double>(ms.size())))];
  };
  std::printf(
      "%lld items, %zu two-term queries (mean %lld matches): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n",
      static_cast<long long>(n), ms.size(), static_cast<long long>(matched / static_cast<int64_t>(ms.size())),
      at(0.5), at(0.95), at(0.99), ms.back());
  return 0;
}
