#include "store/monitor_repo.h"

#include <map>
#include <utility>

#include "store/council_repo.h"
#include "store/model_version_repo.h"
#include "store/search_sql.h"
#include "store/sql_build.h"
#include "text/jalali.h"

namespace pol::store {
namespace {

// Tehran days for charts: UTC+03:30 (Iran has kept standard time since 2022).
constexpr int64_t kTehranOffsetMs = 12600000;

ReleaseText ReleaseTextFromRow(const Row& w) {
  return {w.Int(0), w.Int(1), w.Int(2), w.Text(3), w.Text(4), w.Text(5), w.OptInt(6)};
}

// " WHERE a AND b …", or "" without conditions.
std::string Where(const std::vector<std::string>& conditions) {
  std::string w;
  for (const auto& c : conditions) w += (w.empty() ? " WHERE " : " AND ") + c;
  return w;
}

constexpr char kSourceCols[] =
    "s.id, s.council_id, s.name, s.url, s.kind, s.outlet_type, s.tier, s.reach_weight, s.language, "
    "s.fetch_interval_s, s.selectors, s.enabled, s.etag, s.last_modified, s.healthy, s.last_fetch_at, "
    "s.last_success_at, s.last_error_at, s.last_error, s.items_total, s.version, s.created_at, s.updated_at";

// kSourceCols (and items_last_day when selected) are in MonitorSource's field order.
MonitorSource SourceFromRow(const Row& w) {
  return {w.Int(0),   w.Int(1),   w.Text(2),      w.Text(3),    w.Text(4),    w.Text(5),
          w.Text(6),  w.Real(7),  w.Text(8),      w.Int(9),     w.Text(10),   w.Int(11) != 0,
          w.Text(12), w.Text(13), w.Int(14) != 0, w.OptInt(15), w.OptInt(16), w.OptInt(17),
          w.Text(18), w.Int(19),  w.Int(20),      w.Int(21),    w.Int(22),    w.size() > 23 ? w.Int(23) : 0};
}

// `body` false selects NULL for it (a listing shows title and lead; bodies are the row's bulk).
std::string ItemCols(bool raw, bool body = true) {
  return std::string(
             "m.id, m.council_id, m.source_id, m.outlet, m.canonical_url, m.url, m.fingerprint, m.title, m.lead, ") +
         (body ? "m.body" : "NULL") + ", m.author, m.images, m.published_at, m.fetched_at, " +
         (raw ? "m.raw_gz" : "NULL") +
         ", m.tone, m.tone_confidence, m.tone_override, COALESCE(s.name, ''), COALESCE(s.tier, ''), "
         "COALESCE(s.reach_weight, 1)";
}

// ItemCols are in MediaItem's field order (raw_gz: gzip bytes, a BLOB; rows written before it was one hold TEXT).
MediaItem ItemFromRow(const Row& w) {
  return {w.Int(0),   w.Int(1),   w.OptInt(2), w.Text(3),     w.Text(4),  w.Text(5),    w.Text(6),
          w.Text(7),  w.Text(8),  w.Text(9),   w.Text(10),    w.Text(11), w.OptInt(12), w.Int(13),
          w.Text(14), w.Text(15), w.Real(16),  w.OptText(17), w.Text(18), w.Text(19),   w.Real(20)};
}

}  // namespace

StatusOr<int64_t> InsertMonitorSource(Conn& c, const MonitorSource& s) {
  POL_ASSIGN_OR_RETURN(
      Row r,
      c.QueryOne("INSERT INTO monitor_sources(council_id, name, url, kind, outlet_type, tier, reach_weight, "
                 "language, fetch_interval_s, selectors, enabled, created_at, updated_at) "
                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                 {s.council_id, s.name, s.url, s.kind, s.outlet_type, s.tier, s.reach_weight, s.language,
                  s.fetch_interval_s, s.selectors, int64_t{s.enabled}, s.created_at, s.updated_at}));
  return r.Int(0);
}

StatusOr<MonitorSource> GetMonitorSource(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto r,
      c.QueryOpt(std::string("SELECT ") + kSourceCols + " FROM monitor_sources s WHERE s.id = ?", {id}));
  if (!r) return NotFound("منبع پیدا نشد.");
  return SourceFromRow(*r);
}

