#include "insight/requests_by_channel.h"

#include "store/messenger_repo_channels.h"

namespace pol::insight {

StatusOr<std::vector<store::InsightBucket>> RequestsByChannel(store::Database* db, const Dashboard& d) {
  std::vector<store::InsightBucket> out;
  POL_RETURN_IF_ERROR(db->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto volumes, store::ChannelVolumesBetween(c, d.council_id, d.agency_id,
                                                                    d.period.from_ms, d.period.to_ms));
    for (const auto& v : volumes) out.push_back(store::InsightBucket{v.channel, v.channel, "", v.count});
    return Status::Ok();
  }));
  return out;
}

}  // namespace pol::insight
