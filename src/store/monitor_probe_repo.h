// Monitoring's look-back probe keys (media_item_probes, migration 17): written with each stored item,
// probed when a release is published late, pruned past the look-back window.
//
// Thread-safety: free functions over a caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "store/db.h"

namespace pol::store {

// Look-back probe keys (monitor::ItemProbeKeys) of a stored item.
Status InsertItemProbes(Conn& c, int64_t item_id, int64_t council_id, int64_t fetched_at,
                        const std::vector<uint64_t>& keys);
// (item id, key) of every stored key among `keys` of the council's items fetched at or after `since`.
StatusOr<std::vector<std::pair<int64_t, uint64_t>>> ProbeItems(Conn& c, int64_t council_id, int64_t since,
                                                               const std::vector<uint64_t>& keys);
// The smallest item id of the council that has probe keys (items stored before migration 17 have none).
StatusOr<std::optional<int64_t>> FirstProbedItem(Conn& c, int64_t council_id);

// How long probe keys are kept: the look-back window (monitor::kLookBackDays, 14) and a day for a
// look-back job that runs late. Older keys can never be asked for (ProbeItems' `since` is the release's
// publication less the window), and FirstProbedItem stays right: items below it are older than the window.
inline constexpr int64_t kItemProbeKeepDays = 15;

// Deletes the probe keys of items fetched before `before`, about `limit` at a time (the keys of the
// oldest such items, each item whole); how many. The housekeeping job calls it until it deletes fewer
// than `limit`, one transaction per call.
StatusOr<int64_t> PruneItemProbes(Conn& c, int64_t before, int64_t limit);

}  // namespace pol::store
