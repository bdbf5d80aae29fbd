// Seeds a council's monitoring with N synthetic media items, fast, for bench/store_bench.sh (issue 14,
// "Speed": monitoring search p95 at 1,000,000 items on SQLite and on PostgreSQL). The items are made as
// monitor_search_bench makes them (a Fars-sample title, lead and paragraph drawn independently, seed 5),
// so both benches search the same kind of text.
//
//   seed_media_items --db URL --council SLUG --items N     adds items until the council has N synthetic
//                                                           ones (kept for reruns: a second run adds none)
//   seed_media_items --queries N                           prints N two-term queries of sample title words
//                                                           (one a line; the same set on every run)
//
// URL is what `pol serve` opens: an SQLite file (DATA/pol.db) or a postgresql:// URL; the data folder is
// made first with `pol init` + `pol demo` (the council and its users), and no `pol serve` runs meanwhile.
// SQLite: 10,000 rows a transaction, FTS5 indexes each row with the `pol` tokenizer (the real index).
// PostgreSQL: the text core's terms are computed here (store::TsVectorOf, the very function the write
// path uses) and inserted with the rows (search_stale false), 500 rows a statement; the GIN index is
// dropped during the load and built once at the end (same name and definition as migration 13).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "monitor/reuse_set.h"
#include "store/open.h"
#include "store/postgresql_impl/pg_search.h"

using namespace pol;

