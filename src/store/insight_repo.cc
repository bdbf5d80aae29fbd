#include "store/insight_repo.h"

#include <algorithm>
#include <map>

#include "store/committee_repo_participation.h"
#include "store/insight_rollup_repo.h"

namespace pol::store {
namespace {

constexpr int64_t kTehranOffsetMs = 12600000;  // +03:30, as monitoring's per-day figures
constexpr char kMessengerKinds[] = "IN ('telegram', 'bale', 'eitaa')";  // deliveries_messenger's channels

// One metric as SQL: the columns of InsightRecord, the FROM/WHERE shared by its count and its list, and
// the list's order.
struct MetricSql {
  std::string select, from_where;
  Params params;
  std::string order;
  // The count's FROM … WHERE when it can leave out a join the list needs for its columns only (a join
  // that foreign keys make one-to-one: it changes no count). Empty: from_where.
  std::string count_from_where;
};

constexpr char kReleaseSelect[] =
    "SELECT 'release', r.id, r.title, r.published_at, r.agency_id, '', '', '', NULL, NULL, "
    "(SELECT COUNT(*) FROM pickups p WHERE p.release_id = r.id)";
constexpr char kItemSelect[] =
    "SELECT 'media_item', m.id, m.title, COALESCE(m.published_at, m.fetched_at), NULL, m.outlet, "
    "COALESCE(m.tone_override, m.tone), m.url, NULL, NULL, NULL";
constexpr char kPickupSelect[] =
    "SELECT 'pickup', m.id, m.title, COALESCE(m.published_at, m.fetched_at), r.agency_id, m.outlet, "
    "COALESCE(m.tone_override, m.tone), m.url, r.id, NULL, NULL";
constexpr char kDeliverySelect[] =
    "SELECT 'delivery', d.id, r.title, d.sent_at, r.agency_id, ch.kind, '', d.url, r.id, NULL, NULL";
// The title is the member and the status in Persian; the label the status code.
constexpr char kAttendanceSelect[] =
    "SELECT 'attendance', mt.id, (SELECT u.name FROM users u WHERE u.id = m.user_id) || ' — ' || CASE a.status WHEN 'present' THEN 'حاضر' WHEN 'late' "
    "THEN 'با تأخیر' WHEN 'delegated' THEN 'نماینده فرستاد' WHEN 'absent' THEN 'غایب' ELSE a.status END "
    "|| ' — ' || k.name || ' (جلسهٔ ' || CAST(mt.number AS TEXT) || ')', mt.starts_at, m.agency_id, "
    "a.status, '', '', m.id, NULL, NULL";
constexpr char kRequestSelect[] =
    "SELECT 'citizen_request', q.id, q.tracking_code, q.created_at, q.agency_id, q.type, q.state, '', NULL, "
    "q.closed_at, q.csat";

// Releases published (or corrected) in the period, of the council or of the agency.
void ReleasesWhere(const InsightScope& s, MetricSql& m) {
  m.from_where +=
      " WHERE r.council_id = ? AND r.status IN ('published', 'corrected') AND r.published_at >= ? AND "
      "r.published_at < ?";
  m.params.insert(m.params.end(), {s.council_id, s.from, s.to});
  if (s.agency_id) {
    m.from_where += " AND r.agency_id = ?";
    m.params.emplace_back(*s.agency_id);
  }
}

// Monitored items of the period that mention an agency of the council (or the agency).
MetricSql Mentions(const InsightScope& s, std::optional<std::string> tone) {
  MetricSql m{kItemSelect, " FROM media_items m", {}, " ORDER BY 4 DESC, 2 DESC"};
  m.from_where +=
      " WHERE m.council_id = ? AND COALESCE(m.published_at, m.fetched_at) >= ? AND "
      "COALESCE(m.published_at, m.fetched_at) < ? AND EXISTS (SELECT 1 FROM mentions x WHERE x.item_id = m.id";
  m.params = {s.council_id, s.from, s.to};
  if (s.agency_id) {
    m.from_where += " AND x.agency_id = ?";
    m.params.emplace_back(*s.agency_id);
  }
  m.from_where += ")";
  if (s.tier) {
    m.from_where +=
        " AND EXISTS (SELECT 1 FROM monitor_sources ms WHERE ms.id = m.source_id AND ms.tier = ?)";
    m.params.emplace_back(*s.tier);
  }
  if (s.outlet) {
    m.from_where += " AND m.outlet = ?";
    m.params.emplace_back(*s.outlet);
  }
  if (!tone) tone = s.tone;
  if (tone) {
    m.from_where += " AND COALESCE(m.tone_override, m.tone) = ?";
    m.params.emplace_back(*tone);
  }
  return m;
}

MetricSql Deliveries(const InsightScope& s, bool messenger) {
  MetricSql m{
      kDeliverySelect,
      " FROM deliveries d JOIN releases r ON r.id = d.release_id JOIN channels ch ON ch.id = d.channel_id "
      "WHERE r.council_id = ? AND d.state = 'sent' AND d.sent_at >= ? AND d.sent_at < ?",
      {s.council_id, s.from, s.to},
      " ORDER BY 4 DESC, 2 DESC"};
  m.from_where += std::string(" AND ch.kind ") + (messenger ? kMessengerKinds : "= 'email'");
  if (s.agency_id) {
    m.from_where += " AND r.agency_id = ?";
    m.params.emplace_back(*s.agency_id);
  }
  return m;
}

// Citizens' requests staff can see (verified, not merged into another), of the council or the agency.
MetricSql Requests(const InsightScope& s) {
  MetricSql m{kRequestSelect,
              " FROM citizen_requests q WHERE q.council_id = ? AND q.state NOT IN ('unverified', 'merged')",
              {s.council_id},
              " ORDER BY 4 DESC, 2 DESC"};
  if (s.agency_id) {
    m.from_where += " AND q.agency_id = ?";
    m.params.emplace_back(*s.agency_id);
  }
  if (s.request_type) {
    m.from_where += " AND q.type = ?";
    m.params.emplace_back(*s.request_type);
  }
  return m;
}

void Between(MetricSql& m, const char* column, const InsightScope& s) {
  m.from_where += std::string(" AND ") + column + " >= ? AND " + column + " < ?";
  m.params.insert(m.params.end(), {s.from, s.to});
}

StatusOr<MetricSql> Metric(std::string_view metric, const InsightScope& s) {
  if (metric == "releases_published" || metric == "releases_picked_up") {
    MetricSql m{kReleaseSelect, " FROM releases r", {}, " ORDER BY 4 DESC, 2 DESC"};
    ReleasesWhere(s, m);
    if (metric == "releases_picked_up")
      m.from_where += " AND EXISTS (SELECT 1 FROM pickups p WHERE p.release_id = r.id)";
    return m;
  }
  if (metric == "releases_with_photo") {
    MetricSql m{kReleaseSelect, " FROM releases r", {}, " ORDER BY 4 DESC, 2 DESC"};
    ReleasesWhere(s, m);
    m.from_where += " AND EXISTS (SELECT 1 FROM release_media rm WHERE rm.release_id = r.id)";
    return m;
  }
  if (metric == "pickups") {
    MetricSql m{
        kPickupSelect,
        " FROM pickups pk JOIN releases r ON r.id = pk.release_id JOIN media_items m ON m.id = pk.item_id",
        {},
        " ORDER BY 9 DESC, 4 DESC, 2 DESC"};
    ReleasesWhere(s, m);
    // pickups.item_id is NOT NULL REFERENCES media_items: every pickup has its item, so the count reads
    // the period's releases and their pickups' primary-key entries, not a million-row table's rows (a
    // year's 140,000 pickups: 323 ms p50 with the join).
    m.count_from_where = " FROM releases r JOIN pickups pk ON pk.release_id = r.id" +
                         m.from_where.substr(m.from_where.find(" WHERE "));
    return m;
  }
  if (metric == "committee_attendance") {
    // The rows store::AttendanceByAgency counts (committee/participation.h's meeting_attendance).
    MetricSql m{kAttendanceSelect,
                kHeldAttendanceFromWhere,
                {s.council_id, s.from, s.to},
                " ORDER BY 4 DESC, 2 DESC, 9"};
    if (s.agency_id) {
      m.from_where += " AND m.agency_id = ?";
      m.params.emplace_back(*s.agency_id);
    }
    return m;
  }
  if (metric == "mentions") return Mentions(s, std::nullopt);
  if (metric == "mentions_positive") return Mentions(s, "positive");
  if (metric == "mentions_neutral") return Mentions(s, "neutral");
  if (metric == "mentions_negative") return Mentions(s, "negative");
  if (metric == "deliveries_messenger") return Deliveries(s, true);
  if (metric == "deliveries_email") return Deliveries(s, false);
  if (metric.starts_with("requests_")) {
    MetricSql m = Requests(s);
    if (metric == "requests_received") {
      Between(m, "q.created_at", s);
    } else if (metric == "requests_open" || metric == "requests_overdue") {
      m.from_where += " AND q.state IN ('triage', 'open', 'answered') AND q.created_at < ?";
      m.params.emplace_back(s.to);
      if (metric == "requests_overdue") {
        m.from_where += " AND q.resolve_due < ?";
        m.params.emplace_back(s.now);
      }
    } else if (metric == "requests_closed" || metric == "requests_closed_in_sla" ||
               metric == "requests_closed_reopened") {
      m.from_where += " AND q.state = 'closed'";
      Between(m, "q.closed_at", s);
      if (metric == "requests_closed_in_sla")
        m.from_where += " AND (q.resolve_due IS NULL OR q.closed_at <= q.resolve_due)";
      if (metric == "requests_closed_reopened") m.from_where += " AND q.reopen_count > 0";
    } else if (metric == "requests_rated") {
      m.from_where += " AND q.csat IS NOT NULL";
      Between(m, "q.rated_at", s);
    } else {
      return InvalidArgument("unknown_metric", "این شاخص شناخته نیست.", "metric");
    }
    return m;
  }
  return InvalidArgument("unknown_metric", "این شاخص شناخته نیست.", "metric");
}

InsightRecord RecordFromRow(const Row& w) {
  InsightRecord r;
  r.kind = w.Text(0);
  r.id = w.Int(1);
  r.title = w.Text(2);
  r.at = w.OptInt(3);
  r.agency_id = w.OptInt(4);
  r.label = w.Text(5);
  r.tone = w.Text(6);
  r.url = w.Text(7);
  r.related_id = w.OptInt(8);
  r.end_at = w.OptInt(9);
  r.value = w.OptInt(10);
  return r;
}

std::vector<InsightBucket> Buckets(const Rows& rows, bool labelled) {
  std::vector<InsightBucket> out;
  for (const Row& w : rows) {
    InsightBucket b;
    b.key = std::holds_alternative<int64_t>(w.at(0)) ? std::to_string(w.Int(0)) : w.Text(0);
    b.label = labelled ? w.Text(1) : b.key;
    b.count = w.Int(labelled ? 2 : 1);
    out.push_back(std::move(b));
  }
  return out;
}

// The roll-up reading of a mentions figure: the scope's whole days and their dirty runs [first, end)
// (counted live); nullopt when the scope is counted live altogether.
struct MentionRollup {
  RollupDays days;
  std::vector<std::pair<int64_t, int64_t>> dirty;
};

StatusOr<std::optional<MentionRollup>> MentionRollupOf(Conn& c, const InsightScope& s) {
  if (s.live) return std::optional<MentionRollup>();
  std::optional<RollupDays> days = WholeRollupDays(s.from, s.to);
  if (!days) return std::optional<MentionRollup>();
  POL_ASSIGN_OR_RETURN(std::vector<int64_t> dirty, DirtyInsightDays(c, s.council_id, days->first, days->end));
  MentionRollup r{*days, {}};
  for (int64_t d : dirty) {
    if (!r.dirty.empty() && r.dirty.back().second == d)
      ++r.dirty.back().second;
    else
      r.dirty.emplace_back(d, d + 1);
  }
  return std::optional<MentionRollup>(std::move(r));
}

// The scope narrowed to the dirty days [first, end), counted live.
InsightScope LiveRun(const InsightScope& s, std::pair<int64_t, int64_t> run) {
  InsightScope d = s;
  d.from = RollupDayStart(run.first);
  d.to = RollupDayStart(run.second);
  d.live = true;
  return d;
}

// The roll-up rows of the scope's clean days: the per-outlet table when an outlet or a tier narrows
// the set (or `outlets`), the smaller per-tone table otherwise. `agency`: the scope's agency (0 = any).
MetricSql RollupWhere(const InsightScope& s, const RollupDays& d, std::optional<std::string> tone,
                      bool outlets, bool agency = true) {
  const bool fine = outlets || s.tier || s.outlet;
  MetricSql m;
  m.from_where = std::string(" FROM ") + (fine ? "insight_mention_outlet_days" : "insight_mention_days") +
                 " r WHERE r.council_id = ?";
  m.params = {s.council_id};
  if (agency) {
    m.from_where += " AND r.agency_id = ?";
    m.params.emplace_back(s.agency_id.value_or(0));
  } else {
    m.from_where += " AND r.agency_id <> 0";
  }
  m.from_where +=
      " AND r.day >= ? AND r.day < ? AND NOT EXISTS (SELECT 1 FROM insight_dirty_days dd WHERE dd.council_id "
      "= r.council_id AND dd.day = r.day)";
  m.params.insert(m.params.end(), {d.first, d.end});
  if (s.tier) {
    m.from_where += " AND r.source_id IN (SELECT ms.id FROM monitor_sources ms WHERE ms.tier = ?)";
    m.params.emplace_back(*s.tier);
  }
  if (s.outlet) {
    m.from_where += " AND r.outlet = ?";
    m.params.emplace_back(*s.outlet);
  }
  if (!tone) tone = s.tone;
  if (tone) {
    m.from_where += " AND r.tone = ?";
    m.params.emplace_back(*tone);
  }
  return m;
}

std::optional<std::string> MentionTone(std::string_view metric) {
  if (metric == "mentions_positive") return "positive";
  if (metric == "mentions_neutral") return "neutral";
  if (metric == "mentions_negative") return "negative";
  return std::nullopt;
}

bool IsMentionCount(std::string_view metric) {
  return metric == "mentions" || metric == "mentions_positive" || metric == "mentions_neutral" ||
         metric == "mentions_negative";
}

// Sorted as the live GROUP BYs: count descending, then key ascending.
void SortByCount(std::vector<InsightBucket>& v, bool numeric_key) {
  std::sort(v.begin(), v.end(), [numeric_key](const InsightBucket& a, const InsightBucket& b) {
    if (a.count != b.count) return a.count > b.count;
    if (numeric_key) return std::stoll(a.key) < std::stoll(b.key);
    return a.key < b.key;
  });
}

}  // namespace

bool IsInsightMetric(std::string_view metric) {
  return std::find(std::begin(kInsightMetrics), std::end(kInsightMetrics), metric) !=
             std::end(kInsightMetrics) ||
         std::find(std::begin(kInsightDrillMetrics), std::end(kInsightDrillMetrics), metric) !=
             std::end(kInsightDrillMetrics);
}

StatusOr<int64_t> CountMetric(Conn& c, std::string_view metric, const InsightScope& s) {
  if (IsMentionCount(metric)) {
    POL_ASSIGN_OR_RETURN(std::optional<MentionRollup> ru, MentionRollupOf(c, s));
    if (ru) {
      MetricSql m = RollupWhere(s, ru->days, MentionTone(metric), false);
      POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("SELECT COALESCE(SUM(r.items), 0)" + m.from_where, m.params));
      int64_t n = r.Int(0);
      for (auto run : ru->dirty) {
        POL_ASSIGN_OR_RETURN(int64_t live, CountMetric(c, metric, LiveRun(s, run)));
        n += live;
      }
      return n;
    }
  }
  if (metric == "deliveries_messenger" || metric == "deliveries_email") {
    if (std::optional<RollupDays> d = s.live ? std::nullopt : WholeRollupDays(s.from, s.to)) {
      // The roll-up is exact at every commit (triggers of migrations 75/76): no dirty days here.
      std::string sql = std::string(
                            "SELECT COALESCE(SUM(deliveries), 0) FROM insight_delivery_days WHERE "
                            "council_id = ? AND day >= ? AND day < ? AND kind ") +
                        (metric == "deliveries_messenger" ? kMessengerKinds : "= 'email'");
      Params p{s.council_id, d->first, d->end};
      if (s.agency_id) {
        sql += " AND agency_id = ?";
        p.emplace_back(*s.agency_id);
      }
      POL_ASSIGN_OR_RETURN(Row r, c.QueryOne(sql, p));
      return r.Int(0);
    }
  }
  POL_ASSIGN_OR_RETURN(MetricSql m, Metric(metric, s));
  POL_ASSIGN_OR_RETURN(
      Row r, c.QueryOne("SELECT COUNT(*)" + (m.count_from_where.empty() ? m.from_where : m.count_from_where),
                        m.params));
  return r.Int(0);
}