StatusOr<std::vector<MonitorSource>> ListMonitorSources(Conn& c,
                                                        const std::optional<std::vector<int64_t>>& councils,
                                                        int64_t now) {
  Params params{now - 86400000};
  std::string sql = std::string("SELECT ") + kSourceCols +
                    ", (SELECT COUNT(*) FROM media_items m WHERE m.source_id = s.id AND m.fetched_at >= ?) "
                    "FROM monitor_sources s";
  if (councils) sql += " WHERE s.council_id IN " + InList(*councils, params);
  sql += " ORDER BY s.tier, s.name, s.id";
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  return MapRows<MonitorSource>(rows, SourceFromRow);
}

Status UpdateMonitorSource(Conn& c, const MonitorSource& s, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      int64_t n, c.Exec("UPDATE monitor_sources SET name = ?, url = ?, kind = ?, outlet_type = ?, tier = ?, "
                        "reach_weight = ?, language = ?, fetch_interval_s = ?, selectors = ?, enabled = ?, "
                        "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                        {s.name, s.url, s.kind, s.outlet_type, s.tier, s.reach_weight, s.language,
                         s.fetch_interval_s, s.selectors, int64_t{s.enabled}, now, s.id, s.version}));
  if (n == 0) return VersionConflict();
  return Status::Ok();
}

Status RecordSourceFetch(Conn& c, int64_t id, int64_t now, bool ok, const std::string& error,
                         const std::string& etag, const std::string& last_modified, int64_t new_items) {
  if (ok) {
    return c
        .Exec(
            "UPDATE monitor_sources SET healthy = 1, last_fetch_at = ?, last_success_at = ?, etag = ?, "
            "last_modified = ?, items_total = items_total + ? WHERE id = ?",
            {now, now, etag, last_modified, new_items, id})
        .status();
  }
  return c
      .Exec(
          "UPDATE monitor_sources SET healthy = 0, last_fetch_at = ?, last_error_at = ?, last_error = ?, "
          "items_total = items_total + ? WHERE id = ?",
          {now, now, error, new_items, id})
      .status();
}

StatusOr<std::vector<MonitorSource>> ListDueSources(Conn& c, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      Rows rows, c.Query(std::string("SELECT ") + kSourceCols +
                             " FROM monitor_sources s WHERE s.enabled = 1 AND "
                             "(s.last_fetch_at IS NULL OR s.last_fetch_at + s.fetch_interval_s * 1000 <= ?) "
                             "ORDER BY s.id",
                         {now}));
  return MapRows<MonitorSource>(rows, SourceFromRow);
}

StatusOr<std::optional<int64_t>> FindMediaItem(Conn& c, int64_t council_id, const std::string& canonical_url,
                                               const std::string& outlet, const std::string& fingerprint) {
  POL_ASSIGN_OR_RETURN(auto r,
                       c.QueryOpt("SELECT id FROM media_items WHERE council_id = ? AND canonical_url = ?",
                                  {council_id, canonical_url}));
  if (r) return std::optional<int64_t>(r->Int(0));
  POL_ASSIGN_OR_RETURN(r, c.QueryOpt("SELECT item_id FROM media_item_urls WHERE council_id = ? AND url = ?",
                                     {council_id, canonical_url}));
  if (r) return std::optional<int64_t>(r->Int(0));
  if (fingerprint.empty()) return std::optional<int64_t>();
  POL_ASSIGN_OR_RETURN(r, c.QueryOpt("SELECT id FROM media_items WHERE council_id = ? AND outlet = ? AND "
                                     "fingerprint = ? LIMIT 1",
                                     {council_id, outlet, fingerprint}));
  if (r) return std::optional<int64_t>(r->Int(0));
  return std::optional<int64_t>();
}

StatusOr<int64_t> InsertMediaItem(Conn& c, const MediaItem& m) {
  POL_ASSIGN_OR_RETURN(
      Row r,
      c.QueryOne(
          "INSERT INTO media_items(council_id, source_id, outlet, canonical_url, url, fingerprint, title, "
          "lead, body, author, images, published_at, fetched_at, raw_gz, tone, tone_confidence) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
          {m.council_id, Opt(m.source_id), m.outlet, m.canonical_url, m.url, m.fingerprint, m.title, m.lead,
           m.body, m.author, m.images, Opt(m.published_at), m.fetched_at, Blob{m.raw_gz}, m.tone,
           m.tone_confidence}));
  return r.Int(0);
}

