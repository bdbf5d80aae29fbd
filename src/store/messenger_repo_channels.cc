#include "store/messenger_repo_channels.h"

namespace pol::store {

StatusOr<std::vector<ChannelVolume>> ChannelVolumesOfCouncil(Conn& c, int64_t council_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT agency_id, channel, COUNT(*) FROM citizen_requests WHERE "
                                          "council_id = ? AND state NOT IN ('unverified', 'merged') "
                                          "GROUP BY agency_id, channel ORDER BY agency_id, channel",
                                          {council_id}));
  std::vector<ChannelVolume> out;
  for (const Row& w : rows) {
    ChannelVolume v;
    if (!w.IsNull(0)) v.agency_id = w.Int(0);
    v.channel = w.Text(1);
    v.count = w.Int(2);
    out.push_back(std::move(v));
  }
  return out;
}

StatusOr<std::vector<ChannelVolume>> ChannelVolumesBetween(Conn& c, int64_t council_id,
                                                           std::optional<int64_t> agency_id, int64_t from,
                                                           int64_t to) {
  std::string sql =
      "SELECT channel, COUNT(*) FROM citizen_requests WHERE council_id = ? AND state NOT IN ('unverified', "
      "'merged') AND created_at >= ? AND created_at < ?";
  Params params{council_id, from, to};
  if (agency_id) {
    sql += " AND agency_id = ?";
    params.emplace_back(*agency_id);
  }
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql + " GROUP BY channel ORDER BY 2 DESC, 1", params));
  std::vector<ChannelVolume> out;
  for (const Row& w : rows) out.push_back(ChannelVolume{std::nullopt, w.Text(0), w.Int(1)});
  return out;
}

}  // namespace pol::store
