#include "store/insight_rollup_repo.h"

#include <string>

namespace pol::store {
namespace {

// The day's mentioned items of a council, live: `group` adds the roll-up's extra columns.
constexpr char kLiveDay[] =
    " FROM media_items m WHERE m.council_id = ? AND COALESCE(m.published_at, m.fetched_at) >= ? AND "
    "COALESCE(m.published_at, m.fetched_at) < ? AND EXISTS (SELECT 1 FROM mentions x WHERE x.item_id = m.id)";
constexpr char kLiveDayAgency[] =
    " FROM media_items m JOIN mentions x ON x.item_id = m.id WHERE m.council_id = ? AND "
    "COALESCE(m.published_at, m.fetched_at) >= ? AND COALESCE(m.published_at, m.fetched_at) < ?";

Status Recount(Conn& c, int64_t council, int64_t day) {
  const int64_t from = RollupDayStart(day), to = from + kRollupDayMs;
  for (const char* table : {"insight_mention_days", "insight_mention_outlet_days"}) {
    POL_RETURN_IF_ERROR(
        c.Exec(std::string("DELETE FROM ") + table + " WHERE council_id = ? AND day = ?", {council, day})
            .status());
  }
  const Params p{council, day, council, from, to};
  POL_RETURN_IF_ERROR(
      c.Exec("INSERT INTO insight_mention_days(council_id, agency_id, day, tone, items) SELECT ?, 0, ?, "
             "COALESCE(m.tone_override, m.tone), COUNT(*)" +
                 std::string(kLiveDay) + " GROUP BY COALESCE(m.tone_override, m.tone)",
             p)
          .status());
  POL_RETURN_IF_ERROR(
      c.Exec(
           "INSERT INTO insight_mention_days(council_id, agency_id, day, tone, items) SELECT ?, x.agency_id, "
           "?, COALESCE(m.tone_override, m.tone), COUNT(DISTINCT m.id)" +
               std::string(kLiveDayAgency) + " GROUP BY x.agency_id, COALESCE(m.tone_override, m.tone)",
           p)
          .status());
  POL_RETURN_IF_ERROR(
      c.Exec("INSERT INTO insight_mention_outlet_days(council_id, agency_id, day, tone, source_id, outlet, "
             "items) SELECT ?, 0, ?, COALESCE(m.tone_override, m.tone), COALESCE(m.source_id, 0), m.outlet, "
             "COUNT(*)" +
                 std::string(kLiveDay) +
                 " GROUP BY COALESCE(m.tone_override, m.tone), COALESCE(m.source_id, 0), m.outlet",
             p)
          .status());
  return c
      .Exec(
          "INSERT INTO insight_mention_outlet_days(council_id, agency_id, day, tone, source_id, outlet, "
          "items) SELECT ?, x.agency_id, ?, COALESCE(m.tone_override, m.tone), COALESCE(m.source_id, 0), "
          "m.outlet, COUNT(DISTINCT m.id)" +
              std::string(kLiveDayAgency) +
              " GROUP BY x.agency_id, COALESCE(m.tone_override, m.tone), COALESCE(m.source_id, 0), m.outlet",
          p)
      .status();
}

}  // namespace

StatusOr<int64_t> SettleInsightDays(Conn& c, int64_t max_days) {
  POL_ASSIGN_OR_RETURN(Rows dirty, c.Query("SELECT council_id, day, gen FROM insight_dirty_days ORDER BY "
                                           "council_id, day LIMIT ?",
                                           {max_days}));
  int64_t settled = 0;
  for (const Row& d : dirty) {
    POL_RETURN_IF_ERROR(Recount(c, d.Int(0), d.Int(1)));
    POL_ASSIGN_OR_RETURN(int64_t gone,
                         c.Exec("DELETE FROM insight_dirty_days WHERE council_id = ? AND day = ? AND gen = ?",
                                {d.Int(0), d.Int(1), d.Int(2)}));
    settled += gone > 0 ? 1 : 0;
  }
  return settled;
}

StatusOr<std::vector<int64_t>> DirtyInsightDays(Conn& c, int64_t council_id, int64_t first_day,
                                                int64_t end_day) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT day FROM insight_dirty_days WHERE council_id = ? AND day >= ? "
                               "AND day < ? ORDER BY day",
                               {council_id, first_day, end_day}));
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(r.Int(0));
  return out;
}

std::optional<RollupDays> WholeRollupDays(int64_t from, int64_t to) {
  const int64_t a = from + kRollupDayOffsetMs, b = to + kRollupDayOffsetMs;
  if (a < 0 || b < a || a % kRollupDayMs != 0 || b % kRollupDayMs != 0) return std::nullopt;
  return RollupDays{a / kRollupDayMs, b / kRollupDayMs};
}

}  // namespace pol::store