Status AddMediaItemUrl(Conn& c, int64_t council_id, const std::string& url, int64_t item_id) {
  return c
      .Exec("INSERT INTO media_item_urls(council_id, url, item_id) VALUES (?,?,?) ON CONFLICT DO NOTHING",
            {council_id, url, item_id})
      .status();
}

StatusOr<MediaItem> GetMediaItem(Conn& c, int64_t id, bool with_raw) {
  POL_ASSIGN_OR_RETURN(auto r,
                       c.QueryOpt("SELECT " + ItemCols(with_raw) +
                                      " FROM media_items m LEFT JOIN monitor_sources s ON s.id = m.source_id "
                                      "WHERE m.id = ?",
                                  {id}));
  if (!r) return NotFound("خبر پیدا نشد.");
  return ItemFromRow(*r);
}

StatusOr<int64_t> CountSourceItems(Conn& c, int64_t source_id) {
  POL_ASSIGN_OR_RETURN(Row r,
                       c.QueryOne("SELECT COUNT(*) FROM media_items WHERE source_id = ?", {source_id}));
  return r.Int(0);
}

Status DeleteMonitorSource(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(int64_t n, c.Exec("DELETE FROM monitor_sources WHERE id = ?", {id}));
  if (n == 0) return NotFound("منبع پیدا نشد.");
  return Status::Ok();
}

namespace {

// The filter's conditions on media_items m (and monitor_sources s), appending their parameters.
std::vector<std::string> ItemConditions(const ItemFilter& f, Params& params) {
  std::vector<std::string> where;
  if (f.only_councils || f.only_agencies) {
    // An empty list adds nothing to the OR (a council's admin has no agency list); spelled as
    // `IN (NULL)` it put an OR and a subquery into every search's filter.
    std::vector<std::string> scope;
    if (f.only_councils && !f.only_councils->empty()) {
      scope.push_back("m.council_id IN " + InList(*f.only_councils, params));
    }
    if (f.only_agencies && !f.only_agencies->empty()) {
      scope.push_back("m.id IN (SELECT item_id FROM mentions WHERE agency_id IN " +
                      InList(*f.only_agencies, params) + ")");
    }
    if (scope.empty()) scope.emplace_back("1 = 0");  // a scope naming nothing sees nothing
    where.push_back(scope.size() == 1 ? scope[0] : "(" + scope[0] + " OR " + scope[1] + ")");
  }
  auto add = [&](const char* condition, Value v) {
    where.emplace_back(condition);
    params.push_back(std::move(v));
  };
  if (f.council_id) add("m.council_id = ?", *f.council_id);
  if (f.source_id) add("m.source_id = ?", *f.source_id);
  if (f.agency_id) add("m.id IN (SELECT item_id FROM mentions WHERE agency_id = ?)", *f.agency_id);
  if (f.release_id) add("m.id IN (SELECT item_id FROM pickups WHERE release_id = ?)", *f.release_id);
  if (f.tier) add("s.tier = ?", *f.tier);
  if (f.tone) add("COALESCE(m.tone_override, m.tone) = ?", *f.tone);
  if (f.from) add("COALESCE(m.published_at, m.fetched_at) >= ?", *f.from);
  if (f.to) add("COALESCE(m.published_at, m.fetched_at) < ?", *f.to);
  if (f.mentioned_only) where.emplace_back("m.id IN (SELECT item_id FROM mentions)");
  return where;
}

}  // namespace

