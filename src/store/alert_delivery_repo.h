// SQL for monitoring alerts delivered through distribution (migrations 64 and 68; src/distribution/
// alert_delivery.cc): one row per fired alert and target — a channel and recipient, or a staff member's
// own linked chat (bot_id, chat_id; channel_id 0). The status columns are written by store/outbox_repo.h.
//
// Thread-safety: free functions over a caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct AlertDelivery {
  int64_t id = 0;
  std::string event_key;
  int64_t council_id = 0, agency_id = 0, channel_id = 0;  // channel_id 0: a staff chat (bot_id, chat_id)
  std::optional<int64_t> user_id;
  std::string recipient, subject, body, item_title, outlet, link;
  std::string state = "queued";
  int64_t attempts = 0;
  std::string message_id, url, error_code, error_fa, error_detail;
  int64_t created_at = 0, updated_at = 0;
  std::optional<int64_t> sent_at;
  std::optional<int64_t> bot_id;  // a staff chat: the messenger bot and the chat the user linked
  std::string chat_id;
  std::string tone;  // the item's tone (negative | neutral | positive), '' when unknown
};

// Inserts unless (event_key, channel, recipient, bot, chat) exists; the new row's id, nullopt if it existed.
StatusOr<std::optional<int64_t>> InsertAlertDelivery(Conn& c, const AlertDelivery& d);
StatusOr<std::optional<AlertDelivery>> GetAlertDelivery(Conn& c, int64_t id);
// Writes state, attempts, message_id, url, errors, updated_at, sent_at (SaveOutboxStatus).
Status SaveAlertDelivery(Conn& c, const AlertDelivery& d);
// The item's tone on every row of the alert (negative | neutral | positive), said in its messages; set by
// the app's alert outbox in the transaction that wrote the rows (OnAlert).
Status SetAlertDeliveriesTone(Conn& c, const std::string& event_key, const std::string& tone);
// An agency's alert deliveries, newest first.
StatusOr<std::vector<AlertDelivery>> ListAlertDeliveries(Conn& c, int64_t agency_id, int64_t limit);

}  // namespace pol::store
