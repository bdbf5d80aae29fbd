// The bulletin's read models (insight/bulletin.h): read-only SQL beside store/insight_repo.h — the
// council's name and agencies, the must-read monitored items of a period ranked by outlet tier, reach
// and tone, and the monitoring alerts that fired in the period. Nothing here writes.
//
// Must-read items are the `mentions` records of store/insight_repo.h (the same WHERE: the council's
// items of [from, to) mentioning an agency of the council, or the scope's agency) ranked by the tier of
// their source (national, provincial, local, none), the source's reach weight (highest first), tone
// (negative, then positive, then neutral) and time (latest first).
//
// Thread-safety: free functions over a caller's connection.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/insight_repo.h"

namespace pol::store {

struct InsightAgency {
  int64_t id = 0;
  std::string name;
};

struct MustReadItem {
  InsightRecord record;  // kind "media_item": title, at, label = outlet, tone, url
  std::string tier;      // the source's tier ("" when the item has no source)
  double reach = 0;      // the source's reach weight (0 when none)
};

// The council's name ("" when there is no such council).
StatusOr<std::string> CouncilName(Conn& c, int64_t council_id);
// The council's agencies by name.
StatusOr<std::vector<InsightAgency>> CouncilAgencies(Conn& c, int64_t council_id);
// The first `limit` must-read items of the scope (tier, outlet and tone filters are ignored).
StatusOr<std::vector<MustReadItem>> MustReadItems(Conn& c, const InsightScope& s, int64_t limit);
// Alert events of the council's rules (of the scope's agency, when set) created in [from, to), latest
// first, at most `limit`: kind "alert", title = the message, label = the rule's kind.
StatusOr<std::vector<InsightRecord>> AlertsFired(Conn& c, const InsightScope& s, int64_t limit);

}  // namespace pol::store
