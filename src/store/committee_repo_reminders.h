// SQL of a committee's reminder settings (committee/reminder_settings.h) and of who is reminded of a
// decision's deadline besides its owner person: the PR managers of its owner agency (committee/reminders.cc).
//
// Thread-safety: functions of a Conn, which the caller holds inside Database::Read/Write.
#pragma once

#include <cstdint>
#include <vector>

#include "store/db.h"

namespace pol::store {

inline constexpr int64_t kDefaultDecisionReminderDays = 3;
inline constexpr int64_t kMaxDecisionReminderDays = 30;

struct CommitteeReminderSettings {
  int64_t committee_id = 0;
  int64_t decision_reminder_days = kDefaultDecisionReminderDays;
  int64_t version = 0;  // 0: never saved (the defaults)
  int64_t updated_at = 0;
};

// The committee's settings; the defaults (version 0) when none were saved.
StatusOr<CommitteeReminderSettings> GetCommitteeReminderSettings(Conn& c, int64_t committee_id);
// Saves when `s.version` is the stored version (0: none stored yet); VersionConflict otherwise.
Status SaveCommitteeReminderSettings(Conn& c, const CommitteeReminderSettings& s, int64_t now);

// Users (not disabled) holding the agency_pr_manager role for `agency_id`, by id.
StatusOr<std::vector<int64_t>> AgencyPrManagers(Conn& c, int64_t agency_id);

}  // namespace pol::store
