// A committee's reminder settings (issue 13 §7): how many days before a decision's deadline its owner person
// and the owner agency's PR managers are reminded (1–30, default 3; the sweep in reminders.cc reads it). Read
// by the committee's readers, set by those who run its meetings (the secretary, council admins); audited.
//
// Thread-safety: thread-safe; blocks: worker threads only.
#pragma once

#include <cstdint>

#include "accounts/actor.h"
#include "base/env.h"
#include "store/committee_repo_reminders.h"

namespace pol::committee {

class ReminderSettingsService {
 public:
  ReminderSettingsService(store::Database* db, Env* env) : db_(db), env_(env) {}

  // NotFound when the actor may not read the committee.
  StatusOr<store::CommitteeReminderSettings> Get(const accounts::Actor& actor, int64_t committee_id);
  // `version`: the settings' version as read (0 before the first save). InvalidArgument
  // (`invalid_reminder_days`) outside 1–30; PermissionDenied unless the actor runs the committee's meetings.
  StatusOr<store::CommitteeReminderSettings> Set(const accounts::Actor& actor, int64_t committee_id,
                                                 int64_t decision_reminder_days, int64_t version);

 private:
  store::Database* const db_;
  Env* const env_;
};

}  // namespace pol::committee