StatusOr<std::vector<InsightRecord>> ListMetric(Conn& c, std::string_view metric, const InsightScope& s,
                                                int64_t limit, int64_t offset) {
  POL_ASSIGN_OR_RETURN(MetricSql m, Metric(metric, s));
  std::string sql = m.select + m.from_where + m.order;
  if (limit >= 0) {
    sql += " LIMIT ? OFFSET ?";
    m.params.insert(m.params.end(), {limit, offset});
  }
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, m.params));
  std::vector<InsightRecord> out;
  out.reserve(rows.size());
  for (const Row& w : rows) out.push_back(RecordFromRow(w));
  return out;
}

StatusOr<int64_t> MessengerChannelsUsed(Conn& c, const InsightScope& s) {
  const MetricSql m = Deliveries(s, true);
  POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("SELECT COUNT(DISTINCT d.channel_id)" + m.from_where, m.params));
  return r.Int(0);
}

StatusOr<std::vector<std::pair<int64_t, int64_t>>> ClosedRequestTimes(Conn& c, const InsightScope& s) {
  POL_ASSIGN_OR_RETURN(MetricSql m, Metric("requests_closed", s));
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT q.created_at, q.closed_at" + m.from_where, m.params));
  std::vector<std::pair<int64_t, int64_t>> out;
  out.reserve(rows.size());
  for (const Row& w : rows) out.emplace_back(w.Int(0), w.Int(1));
  return out;
}

