// SQL for the volume of citizens' requests per channel they came in by (citizen_requests.channel: web,
// telegram, bale — the bots of src/messenger add the last two): the citizens' statistics and the insight
// dashboard's citizens' panel. Counted over the requests staff see: verified, not merged into another.
//
// Thread-safety: free functions over a Conn (one transaction's connection).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/db.h"

namespace pol::store {

struct ChannelVolume {
  std::optional<int64_t> agency_id;  // nullopt: not routed to an agency yet (or every agency, see below)
  std::string channel;
  int64_t count = 0;
};

// All time, per agency (nullopt: not routed yet) and channel, ordered by agency then channel.
StatusOr<std::vector<ChannelVolume>> ChannelVolumesOfCouncil(Conn& c, int64_t council_id);

// Received in [from, to) — by the council, or by one agency — per channel (agency_id left empty), most
// first: the same requests as insight's requests_received metric.
StatusOr<std::vector<ChannelVolume>> ChannelVolumesBetween(Conn& c, int64_t council_id,
                                                           std::optional<int64_t> agency_id, int64_t from,
                                                           int64_t to);

}  // namespace pol::store
