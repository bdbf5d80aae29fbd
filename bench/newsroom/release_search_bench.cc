// Release search over N releases (default 100,000; issue 4: p95 < 30 ms): builds (or reuses) a database of
// releases made from ../shared/data/news/fars-news-sample.jsonl — each a sample title, the abstract of
// another article as its lead and two paragraphs drawn independently, spread over ten agencies and two
// years — then runs queries through the newsroom's code path (text::QueryWords → store::ListReleases:
// FTS5 MATCH with the text core's tokenizer, the count, the best 20 by bm25 with snippets and their tags,
// co-signers and photos) and prints p50/p95/p99 latency. Three query mixes: two title words; one title
// word plus an agency filter (the console's most common search); two words with a Jalali-month date range.
//   release_search_bench [N] [DIR]     (DIR default /tmp/pol-release-search-bench; kept for reruns)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "monitor/reuse_set.h"
#include "store/council_repo.h"
#include "store/migrations.h"
#include "store/open.h"
#include "store/release_repo.h"
#include "text/search_terms.h"

using namespace pol;

namespace {

// The sample's articles a release can be made of: with a title and at least one paragraph.
std::vector<monitor::SampleArticle> LoadArticles(const std::string& path) {
  std::vector<monitor::SampleArticle> out = monitor::LoadSample(path);
  std::erase_if(out, [](const monitor::SampleArticle& a) { return a.title.empty() || a.paragraphs.empty(); });
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t n = argc > 1 ? std::atoll(argv[1]) : 100000;
  const std::string dir = argc > 2 ? argv[2] : "/tmp/pol-release-search-bench";
  std::filesystem::create_directories(dir);
  const auto sample = LoadArticles(std::string(POL_SHARED_DIR) + "/data/news/fars-news-sample.jsonl");
  if (sample.empty()) {
    std::fprintf(stderr, "no sample articles\n");
    return 1;
  }
  auto db = store::Open({.url = dir + "/pol.db"});
  if (!db.ok() || !(*db)->Migrate(store::AllMigrations()).ok()) {
    std::fprintf(stderr, "database error\n");
    return 1;
  }
  constexpr int kAgencies = 10;
  constexpr int64_t kStart = 1700000000000;  // 2023-11-14
  constexpr int64_t kSpan = int64_t{2} * 365 * 24 * 3600 * 1000;
  int64_t have = 0, council = 0;
  std::vector<int64_t> agencies;
  Status st = (*db)->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto found, c.QueryOpt("SELECT id FROM councils WHERE slug = 'bench'"));
    if (found) {
      council = found->Int(0);
    } else {
      POL_ASSIGN_OR_RETURN(council, store::InsertCouncil(c, {.slug = "bench", .name = "شورای آزمون"}));
      for (int i = 0; i < kAgencies; ++i) {
        POL_RETURN_IF_ERROR(store::InsertAgency(c, {.council_id = council,
                                                    .slug = "a" + std::to_string(i),
                                                    .name = "دستگاه " + std::to_string(i)})
                                .status());
      }
    }
    POL_ASSIGN_OR_RETURN(auto rows,
                         c.Query("SELECT id FROM agencies WHERE council_id = ? ORDER BY id", {council}));
    for (const auto& r : rows) agencies.push_back(r.Int(0));
    POL_ASSIGN_OR_RETURN(auto count, c.QueryOne("SELECT COUNT(*) FROM releases"));
    have = count.Int(0);
    return Status::Ok();
  });
  if (!st.ok()) {
    std::fprintf(stderr, "setup: %s\n", st.ToString().c_str());
    return 1;
  }
  std::mt19937_64 rng(4);
  const auto t0 = std::chrono::steady_clock::now();
  for (int64_t i = have; i < n; i += 5000) {
    st = (*db)->Write([&](store::Conn& c) -> Status {
      for (int64_t k = i; k < std::min(n, i + 5000); ++k) {
        const monitor::SampleArticle& a = sample[rng() % sample.size()];
        const monitor::SampleArticle& b = sample[rng() % sample.size()];
        const monitor::SampleArticle& d = sample[rng() % sample.size()];
        const std::string p1 = a.paragraphs[rng() % a.paragraphs.size()];
        const std::string p2 = d.paragraphs[rng() % d.paragraphs.size()];
        const int64_t at = kStart + static_cast<int64_t>(rng() % static_cast<uint64_t>(kSpan));
        store::Release r{.agency_id = agencies[static_cast<size_t>(k) % agencies.size()],
                         .council_id = council,
                         .status = "published",
                         .title = a.title,
                         .lead = b.lead,
                         .body_html = "<p>" + p1 + "</p><p>" + p2 + "</p>",
                         .body_text = p1 + "\n" + p2,
                         .published_at = at,
                         .created_at = at,
                         .updated_at = at};
        POL_RETURN_IF_ERROR(store::InsertRelease(c, r).status());
      }
      return Status::Ok();
    });
    if (!st.ok()) {
      std::fprintf(stderr, "insert: %s\n", st.ToString().c_str());
      return 1;
    }
  }
  if (have < n) {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("built %lld releases in %.1f s\n", static_cast<long long>(n - have), s);
    (void)(*db)->Write([](store::Conn& c) {
      return c.Exec("INSERT INTO releases_fts(releases_fts) VALUES ('optimize')").status();
    });
  }
  const std::vector<std::string> words = monitor::SampleTitleWords(sample);
  struct Mix {
    const char* name;
    int terms;
    bool agency, month;
  };
  const Mix mixes[] = {{"two title words", 2, false, false},
                       {"one word + agency", 1, true, false},
                       {"two words + one month", 2, false, true}};
  for (const Mix& mix : mixes) {
    std::vector<double> ms;
    int64_t matched = 0;
    for (int q = 0; q < 210; ++q) {
      std::string query = words[rng() % words.size()];
      if (mix.terms == 2) query += " " + words[rng() % words.size()];
      store::ReleaseFilter f{
          .only_councils = std::vector<int64_t>{council}, .words = text::QueryWords(query), .limit = 20};
      if (f.words.empty()) continue;
      if (mix.agency) f.agency_id = agencies[rng() % agencies.size()];
      if (mix.month) {
        f.from =
            kStart + static_cast<int64_t>(rng() % static_cast<uint64_t>(kSpan - 31LL * 24 * 3600 * 1000));
        f.to = *f.from + 31LL * 24 * 3600 * 1000;
      }
      const auto s = std::chrono::steady_clock::now();
      int64_t total = 0;
      st = (*db)->Read([&](store::Conn& c) -> Status {
        POL_ASSIGN_OR_RETURN(auto page, store::ListReleases(c, f));
        total = page.total;
        return Status::Ok();
      });
      const double e =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s).count();
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
        "%lld releases, %-22s %zu queries (mean %lld matches): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max "
        "%.2f ms\n",
        static_cast<long long>(n), mix.name, ms.size(),
        static_cast<long long>(matched / std::max<int64_t>(1, static_cast<int64_t>(ms.size()))), at(0.5),
        at(0.95), at(0.99), ms.back());
  }
  return 0;
}
