// A committee's senders (issue 13 §3): which distribution e-mail channel (its SMTP server and From address)
// and which SMS sender line its invitations, reminders and escalations use instead of the council's
// defaults. The channel must be an e-mail channel of the committee's own council (a council channel or one
// of its agencies'); the line is 3–20 digits (Persian or Arabic digits read as Latin). Read by the
// committee's readers, set by those who run its meetings (the secretary, council admins); audited.
//
// Thread-safety: thread-safe; blocks: worker threads only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "accounts/actor.h"
#include "base/env.h"
#include "store/committee_repo_senders.h"

namespace pol::committee {

class SenderSettingsService {
 public:
  SenderSettingsService(store::Database* db, Env* env) : db_(db), env_(env) {}

  // NotFound when the actor may not read the committee.
  StatusOr<store::CommitteeSenders> Get(const accounts::Actor& actor, int64_t committee_id);
  // `mail_channel_id` nullopt and `sms_sender` "" are the council's defaults; `version` as read (0 before
  // the first save). InvalidArgument `invalid_mail_channel` (unknown, not e-mail, or another council's),
  // `invalid_sms_sender`; PermissionDenied unless the actor runs the committee's meetings.
  StatusOr<store::CommitteeSenders> Set(const accounts::Actor& actor, int64_t committee_id,
                                        std::optional<int64_t> mail_channel_id, const std::string& sms_sender,
                                        int64_t version);

 private:
  store::Database* const db_;
  Env* const env_;
};

// The sender line as stored: digits made Latin and spaces trimmed; nullopt when it is not 3–20 digits
// ("" stays "": the default).
std::optional<std::string> NormalizeSmsSender(const std::string& line);

}  // namespace pol::committee
