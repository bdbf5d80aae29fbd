// SQL for distribution: channels (with their encrypted secret blob), press lists and contacts, and the
// deliveries of releases to channels (the outbox state shown in the console).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct Channel {
  int64_t id = 0, council_id = 0;
  std::optional<int64_t> agency_id;  // nullopt: a council channel
  std::string kind, name;
  std::string config = "{}";  // JSON, no secrets
  std::string secret;         // base64(nonce || secretbox) or ""
  std::string secret_hint;    // "••••1234"
  bool enabled = true;
  int64_t version = 1, created_at = 0, updated_at = 0;
};

StatusOr<int64_t> InsertChannel(Conn& c, const Channel& ch);
StatusOr<Channel> GetChannel(Conn& c, int64_t id);
// version-checked; bumps version.
Status UpdateChannel(Conn& c, const Channel& ch, int64_t now);
// Channels in the given scopes (nullopt = all); newest first.
StatusOr<std::vector<Channel>> ListChannels(Conn& c, const std::optional<std::vector<int64_t>>& councils,
                                            const std::optional<std::vector<int64_t>>& agencies,
                                            std::optional<int64_t> council_id,
                                            std::optional<int64_t> agency_id);
// Enabled channels a release of this agency goes to: the agency's, and the council's when council_level.
StatusOr<std::vector<Channel>> ChannelsForRelease(Conn& c, int64_t council_id, int64_t agency_id,
                                                  bool council_level);

struct PressList {
  int64_t id = 0, council_id = 0;
  std::optional<int64_t> agency_id;
  std::string name;
  int64_t version = 1, created_at = 0, updated_at = 0;
  int64_t contacts = 0, unsubscribed = 0;  // counts (lists only)
};
StatusOr<int64_t> InsertPressList(Conn& c, const PressList& l);
StatusOr<PressList> GetPressList(Conn& c, int64_t id);
StatusOr<std::vector<PressList>> ListPressLists(Conn& c, const std::optional<std::vector<int64_t>>& councils,
                                                const std::optional<std::vector<int64_t>>& agencies);

struct PressContact {
  int64_t id = 0, list_id = 0;
  std::string outlet, name, email, beats, unsubscribe_token;
  std::optional<int64_t> unsubscribed_at;
  int64_t created_at = 0;
};
// Inserts or (same list and e-mail) updates outlet/name/beats; returns the id and whether it was new.
StatusOr<std::pair<int64_t, bool>> UpsertPressContact(Conn& c, const PressContact& p);
StatusOr<std::pair<std::vector<PressContact>, int64_t>> ListPressContacts(Conn& c, int64_t list_id,
                                                                          int64_t limit, int64_t offset);
// Subscribed contacts only, in id order.
StatusOr<std::vector<PressContact>> ActivePressContacts(Conn& c, int64_t list_id);
StatusOr<std::vector<PressContact>> GetPressContacts(Conn& c, const std::vector<int64_t>& ids);
StatusOr<std::optional<PressContact>> FindContactByToken(Conn& c, const std::string& token);
Status SetUnsubscribed(Conn& c, int64_t contact_id, std::optional<int64_t> at);

struct Delivery {
  int64_t id = 0, release_id = 0, channel_id = 0;
  std::optional<int64_t> contact_id;
  std::string recipient, state = "queued";
  int64_t attempts = 0, max_attempts = 8, next_at = 0;
  std::string message_id, url, error_code, error_fa, error_detail;
  int64_t created_at = 0, updated_at = 0;
  std::optional<int64_t> sending_at, sent_at;
};
// Inserts unless (release, channel, recipient) exists; returns the id of the new row, nullopt if it existed.
StatusOr<std::optional<int64_t>> InsertDelivery(Conn& c, const Delivery& d);
StatusOr<Delivery> GetDelivery(Conn& c, int64_t id);
StatusOr<std::vector<Delivery>> GetDeliveries(Conn& c, const std::vector<int64_t>& ids);
// Writes the mutable columns (state, attempts, next_at, message_id, url, errors, times).
Status SaveDelivery(Conn& c, const Delivery& d);
// The sent deliveries of a release (every channel and recipient), in id order.
StatusOr<std::vector<Delivery>> SentReleaseDeliveries(Conn& c, int64_t release_id);
// Deliveries of a release; for e-mail channels only the ones not sent (failed/queued), at most `limit`.
StatusOr<std::vector<Delivery>> ListReleaseDeliveries(Conn& c, int64_t release_id, int64_t limit);

// A failed delivery as the distribution screen lists it: the row, its channel's owner, kind and name, and
// its release's title and status.
struct FailedDelivery {
  Delivery delivery;
  int64_t council_id = 0;            // the channel's
  std::optional<int64_t> agency_id;  // the channel's; nullopt: a council channel
  std::string channel_kind, channel_name, release_title, release_status;
};
// Failed deliveries on channels in the given scopes (nullopt = all; as ListChannels), optionally only on
// one agency's channels; the newest failure first. The page and the total.
StatusOr<std::pair<std::vector<FailedDelivery>, int64_t>> ListFailedDeliveries(
    Conn& c, const std::optional<std::vector<int64_t>>& councils,
    const std::optional<std::vector<int64_t>>& agencies, std::optional<int64_t> agency_id, int64_t limit,
    int64_t offset);

struct DeliveryCount {
  int64_t channel_id = 0;
  std::string state;
  int64_t count = 0;
  int64_t last_at = 0;
};
StatusOr<std::vector<DeliveryCount>> CountReleaseDeliveries(Conn& c, int64_t release_id);

}  // namespace pol::store
