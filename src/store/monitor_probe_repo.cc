#include "store/monitor_probe_repo.h"

#include <utility>

namespace pol::store {

Status InsertItemProbes(Conn& c, int64_t item_id, int64_t council_id, int64_t fetched_at,
                        const std::vector<uint64_t>& keys) {
  for (uint64_t k : keys) {
    POL_RETURN_IF_ERROR(c.Exec("INSERT INTO media_item_probes(item_id, council_id, fetched_at, probe_key) "
                               "VALUES (?,?,?,?)",
                               {item_id, council_id, fetched_at, static_cast<int64_t>(k)})
                            .status());
  }
  return Status::Ok();
}

StatusOr<std::vector<std::pair<int64_t, uint64_t>>> ProbeItems(Conn& c, int64_t council_id, int64_t since,
                                                               const std::vector<uint64_t>& keys) {
  std::vector<std::pair<int64_t, uint64_t>> out;
  // One look-up per key: each is an index range (council, key, fetched_at ≥ since), and the statement is
  // prepared once.
  for (uint64_t k : keys) {
    POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT item_id FROM media_item_probes WHERE council_id = ? AND "
                                            "probe_key = ? AND fetched_at >= ?",
                                            {council_id, static_cast<int64_t>(k), since}));
    for (const Row& w : rows) out.emplace_back(w.Int(0), k);
  }
  return out;
}

StatusOr<std::optional<int64_t>> FirstProbedItem(Conn& c, int64_t council_id) {
  // Walks the item_id index from the start: the first row of the council ends it.
  POL_ASSIGN_OR_RETURN(auto w,
                       c.QueryOpt("SELECT item_id FROM media_item_probes WHERE council_id = ? ORDER BY "
                                  "item_id LIMIT 1",
                                  {council_id}));
  if (!w) return std::optional<int64_t>();
  return std::optional<int64_t>(w->Int(0));
}

StatusOr<int64_t> PruneItemProbes(Conn& c, int64_t before, int64_t limit) {
  // Walks the item_id index from the oldest item: the stale keys are the first rows it meets.
  return c.Exec(
      "DELETE FROM media_item_probes WHERE item_id IN (SELECT item_id FROM media_item_probes WHERE "
      "fetched_at < ? ORDER BY item_id LIMIT ?) AND fetched_at < ?",
      {before, limit, before});
}

}  // namespace pol::store
