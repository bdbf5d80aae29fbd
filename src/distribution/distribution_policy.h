// Who may do what in distribution: the one file of src/distribution that reads roles.
//
// Rules (accounts/roles.h holds the role primitives; these functions are their only callers here):
//  * Channels and press lists of a council (agency_id empty) and of its agencies are managed by the
//    council's admins; an agency's also by that agency's PR manager; system admins (and the system
//    itself) manage all.
//  * The owner named when creating a channel or a press list must be a council (or an agency of one)
//    the person belongs to; otherwise it answers as unknown (no ids leak).
//  * Telegram, Bale and Eitaa channels talk to their official hosts; only a system admin may point one
//    at another base URL (a bot token goes wherever the base URL says).
//  * Press contacts' e-mail addresses (the recipients of press e-mail deliveries) are shown in full only
//    to those who may manage the channel's press lists; every other reader of the release sees them
//    masked.
//  * Retrying or cancelling a delivery needs the right to manage its channel (seeing it needs the
//    right to read its release, which is the newsroom's rule).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "accounts/actor.h"

namespace pol::distribution {

// Manage (create, edit, test, list) the channels and press lists of this council / agency.
bool CanManageChannels(const accounts::Actor& actor, int64_t council_id, std::optional<int64_t> agency_id);

// Name this council (or one of its agencies) as the owner of a new channel or press list.
bool CanChooseOwner(const accounts::Actor& actor, int64_t council_id);

// Point a messenger channel at a host other than its official one.
bool CanUseUnofficialMessengerHost(const accounts::Actor& actor);

// See press contacts' e-mail addresses unmasked (deliveries of this channel owner's press e-mail).
bool CanSeePressContacts(const accounts::Actor& actor, int64_t council_id, std::optional<int64_t> agency_id);

// Retry a failed/cancelled delivery, or cancel a queued/failed one, on this channel's owner.
bool CanRetryOrCancelDelivery(const accounts::Actor& actor, int64_t council_id,
                              std::optional<int64_t> agency_id);

// The scopes whose channels and press lists a person may list: nullopt lists = everything (system
// admins); `none` = nothing at all.
// The store's list queries apply the same rule in SQL; Covers() is it for one row already read.
struct ManageScope {
  std::optional<std::vector<int64_t>> councils, agencies;
  bool none = false;
  // Whether a row owned by (council, agency) is in the scope: everything for no lists, else the row's
  // council in `councils` or its agency in `agencies`.
  bool Covers(int64_t council_id, std::optional<int64_t> agency_id) const;
};
ManageScope ManageableScope(const accounts::Actor& actor);

}  // namespace pol::distribution
