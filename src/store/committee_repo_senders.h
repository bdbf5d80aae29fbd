// SQL of a committee's senders (migration 37; committee/sender_settings.h): the e-mail channel and the SMS
// sender line of its notices, when not the council's defaults.
//
// Thread-safety: functions of a Conn, which the caller holds inside Database::Read/Write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/db.h"

namespace pol::store {

struct CommitteeSenders {
  int64_t committee_id = 0;
  std::optional<int64_t> mail_channel_id;  // nullopt: the council's e-mail channel
  std::string sms_sender;                  // "": the gateway's configured line
  int64_t version = 0;                     // 0: never saved (the defaults)
  int64_t updated_at = 0;
};

// The committee's senders; the defaults (version 0) when none were saved.
StatusOr<CommitteeSenders> GetCommitteeSenders(Conn& c, int64_t committee_id);
// Saves when `s.version` is the stored version (0: none stored yet); VersionConflict otherwise.
Status SaveCommitteeSenders(Conn& c, const CommitteeSenders& s, int64_t now);

}  // namespace pol::store
