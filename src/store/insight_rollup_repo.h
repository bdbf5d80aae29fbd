// The dashboard's daily mention roll-ups (migrations 66/67; docs/insight.md "Speed"): the tables
// insight_mention_days (council, agency — 0 for "any agency" —, Tehran day, effective tone → items) and
// insight_mention_outlet_days (… and source, outlet), and the dirty days that triggers mark on every
// write to mentions or to a mentioned item's day, tone, outlet or source.
//
// Exactness: a roll-up row is read only for a day without a dirty mark; a dirty day is counted from the
// live tables. SettleInsightDays recounts dirty days and removes a mark only when its generation did not
// move while recounting (a write in between keeps the day dirty), so a number read through the roll-ups
// always equals the live count — the length of its drill-down list.
//
// Thread-safety: free functions over a caller's connection; SettleInsightDays runs in a write
// transaction (the once-per-cluster task insight.rollups).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "store/db.h"

namespace pol::store {

// A Tehran day of the roll-ups: (t + 03:30) / 24 h, as the triggers compute it (no daylight saving).
inline constexpr int64_t kRollupDayMs = 86400000, kRollupDayOffsetMs = 12600000;
inline int64_t RollupDayStart(int64_t day) { return day * kRollupDayMs - kRollupDayOffsetMs; }

// Recounts at most `max_days` dirty days (oldest first) from the live tables; returns how many were
// recounted (a day written meanwhile stays dirty and is recounted again next time).
StatusOr<int64_t> SettleInsightDays(Conn& c, int64_t max_days);

// The dirty days of `council` in [first_day, end_day), ascending.
StatusOr<std::vector<int64_t>> DirtyInsightDays(Conn& c, int64_t council_id, int64_t first_day,
                                                int64_t end_day);

// The days [first, end) when [from, to) is whole roll-up days; nullopt otherwise (count live).
struct RollupDays {
  int64_t first = 0, end = 0;
};
std::optional<RollupDays> WholeRollupDays(int64_t from, int64_t to);

}  // namespace pol::store