StatusOr<std::vector<InsightBucket>> MentionsPerDay(Conn& c, const InsightScope& s) {
  POL_ASSIGN_OR_RETURN(std::optional<MentionRollup> ru, MentionRollupOf(c, s));
  if (ru) {
    MetricSql m = RollupWhere(s, ru->days, std::nullopt, false);
    POL_ASSIGN_OR_RETURN(
        Rows rows,
        c.Query("SELECT r.day, r.tone, SUM(r.items)" + m.from_where + " GROUP BY r.day, r.tone", m.params));
    std::map<std::pair<int64_t, std::string>, int64_t> days;
    for (const Row& w : rows) days[{w.Int(0), w.Text(1)}] += w.Int(2);
    for (auto run : ru->dirty) {
      POL_ASSIGN_OR_RETURN(std::vector<InsightBucket> live, MentionsPerDay(c, LiveRun(s, run)));
      for (const InsightBucket& b : live) days[{std::stoll(b.key), b.tone}] += b.count;
    }
    std::vector<InsightBucket> out;
    for (const auto& [k, n] : days)
      if (n > 0) out.push_back({std::to_string(k.first), std::to_string(k.first), k.second, n});
    return out;
  }
  MetricSql m = Mentions(s, std::nullopt);
  Params params{kTehranOffsetMs};
  params.insert(params.end(), m.params.begin(), m.params.end());
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT (COALESCE(m.published_at, m.fetched_at) + ?) / 86400000, "
                                          "COALESCE(m.tone_override, m.tone), COUNT(*)" +
                                              m.from_where + " GROUP BY 1, 2 ORDER BY 1, 2",
                                          params));
  std::vector<InsightBucket> out;
  for (const Row& w : rows)
    out.push_back({std::to_string(w.Int(0)), std::to_string(w.Int(0)), w.Text(1), w.Int(2)});
  return out;
}

