// SQL for corrections and withdrawals re-announced through distribution (migration 65; src/distribution/
// release_update.cc): one row per event of a release and sent delivery it re-announces.
//
// Thread-safety: free functions over a caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/distribution_repo.h"

namespace pol::store {

struct ReleaseUpdate {
  int64_t id = 0, release_id = 0;
  std::string event;  // corrected | withdrawn
  int64_t event_at = 0;
  std::string note;  // the correction's note or the withdrawal's reason
  int64_t delivery_id = 0, channel_id = 0;
  std::string state = "queued";
  int64_t attempts = 0;
  std::string message_id, url, error_code, error_fa, error_detail;
  int64_t created_at = 0, updated_at = 0;
  std::optional<int64_t> sent_at;
};

// Inserts unless (release, event, event_at, delivery) exists; the new row's id, nullopt if it existed.
StatusOr<std::optional<int64_t>> InsertReleaseUpdate(Conn& c, const ReleaseUpdate& u);
StatusOr<std::optional<ReleaseUpdate>> GetReleaseUpdate(Conn& c, int64_t id);
// Writes state, attempts, message_id, url, errors, updated_at, sent_at.
Status SaveReleaseUpdate(Conn& c, const ReleaseUpdate& u);
// A release's updates, newest event first.
StatusOr<std::vector<ReleaseUpdate>> ListReleaseUpdates(Conn& c, int64_t release_id);

}  // namespace pol::store
