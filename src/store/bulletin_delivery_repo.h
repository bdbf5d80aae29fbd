// SQL for the press bulletin's delivery through distribution (migration 63; src/distribution/
// bulletin_delivery.cc): the channels a council's scheduled bulletin goes to, and one delivery row per
// archived bulletin, channel and recipient.
//
// Thread-safety: free functions over a caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

// The channels of a council's bulletin of `period`, in id order.
StatusOr<std::vector<int64_t>> BulletinRecipients(Conn& c, int64_t council_id, const std::string& period);
// Replaces them.
Status SetBulletinRecipients(Conn& c, int64_t council_id, const std::string& period,
                             const std::vector<int64_t>& channel_ids);

struct BulletinDelivery {
  int64_t id = 0, archive_id = 0, channel_id = 0;
  std::optional<int64_t> contact_id;
  std::string recipient, state = "queued";
  int64_t attempts = 0;
  std::string message_id, url, error_code, error_fa, error_detail;
  int64_t created_at = 0, updated_at = 0;
  std::optional<int64_t> sent_at;
};
// Inserts unless (archive, channel, recipient) exists; the new row's id, nullopt if it existed.
StatusOr<std::optional<int64_t>> InsertBulletinDelivery(Conn& c, const BulletinDelivery& d);
StatusOr<std::optional<BulletinDelivery>> GetBulletinDelivery(Conn& c, int64_t id);
// Writes state, attempts, message_id, url, errors, updated_at, sent_at.
Status SaveBulletinDelivery(Conn& c, const BulletinDelivery& d);

// An archived bulletin's deliveries per channel and state, with the channel's kind and name and the
// Persian error of the latest failure on it.
struct BulletinDeliveryCount {
  int64_t archive_id = 0, channel_id = 0;
  std::string channel_kind, channel_name, state;
  int64_t count = 0, last_at = 0;
  std::string url;       // a sent messenger delivery's link
  std::string error_fa;  // the latest failed one's
};
StatusOr<std::vector<BulletinDeliveryCount>> CountBulletinDeliveries(Conn& c,
                                                                     const std::vector<int64_t>& archive_ids);

// The archived bulletin of (council, period, slot), if any.
StatusOr<std::optional<int64_t>> FindBulletinArchiveId(Conn& c, int64_t council_id, const std::string& period,
                                                       int64_t slot_at);

}  // namespace pol::store