StatusOr<std::vector<InsightBucket>> MentionsPerAgency(Conn& c, const InsightScope& s) {
  POL_ASSIGN_OR_RETURN(std::optional<MentionRollup> ru, MentionRollupOf(c, s));
  if (ru) {
    InsightScope any = s;  // as the live count: the tier narrows, the agency, tone and outlet do not
    any.agency_id.reset();
    any.tone.reset();
    any.outlet.reset();
    MetricSql m = RollupWhere(any, ru->days, std::nullopt, false, false);
    const std::string where = m.from_where.substr(m.from_where.find(" WHERE ") + 7);
    const std::string table = m.from_where.substr(0, m.from_where.find(" WHERE "));
    m.params.emplace_back(s.council_id);
    POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT a.id, a.name, SUM(r.items)" + table +
                                                " JOIN agencies a ON a.id = r.agency_id WHERE " + where +
                                                " AND a.council_id = ? GROUP BY a.id, a.name",
                                            m.params));
    std::map<int64_t, InsightBucket> by_id;
    for (const Row& w : rows) by_id[w.Int(0)] = {std::to_string(w.Int(0)), w.Text(1), "", w.Int(2)};
    for (auto run : ru->dirty) {
      POL_ASSIGN_OR_RETURN(std::vector<InsightBucket> live, MentionsPerAgency(c, LiveRun(s, run)));
      for (const InsightBucket& b : live) {
        InsightBucket& t = by_id[std::stoll(b.key)];
        t.key = b.key;
        t.label = b.label;
        t.count += b.count;
      }
    }
    std::vector<InsightBucket> out;
    for (auto& [id, b] : by_id)
      if (b.count > 0) out.push_back(std::move(b));
    SortByCount(out, true);
    return out;
  }
  std::string sql =
      "SELECT a.id, a.name, COUNT(DISTINCT m.id) FROM mentions x JOIN media_items m ON m.id = x.item_id "
      "JOIN agencies a ON a.id = x.agency_id WHERE m.council_id = ? AND a.council_id = ? AND "
      "COALESCE(m.published_at, m.fetched_at) >= ? AND COALESCE(m.published_at, m.fetched_at) < ?";
  Params params{s.council_id, s.council_id, s.from, s.to};
  if (s.tier) {
    sql += " AND EXISTS (SELECT 1 FROM monitor_sources ms WHERE ms.id = m.source_id AND ms.tier = ?)";
    params.emplace_back(*s.tier);
  }
  sql += " GROUP BY a.id, a.name ORDER BY 3 DESC, 1";
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  return Buckets(rows, true);
}

