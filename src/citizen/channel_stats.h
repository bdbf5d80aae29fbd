// The citizens' statistics per channel (issue 15 §6): how many requests came by the web portal and by each
// messenger bot (citizen_requests.channel: web, telegram, bale), for the council desk's satisfaction page
// beside RequestService::Csat. Counted over the requests staff see (verified, not merged into another), all
// time; SQL in store/messenger_repo_channels.h.
//
// Thread-safety: a pure read; safe to call concurrently.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "store/citizen_repo.h"
#include "store/db.h"

namespace pol::citizen {

struct ChannelStats {
  std::map<std::string, int64_t> total;                          // the council's, routed or not
  std::map<std::string, int64_t> unrouted;                       // not routed to an agency yet
  std::map<int64_t, std::map<std::string, int64_t>> per_agency;  // agency id → channel → count
};

// The volumes of the council the CSAT rows (RequestService::Csat) belong to; the same permission
// (citizen_policy.h CanViewCsat), else NotFound. No rows (a council without agencies): empty stats.
StatusOr<ChannelStats> ChannelStatsOf(store::Database* db, const accounts::Actor& actor,
                                      const std::vector<store::CsatRow>& csat);

}  // namespace pol::citizen
