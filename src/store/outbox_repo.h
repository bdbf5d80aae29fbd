// SQL shared by distribution's non-release deliveries — the "outbox" kinds: the press bulletin's
// deliveries (bulletin_deliveries, migration 63), monitoring alerts' (alert_deliveries, 64 and 68) and
// corrections/withdrawals re-announced (release_updates, 65). Each kind keeps its own table (its own key,
// foreign keys and unique constraint: an archived bulletin, a fired alert, a release's event); the status
// columns they share are written here once (SaveOutboxStatus), and the distribution screen's list of
// failed deliveries and its retry read and write every kind through here.
//
// Thread-safety: free functions over a caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/db.h"

namespace pol::store {

enum class OutboxKind { kBulletin, kAlert, kReleaseUpdate };
// "bulletin" | "alert" | "release_update" (the API's `kind`).
const char* OutboxKindName(OutboxKind kind);
std::optional<OutboxKind> ParseOutboxKind(std::string_view name);

// The status columns every outbox row has (as `deliveries` has them).
struct OutboxStatus {
  int64_t id = 0;
  std::string state = "queued";
  int64_t attempts = 0;
  std::string message_id, url, error_code, error_fa, error_detail;
  int64_t updated_at = 0;
  std::optional<int64_t> sent_at;
};

// The status of any row type with those fields (store::BulletinDelivery, AlertDelivery, ReleaseUpdate).
template <typename Row>
OutboxStatus StatusOf(const Row& d) {
  return {.id = d.id,
          .state = d.state,
          .attempts = d.attempts,
          .message_id = d.message_id,
          .url = d.url,
          .error_code = d.error_code,
          .error_fa = d.error_fa,
          .error_detail = d.error_detail,
          .updated_at = d.updated_at,
          .sent_at = d.sent_at};
}

// Writes state, attempts, message_id, url, errors, updated_at and sent_at of row `s.id` of the kind.
Status SaveOutboxStatus(Conn& c, OutboxKind kind, const OutboxStatus& s);
// NotFound when missing.
StatusOr<OutboxStatus> GetOutboxStatus(Conn& c, OutboxKind kind, int64_t id);

// An outbox row as the distribution screen lists it. Its owner (who may see and retry it, as for a release
// delivery's channel): the channel's council and agency — for an alert, the alert's agency (its e-mail may
// go through the council's SMTP channel; its staff-chat rows have no channel).
struct OutboxItem {
  OutboxKind kind = OutboxKind::kBulletin;
  OutboxStatus status;
  int64_t council_id = 0;
  std::optional<int64_t> agency_id;
  std::optional<int64_t> channel_id;       // nullopt: an alert to a staff member's own chat
  std::string channel_kind, channel_name;  // a staff chat: the bot's kind and name
  std::string recipient;                   // e-mail address ('' for chats)
  std::string title;   // the bulletin's label, the alert's item (or text), the release's title
  std::string event;   // bulletin: day|week; release_update: corrected|withdrawn
  int64_t ref_id = 0;  // the bulletin archive's or the release's id (0 for alerts)
  std::string link;    // alerts: the item in the console
  int64_t created_at = 0;
};
// The failed rows of every kind whose owner is in the scopes (nullopt = all; as ListFailedDeliveries),
// optionally of one kind and one agency; the newest failure first. The page and the total.
StatusOr<std::pair<std::vector<OutboxItem>, int64_t>> ListFailedOutbox(
    Conn& c, const std::optional<std::vector<int64_t>>& councils,
    const std::optional<std::vector<int64_t>>& agencies, std::optional<OutboxKind> kind,
    std::optional<int64_t> agency_id, int64_t limit, int64_t offset);
// One row of the kind with its owner (any state); nullopt when missing.
StatusOr<std::optional<OutboxItem>> GetOutboxItem(Conn& c, OutboxKind kind, int64_t id);

}  // namespace pol::store