StatusOr<std::vector<InsightBucket>> MentionsPerOutlet(Conn& c, const InsightScope& s, int64_t limit) {
  POL_ASSIGN_OR_RETURN(std::optional<MentionRollup> ru, MentionRollupOf(c, s));
  if (ru) {
    MetricSql m = RollupWhere(s, ru->days, std::nullopt, true);
    POL_ASSIGN_OR_RETURN(
        Rows rows, c.Query("SELECT r.outlet, SUM(r.items)" + m.from_where + " GROUP BY r.outlet", m.params));
    std::map<std::string, int64_t> outlets;
    for (const Row& w : rows) outlets[w.Text(0)] += w.Int(1);
    for (auto run : ru->dirty) {
      POL_ASSIGN_OR_RETURN(std::vector<InsightBucket> live,
                           MentionsPerOutlet(c, LiveRun(s, run), int64_t{1} << 40));
      for (const InsightBucket& b : live) outlets[b.key] += b.count;
    }
    std::vector<InsightBucket> out;
    for (const auto& [outlet, n] : outlets)
      if (n > 0) out.push_back({outlet, outlet, "", n});
    SortByCount(out, false);
    if (static_cast<int64_t>(out.size()) > limit) out.resize(static_cast<size_t>(limit));
    return out;
  }
  MetricSql m = Mentions(s, std::nullopt);
  m.params.emplace_back(limit);
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT m.outlet, COUNT(*)" + m.from_where +
                                              " GROUP BY m.outlet ORDER BY 2 DESC, 1 LIMIT ?",
                                          m.params));
  return Buckets(rows, false);
}