namespace {

constexpr int64_t kTime0 = 1700000000000;  // items are one second apart from here on
constexpr char kUrlPrefix[] = "https://bench.example.ir/";

struct Corpus {
  std::vector<monitor::SampleArticle> sample;
  std::vector<std::string> paragraphs;
};

Corpus LoadCorpus() {
  Corpus c;
  c.sample = monitor::LoadSample(std::string(POL_SHARED_DIR) + "/data/news/fars-news-sample.jsonl");
  for (const auto& a : c.sample)
    c.paragraphs.insert(c.paragraphs.end(), a.paragraphs.begin(), a.paragraphs.end());
  return c;
}

// Two words of sample titles (search terms, 6+ bytes) a line, as monitor_search_bench queries.
int PrintQueries(const Corpus& corpus, int n) {
  const std::vector<std::string> words = monitor::SampleTitleWords(corpus.sample);
  std::mt19937_64 rng(14);
  for (int q = 0; q < n; ++q) {
    std::printf("%s %s\n", words[rng() % words.size()].c_str(), words[rng() % words.size()].c_str());
  }
  return 0;
}

struct Item {
  std::string url, title, lead, body;
  int64_t at = 0;
};

int Seed(const std::string& url, const std::string& slug, int64_t n) {
  const Corpus corpus = LoadCorpus();
  if (corpus.sample.empty()) {
    std::fprintf(stderr, "the Fars sample is missing (%s/data/news)\n", POL_SHARED_DIR);
    return 1;
  }
  auto opened = store::Open({.url = url});
  if (!opened.ok()) {
    std::fprintf(stderr, "open %s: %s\n", url.c_str(), opened.status().ToString().c_str());
    return 1;
  }
  store::Database& db = **opened;
  const bool pg = db.BackendName() == "postgresql";
  int64_t council = 0, have = 0;
  Status st = db.Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, c.QueryOne("SELECT id FROM councils WHERE slug = ?", {slug}));
    council = r.Int(0);
    POL_ASSIGN_OR_RETURN(auto k, c.QueryOne("SELECT COUNT(*) FROM media_items WHERE council_id = ? AND "
                                            "canonical_url LIKE 'https://bench.example.ir/%'",
                                            {council}));
    have = k.Int(0);
    return Status::Ok();
  });
  if (!st.ok()) {
    std::fprintf(stderr, "council %s: %s (run pol init and pol demo first)\n", slug.c_str(),
                 st.ToString().c_str());
    return 1;
  }
  if (have >= n) {
    std::printf("council %s already has %lld synthetic items\n", slug.c_str(), static_cast<long long>(have));
    return 0;
  }
  std::mt19937_64 rng(5);
  auto make = [&](int64_t k) {
    const auto& a = corpus.sample[rng() % corpus.sample.size()];
    const auto& b = corpus.sample[rng() % corpus.sample.size()];
    const std::string& p = corpus.paragraphs[rng() % corpus.paragraphs.size()];
    return Item{kUrlPrefix + std::to_string(k), a.title, b.lead, p, kTime0 + k * 1000};
  };
  for (int64_t k = 0; k < have; ++k) (void)make(k);  // the same items as an uninterrupted run
  if (pg) {
    st = db.Write([](store::Conn& c) { return c.Exec("DROP INDEX IF EXISTS media_items_search").status(); });
    if (!st.ok()) {
      std::fprintf(stderr, "drop index: %s\n", st.ToString().c_str());
      return 1;
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  const int64_t per_tx = 10000, per_stmt = pg ? 500 : 1;
  const std::string one = pg ? "(?, 'bench', ?, ?, '', ?, ?, ?, ?, ?, CAST(? AS tsvector), false)"
                             : "(?, 'bench', ?, ?, '', ?, ?, ?, ?, ?)";
  const std::string head =
      std::string("INSERT INTO media_items(council_id, outlet, canonical_url, url, fingerprint, ") +
      "title, lead, body, published_at, fetched_at" + (pg ? ", search_vec, search_stale" : "") + ") VALUES ";
  for (int64_t i = have; i < n; i += per_tx) {
    st = db.Write([&](store::Conn& c) -> Status {
      const int64_t end = std::min(n, i + per_tx);
      for (int64_t k = i; k < end; k += per_stmt) {
        const int64_t rows = std::min(per_stmt, end - k);
        std::string sql = head;
        store::Params params;
        for (int64_t j = 0; j < rows; ++j) {
          Item it = make(k + j);
          sql += (j ? ", " : "") + one;
          params.insert(params.end(), {council, it.url, it.url, it.title, it.lead, it.body, it.at, it.at});
          if (pg) params.emplace_back(store::TsVectorOf({it.title, it.lead, it.body}));
        }
        POL_RETURN_IF_ERROR(c.Exec(sql, params).status());
      }
      return Status::Ok();
    });
    if (!st.ok()) {
      std::fprintf(stderr, "\ninsert: %s\n", st.ToString().c_str());
      return 1;
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "\r%lld / %lld items, %.0f s", static_cast<long long>(std::min(n, i + per_tx)),
                 static_cast<long long>(n), s);
  }
  st = db.Write([pg](store::Conn& c) {
    return pg ? c.Exec("CREATE INDEX IF NOT EXISTS media_items_search ON media_items USING GIN (search_vec)")
                    .status()
              : c.Exec("INSERT INTO media_items_fts(media_items_fts) VALUES ('optimize')").status();
  });
  if (!st.ok()) {
    std::fprintf(stderr, "\nindex: %s\n", st.ToString().c_str());
    return 1;
  }
  if (pg) (void)db.Write([](store::Conn& c) { return c.Exec("ANALYZE media_items").status(); });
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("\nseeded %lld items into %s (%s) in %.1f s = %.0f items/s\n", static_cast<long long>(n - have),
              slug.c_str(), db.BackendName().c_str(), s, static_cast<double>(n - have) / s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, slug = "qazvin-tkr";
  int64_t items = 0;
  int queries = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db"))
      db = argv[i + 1];
    else if (!std::strcmp(argv[i], "--council"))
      slug = argv[i + 1];
    else if (!std::strcmp(argv[i], "--items"))
      items = std::atoll(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--queries"))
      queries = std::atoi(argv[i + 1]);
  }
  if (queries > 0) return PrintQueries(LoadCorpus(), queries);
  if (db.empty() || items <= 0) {
    std::fprintf(stderr, "usage: seed_media_items --db URL [--council SLUG] --items N | --queries N\n");
    return 2;
  }
  return Seed(db, slug, items);
}
