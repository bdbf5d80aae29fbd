#include "citizen/channel_stats.h"

#include "citizen/citizen_policy.h"
#include "store/council_repo.h"
#include "store/messenger_repo_channels.h"

namespace pol::citizen {

StatusOr<ChannelStats> ChannelStatsOf(store::Database* db, const accounts::Actor& actor,
                                      const std::vector<store::CsatRow>& csat) {
  ChannelStats out;
  if (csat.empty()) return out;
  POL_RETURN_IF_ERROR(db->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Agency agency, store::GetAgency(c, csat.front().agency_id));
    if (!CanViewCsat(actor, agency.council_id)) return NotFound("شورا پیدا نشد.");
    POL_ASSIGN_OR_RETURN(auto volumes, store::ChannelVolumesOfCouncil(c, agency.council_id));
    for (const auto& v : volumes) {
      out.total[v.channel] += v.count;
      (v.agency_id ? out.per_agency[*v.agency_id] : out.unrouted)[v.channel] = v.count;
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace pol::citizen
