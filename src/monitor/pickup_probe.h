// The look-back probe of late pickups (issue 16 §2): the keys stored with every media item and the keys
// a release published late looks up among them (monitor_models.cc, MonitorService::LookBack).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pol::monitor {

// Late pickups (issue 16 §2): a release published after an outlet printed its text looks back at the
// items already stored. Each item is stored with its probe keys — the band keys of its whole-text MinHash
// (16 bands × 8 rows: near-copies) and its term bigrams whose 32-bit hash is even (four times as dense as
// the anchors Check() samples: partial takes, summaries, edited copies; sparser samples missed short takes,
// monitor_pickup_test) — and the late release looks up its own keys among them instead of checking every
// item; only the items found are checked (PickupIndex::Check).
// Bit 0 tells a band key (1) from an anchor (0). About 170 keys for an article of 300 terms.
std::vector<uint64_t> ItemProbeKeys(const std::vector<std::vector<std::string>>& item_terms);
struct ReleaseProbe {
  std::vector<uint64_t> keys;  // sorted, unique
  size_t anchors = 0;          // how many of them are anchors
};
ReleaseProbe ReleaseProbeKeys(const std::vector<std::string>& paragraphs);
// A release with fewer anchors than this is too short to probe by sampled bigrams: look at every item.
inline constexpr size_t kMinProbeAnchors = 3;
// Whether an item sharing the distinct keys `shared` with a release's probe is worth checking: one band
// key, or two anchors.
bool IsProbeCandidate(const std::vector<uint64_t>& shared);

}  // namespace pol::monitor