StatusOr<ItemPage> ListMediaItems(Conn& c, const ItemFilter& f) {
  const bool fts = f.fts.has_value();
  SearchSql search;  // the backend's rendering of the full-text condition
  if (fts) {
    POL_ASSIGN_OR_RETURN(search, MediaItemSearch(c, *f.fts));
  }
  std::string from = fts ? search.from : " FROM media_items m";
  from += " LEFT JOIN monitor_sources s ON s.id = m.source_id";
  Params params;
  if (fts) params.push_back(search.param);
  std::vector<std::string> conditions = ItemConditions(f, params);
  if (fts) conditions.insert(conditions.begin(), search.condition);
  const std::string where = Where(conditions);
  ItemPage page;
  POL_ASSIGN_OR_RETURN(
      MatchCount count,
      CountMatches(c, from + where, params, fts ? std::optional<int64_t>(kSearchCountCap) : std::nullopt));
  page.total = count.total;
  page.total_capped = count.capped;
  const std::string select = "SELECT " + ItemCols(false, /*body=*/false);
  Params page_params = params;
  page_params.emplace_back(f.limit);
  page_params.emplace_back(f.offset);
  auto list = [&](const std::string& where_sql, const std::string& order) {
    return c.Query(select + from + where_sql + " ORDER BY " + order + " LIMIT ? OFFSET ?", page_params);
  };
  Rows rows;
  if (!fts) {
    POL_ASSIGN_OR_RETURN(rows, list(where, "COALESCE(m.published_at, m.fetched_at) DESC, m.id DESC"));
  } else if (!page.total_capped) {
    POL_ASSIGN_OR_RETURN(rows, list(where, search.rank + ", m.id DESC"));  // bm25 / ts_rank, ≤ the cap
  } else {
    POL_ASSIGN_OR_RETURN(rows,
                         NewestPage(search, f.limit, [&](const std::string& match, const std::string& order) {
                           conditions.front() = match;
                           return list(Where(conditions), order);
                         }));
  }
  for (const Row& w : rows) page.items.push_back(ItemFromRow(w));
  // Snippets for the page only (in the ranking query SQLite would build one per sorted match).
  if (fts) {
    std::vector<int64_t> ids;
    for (const MediaItem& m : page.items) ids.push_back(m.id);
    POL_ASSIGN_OR_RETURN(auto snippets, MediaItemSnippets(c, search, ids));
    for (MediaItem& m : page.items) m.snippet = std::move(snippets[m.id]);
  }
  return page;
}

Status SetMediaItemTone(Conn& c, int64_t id, const std::optional<std::string>& override_tone) {
  POL_ASSIGN_OR_RETURN(
      int64_t n, c.Exec("UPDATE media_items SET tone_override = ? WHERE id = ?", {Opt(override_tone), id}));
  if (n == 0) return NotFound("خبر پیدا نشد.");
  return Status::Ok();
}

StatusOr<int64_t> InsertWatchTerm(Conn& c, const WatchTermRow& w) {
  POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("INSERT INTO watch_terms(agency_id, kind, term, note, created_at) "
                                         "VALUES (?,?,?,?,?) RETURNING id",
                                         {w.agency_id, w.kind, w.term, w.note, w.created_at}));
  POL_RETURN_IF_ERROR(BumpModelVersion(c, kMentionModel));  // other nodes reload their matchers
  return r.Int(0);
}

Status DeleteWatchTerm(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(int64_t n, c.Exec("DELETE FROM watch_terms WHERE id = ?", {id}));
  if (n == 0) return NotFound("عبارت پیدا نشد.");
  return BumpModelVersion(c, kMentionModel);
}

StatusOr<std::vector<WatchTermRow>> ListWatchTerms(Conn& c, std::optional<int64_t> council_id,
                                                   std::optional<int64_t> agency_id) {
  std::string sql =
      "SELECT w.id, w.agency_id, w.kind, w.term, w.note, w.created_at FROM watch_terms w "
      "JOIN agencies a ON a.id = w.agency_id";
  std::vector<std::string> where;
  Params params;
  if (council_id) {
    where.push_back("a.council_id = ?");
    params.emplace_back(*council_id);
  }
  if (agency_id) {
    where.push_back("w.agency_id = ?");
    params.emplace_back(*agency_id);
  }
  sql += Where(where) + " ORDER BY w.agency_id, w.id";
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  return MapRows<WatchTermRow>(rows, [](const Row& w) {
    return WatchTermRow{w.Int(0), w.Int(1), w.Text(2), w.Text(3), w.Text(4), w.Int(5)};
  });
}