StatusOr<std::vector<InsightBucket>> RequestsPerType(Conn& c, const InsightScope& s) {
  MetricSql m = Requests(s);
  Between(m, "q.created_at", s);
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT q.type, COUNT(*)" + m.from_where + " GROUP BY q.type ORDER BY 2 DESC, 1", m.params));
  return Buckets(rows, false);
}

StatusOr<std::vector<InsightBucket>> RequestsPerAgency(Conn& c, const InsightScope& s) {
  MetricSql m = Requests(s);
  Between(m, "q.created_at", s);
  // Counted per agency id from the index entries, the names joined to the (few) groups afterwards.
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT g.agency, COALESCE(a.name, ''), g.n FROM (SELECT COALESCE(q.agency_id, 0) "
              "AS agency, COUNT(*) AS n" +
                  m.from_where + " GROUP BY 1) g LEFT JOIN agencies a ON a.id = g.agency ORDER BY 3 DESC, 1",
              m.params));
  std::vector<InsightBucket> out = Buckets(rows, true);
  for (InsightBucket& b : out)
    if (b.key == "0") b.key.clear();
  return out;
}

StatusOr<std::optional<double>> MeanCsat(Conn& c, const InsightScope& s) {
  POL_ASSIGN_OR_RETURN(MetricSql m, Metric("requests_rated", s));
  POL_ASSIGN_OR_RETURN(Row r,
                       c.QueryOne("SELECT COALESCE(SUM(q.csat), 0), COUNT(*)" + m.from_where, m.params));
  if (r.Int(1) == 0) return std::optional<double>();
  return std::optional<double>(static_cast<double>(r.Int(0)) / static_cast<double>(r.Int(1)));
}

