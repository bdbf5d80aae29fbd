#include "bench/insight/insight_seed.h"

#include <cstdio>
#include <string>

#include "text/jalali.h"

namespace pol::bench {
namespace {

constexpr int64_t kDayMs = 86400000, kTehranOffsetMs = 12600000;

std::string N(int64_t v) { return std::to_string(v); }

}  // namespace

int64_t SeedFirstDay() { return text::DaysFromJalali({1404, 1, 1}); }

Status SeedInsight(store::Database& db, int64_t council_id) {
  const int64_t t0 = SeedFirstDay() * kDayMs - kTehranOffsetMs;  // 1404/01/01 00:00 Tehran
  int64_t agency0 = 0, source0 = 0;
  bool seeded = false;
  POL_RETURN_IF_ERROR(db.Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Row a, c.QueryOne("SELECT MIN(id), MAX(id) - MIN(id), COUNT(*) FROM agencies "
                                                  "WHERE council_id = ?",
                                                  {council_id}));
    if (a.Int(2) < 10 || a.Int(1) != a.Int(2) - 1)
      return FailedPrecondition("bench_seed",
                                "the council needs ten agencies with consecutive ids (pol demo)");
    agency0 = a.Int(0);
    POL_ASSIGN_OR_RETURN(store::Row s, c.QueryOne("SELECT MIN(id), MAX(id) - MIN(id), COUNT(*) FROM "
                                                  "monitor_sources WHERE council_id = ?",
                                                  {council_id}));
    if (s.Int(2) < 12 || s.Int(1) != s.Int(2) - 1)
      return FailedPrecondition("bench_seed",
                                "the council needs twelve sources with consecutive ids (pol demo)");
    source0 = s.Int(0);
    POL_ASSIGN_OR_RETURN(store::Row r, c.QueryOne("SELECT COUNT(*) FROM releases WHERE council_id = ? AND "
                                                  "slug LIKE 'bench-%'",
                                                  {council_id}));
    seeded = r.Int(0) > 0;
    return Status::Ok();
  }));
  if (seeded) {
    std::fprintf(stderr, "already seeded\n");
    return Status::Ok();
  }
  const std::string C = N(council_id), A = N(agency0), T0 = N(t0), D = N(kDayMs);
  // An item's or a record's moment in the year: day k × 7919 mod 365, then a time of day.
  auto at = [&](const std::string& k) {
    return "(" + T0 + " + ((" + k + " * 7919) % 365) * " + D + " + (" + k + " * 104729) % " + D + ")";
  };
  const std::vector<std::pair<const char*, std::string>> steps = {
      {"items: time, outlet, source, tone",
       "UPDATE media_items SET outlet = 'رسانهٔ ' || (id * 7 % 150), source_id = " + N(source0) +
           " + (id * 7 % 150) % 12, published_at = CASE WHEN id % 20 = 0 THEN NULL ELSE " + at("id") +
           " END, fetched_at = " + at("id") +
           " + 600000, tone = CASE WHEN id % 10 < 3 THEN 'positive' WHEN id % 10 < 7 THEN 'neutral' ELSE "
           "'negative' END, tone_override = CASE WHEN id % 97 = 0 THEN 'negative' END WHERE council_id = " +
           C},
      {"mentions (first agency)", "INSERT INTO mentions(item_id, agency_id, term_id, count) SELECT id, " + A +
                                      " + id % 10, 1, 1 FROM media_items WHERE council_id = " + C +
                                      " AND id % 10 < 7"},
      {"mentions (second agency)",
       "INSERT INTO mentions(item_id, agency_id, term_id, count) SELECT id, " + A +
           " + (id / 10 + 3) % 10, 2, 1 FROM media_items WHERE council_id = " + C + " AND id % 10 < 2"},
      {"releases",
       "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 100000) "
       "INSERT INTO releases(agency_id, council_id, status, title, slug, published_at, submitted_at, "
       "created_at, updated_at) SELECT " +
           A + " + k % 10, " + C +
           ", CASE WHEN k % 10 = 9 THEN 'draft' WHEN k % 50 = 3 THEN 'corrected' ELSE 'published' END, "
           "'خبر نمونهٔ ' || k, 'bench-' || k, CASE WHEN k % 10 = 9 THEN NULL ELSE " +
           at("k") + " END, " + at("k") + " - 3600000 - (k % 7) * 600000, " + at("k") + " - 7200000, " +
           at("k") + " FROM n"},
      {"pickups",
       "INSERT OR IGNORE INTO pickups(release_id, item_id, containment, kind, found_at) SELECT r.id, "
       "(SELECT MIN(id) FROM media_items WHERE council_id = " +
           C +
           ") + (r.id * 7 + j.j * 104729) % 1000000, 0.9, 'full', r.published_at FROM releases r, "
           "(SELECT 0 AS j UNION ALL SELECT 1 UNION ALL SELECT 2) j WHERE r.council_id = " +
           C + " AND r.slug LIKE 'bench-%' AND r.published_at IS NOT NULL AND j.j < r.id % 4"},
      {"channels", "INSERT INTO channels(council_id, kind, name, created_at, updated_at) VALUES (" + C +
                       ", 'telegram', 'کانال نمونه', " + T0 + ", " + T0 + "), (" + C +
                       ", 'email', 'فهرست خبرنگاران نمونه', " + T0 + ", " + T0 + ")"},
      {"deliveries",
       "INSERT INTO deliveries(release_id, channel_id, recipient, state, next_at, created_at, updated_at, "
       "sent_at) SELECT r.id, ch.id, '', 'sent', r.published_at, r.published_at, r.published_at, "
       "r.published_at + 60000 FROM releases r JOIN channels ch ON ch.council_id = r.council_id AND ch.name "
       "IN ('کانال نمونه', 'فهرست خبرنگاران نمونه') WHERE r.council_id = " +
           C + " AND r.slug LIKE 'bench-%' AND r.published_at IS NOT NULL"},
      {"citizens' requests",
       "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 200000), "
       "s AS (SELECT k, CASE WHEN k % 20 = 0 THEN 'unverified' WHEN k % 20 = 1 THEN 'merged' WHEN k % 20 < 4 "
       "THEN 'triage' WHEN k % 20 < 8 THEN 'open' WHEN k % 20 < 10 THEN 'answered' ELSE 'closed' END AS st, " +
           at("k") +
           " AS t FROM n) "
           "INSERT INTO citizen_requests(council_id, tracking_code, type, subject, text, agency_id, state, name, "
           "mobile, verified, resolve_due, closed_at, csat, rated_at, reopen_count, created_at, updated_at) "
           "SELECT " +
           C +
           ", 'B' || k, CASE k % 4 WHEN 0 THEN 'complaint' WHEN 1 THEN 'request' WHEN 2 THEN 'suggestion' "
           "ELSE 'report' END, 'موضوع ' || k, 'متن درخواست نمونه', CASE WHEN st = 'triage' THEN NULL ELSE " +
           A + " + k % 10 END, st, 'شهروند', '0912' || substr('0000000' || k, -7), st <> 'unverified', t + " +
           D +
           " * (3 + k % 9), CASE WHEN st = 'closed' THEN t + (k % 13) * 43200000 + 3600000 END, "
           "CASE WHEN st = 'closed' AND k % 3 = 0 THEN 1 + k % 5 END, CASE WHEN st = 'closed' AND k % 3 = 0 "
           "THEN t + (k % 13) * 43200000 + 7200000 END, CASE WHEN st = 'closed' AND k % 17 = 0 THEN 1 ELSE 0 "
           "END, t, t FROM s"},
      {"analyze", "ANALYZE"},
  };
  for (const auto& [what, sql] : steps) {
    std::fprintf(stderr, "seeding %s…\n", what);
    POL_RETURN_IF_ERROR(db.Write([&](store::Conn& c) { return c.Exec(sql).status(); }));
  }
  return Status::Ok();
}

}  // namespace pol::bench