StatusOr<std::optional<int64_t>> WatchTermAgency(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto r, c.QueryOpt("SELECT agency_id FROM watch_terms WHERE id = ?", {id}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Status InsertMention(Conn& c, const MentionRow& m) {
  return c
      .Exec(
          "INSERT INTO mentions(item_id, agency_id, term_id, count, spans) VALUES (?,?,?,?,?) "
          "ON CONFLICT (item_id, agency_id, term_id) DO UPDATE SET count = excluded.count, spans = excluded.spans",
          {m.item_id, m.agency_id, m.term_id, m.count, m.spans})
      .status();
}

StatusOr<std::vector<MentionRow>> ListItemMentions(Conn& c, int64_t item_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT m.item_id, m.agency_id, m.term_id, m.count, m.spans, "
                               "COALESCE(w.term, '') FROM mentions m LEFT JOIN watch_terms w ON "
                               "w.id = m.term_id WHERE m.item_id = ? ORDER BY m.agency_id, m.term_id",
                               {item_id}));
  return MapRows<MentionRow>(rows, [](const Row& w) {
    return MentionRow{w.Int(0), w.Int(1), w.Int(2), w.Int(3), w.Text(4), w.Text(5)};
  });
}

StatusOr<std::vector<MentionBucket>> MentionStats(Conn& c, int64_t council_id,
                                                  std::optional<int64_t> agency_id, int64_t from,
                                                  int64_t to) {
  std::string sql =
      "SELECT x.agency_id, (COALESCE(m.published_at, m.fetched_at) + ?) / 86400000 AS day, "
      "COALESCE(m.tone_override, m.tone), COUNT(DISTINCT m.id) FROM mentions x JOIN media_items m ON m.id = x.item_id "
      "WHERE m.council_id = ? AND COALESCE(m.published_at, m.fetched_at) >= ? AND COALESCE(m.published_at, m.fetched_at) < ?";
  Params params{kTehranOffsetMs, council_id, from, to};
  if (agency_id) {
    sql += " AND x.agency_id = ?";
    params.emplace_back(*agency_id);
  }
  sql += " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  return MapRows<MentionBucket>(rows, [](const Row& w) {
    return MentionBucket{w.Int(0), w.Int(1), w.Text(2), w.Int(3)};
  });
}

StatusOr<int64_t> CountMentionsSince(Conn& c, int64_t agency_id, int64_t since) {
  POL_ASSIGN_OR_RETURN(Row r,
                       c.QueryOne("SELECT COUNT(DISTINCT x.item_id) FROM mentions x JOIN media_items m ON "
                                  "m.id = x.item_id WHERE x.agency_id = ? AND m.fetched_at >= ?",
                                  {agency_id, since}));
  return r.Int(0);
}

Status InsertPickup(Conn& c, const PickupRow& p) {
  return c
      .Exec(
          "INSERT INTO pickups(release_id, item_id, containment, kind, paragraphs, found_at) VALUES (?,?,?,?,?,?) "
          "ON CONFLICT (release_id, item_id) DO UPDATE SET containment = excluded.containment, "
          "kind = excluded.kind, paragraphs = excluded.paragraphs",
          {p.release_id, p.item_id, p.containment, p.kind, p.paragraphs, p.found_at})
      .status();
}

namespace {
constexpr char kPickupSelect[] =
    "SELECT p.release_id, p.item_id, p.containment, p.kind, p.paragraphs, p.found_at, m.title, m.url, m.outlet, "
    "COALESCE(s.name, ''), COALESCE(s.tier, ''), r.title, m.published_at, r.published_at, m.fetched_at, "
    "COALESCE(s.reach_weight, 1) FROM pickups p JOIN media_items m ON m.id = p.item_id "
    "JOIN releases r ON r.id = p.release_id LEFT JOIN monitor_sources s ON s.id = m.source_id ";

PickupRow PickupFromRow(const Row& w) {
  PickupRow p;
  p.release_id = w.Int(0);
  p.item_id = w.Int(1);
  p.containment = w.Real(2);
  p.kind = w.Text(3);
  p.paragraphs = w.Text(4);
  p.found_at = w.Int(5);
  p.item_title = w.Text(6);
  p.item_url = w.Text(7);
  p.outlet = w.Text(8);
  p.source_name = w.Text(9);
  p.tier = w.Text(10);
  p.release_title = w.Text(11);
  p.item_published_at = w.OptInt(12);
  p.release_published_at = w.OptInt(13);
  p.item_fetched_at = w.Int(14);
  p.reach_weight = w.Real(15);
  return p;
}
}  // namespace