StatusOr<std::vector<InsightRecord>> ReleasesByPickups(Conn& c, const InsightScope& s, bool best,
                                                       int64_t limit) {
  POL_ASSIGN_OR_RETURN(MetricSql m, Metric("releases_published", s));
  m.params.emplace_back(limit);
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(m.select + m.from_where + (best ? " ORDER BY 11 DESC, 2" : " ORDER BY 11, 2") + " LIMIT ?",
              m.params));
  std::vector<InsightRecord> out;
  for (const Row& w : rows) out.push_back(RecordFromRow(w));
  return out;
}

StatusOr<std::vector<std::pair<int64_t, int64_t>>> ReleaseLeadTimes(Conn& c, const InsightScope& s) {
  POL_ASSIGN_OR_RETURN(MetricSql m, Metric("releases_published", s));
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT r.submitted_at, r.published_at" + m.from_where +
                                              " AND r.submitted_at IS NOT NULL ORDER BY r.id",
                                          m.params));
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const Row& w : rows) out.emplace_back(w.Int(0), w.Int(1));
  return out;
}

StatusOr<std::vector<PickupOutlet>> PickupOutlets(Conn& c, const InsightScope& s) {
  POL_ASSIGN_OR_RETURN(MetricSql m, Metric("pickups", s));
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT r.id, m.outlet, COALESCE((SELECT ms.tier FROM monitor_sources ms WHERE ms.id = "
              "m.source_id), ''), COALESCE((SELECT ms.reach_weight FROM monitor_sources ms WHERE ms.id = "
              "m.source_id), 1.0)" +
                  m.from_where + " ORDER BY r.id, m.outlet",
              m.params));
  std::vector<PickupOutlet> out;
  for (const Row& w : rows) out.push_back({w.Int(0), w.Text(1), w.Text(2), w.Real(3)});
  return out;
}

StatusOr<std::optional<int64_t>> AgencyCouncil(Conn& c, int64_t agency_id) {
  POL_ASSIGN_OR_RETURN(std::optional<Row> r,
                       c.QueryOpt("SELECT council_id FROM agencies WHERE id = ?", {agency_id}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

}  // namespace pol::store