StatusOr<std::vector<PickupRow>> ListReleasePickups(Conn& c, int64_t release_id) {
  POL_ASSIGN_OR_RETURN(
      Rows rows, c.Query(std::string(kPickupSelect) +
                             "WHERE p.release_id = ? ORDER BY COALESCE(m.published_at, m.fetched_at), m.id",
                         {release_id}));
  return MapRows<PickupRow>(rows, PickupFromRow);
}

StatusOr<std::vector<PickupRow>> ListItemPickups(Conn& c, int64_t item_id) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(std::string(kPickupSelect) + "WHERE p.item_id = ? ORDER BY p.containment DESC", {item_id}));
  return MapRows<PickupRow>(rows, PickupFromRow);
}

StatusOr<std::vector<PickupRateBucket>> PickupRates(Conn& c, int64_t council_id, int64_t from, int64_t to) {
  // Per agency and Tehran day in SQL (integer arithmetic), then days → Jalali months here.
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(
          "SELECT r.agency_id, (r.published_at + ?) / 86400000, COUNT(*), "
          "SUM(CASE WHEN EXISTS (SELECT 1 FROM pickups p WHERE p.release_id = r.id) THEN 1 ELSE 0 END) "
          "FROM releases r WHERE r.council_id = ? AND r.published_at IS NOT NULL AND r.published_at >= ? AND "
          "r.published_at < ? GROUP BY 1, 2 ORDER BY 1, 2",
          {kTehranOffsetMs, council_id, from, to}));
  std::map<std::pair<int64_t, int64_t>, PickupRateBucket> months;
  for (const Row& w : rows) {
    const text::JalaliDate d = text::JalaliFromDays(w.Int(1));
    const int64_t month = int64_t{d.year} * 100 + d.month;
    PickupRateBucket& b = months[{w.Int(0), month}];
    b.agency_id = w.Int(0);
    b.month = month;
    b.releases += w.Int(2);
    b.picked_up += w.Int(3);
  }
  std::vector<PickupRateBucket> out;
  out.reserve(months.size());
  for (auto& [key, b] : months) out.push_back(b);
  return out;
}

StatusOr<std::vector<ReleaseText>> ListPublishedReleaseTexts(Conn& c, int64_t after_id, int64_t limit) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT id, agency_id, council_id, title, lead, body_text, published_at "
                               "FROM releases WHERE id > ? AND status IN ('published', 'corrected') "
                               "ORDER BY id LIMIT ?",
                               {after_id, limit}));
  return MapRows<ReleaseText>(rows, ReleaseTextFromRow);
}

StatusOr<std::vector<ReleaseText>> ListReleasesPublishedSince(Conn& c, int64_t since) {
  POL_ASSIGN_OR_RETURN(
      Rows rows, c.Query("SELECT id, agency_id, council_id, title, lead, body_text, published_at "
                         "FROM releases WHERE published_at >= ? AND status IN ('published', 'corrected') "
                         "ORDER BY id",
                         {since}));
  return MapRows<ReleaseText>(rows, ReleaseTextFromRow);
}

StatusOr<std::vector<MediaItem>> ListItemTextsSince(Conn& c, int64_t council_id, int64_t since,
                                                    int64_t after_id, int64_t limit) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT id, council_id, title, lead, body, fetched_at FROM media_items "
                               "WHERE council_id = ? AND fetched_at >= ? AND id > ? ORDER BY id LIMIT ?",
                               {council_id, since, after_id, limit}));
  std::vector<MediaItem> out;
  for (const Row& w : rows) {
    MediaItem m;
    m.id = w.Int(0);
    m.council_id = w.Int(1);
    m.title = w.Text(2);
    m.lead = w.Text(3);
    m.body = w.Text(4);
    m.fetched_at = w.Int(5);
    out.push_back(std::move(m));
  }
  return out;
}

StatusOr<std::vector<MediaItem>> GetItemTexts(Conn& c, const std::vector<int64_t>& ids) {
  std::vector<MediaItem> out;
  for (int64_t id : ids) {
    POL_ASSIGN_OR_RETURN(auto w, c.QueryOpt("SELECT id, council_id, title, lead, body, fetched_at FROM "
                                            "media_items WHERE id = ?",
                                            {id}));
    if (!w) continue;
    MediaItem m;
    m.id = w->Int(0);
    m.council_id = w->Int(1);
    m.title = w->Text(2);
    m.lead = w->Text(3);
    m.body = w->Text(4);
    m.fetched_at = w->Int(5);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace pol::store
