#include "committee/reminder_settings.h"

#include "committee/committee_internal.h"

namespace pol::committee {

using accounts::Actor;

StatusOr<store::CommitteeReminderSettings> ReminderSettingsService::Get(const Actor& actor,
                                                                        int64_t committee_id) {
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<store::CommitteeReminderSettings> {
    POL_RETURN_IF_ERROR(internal::LoadScope(c, actor, committee_id).status());
    return store::GetCommitteeReminderSettings(c, committee_id);
  });
}

StatusOr<store::CommitteeReminderSettings> ReminderSettingsService::Set(const Actor& actor,
                                                                        int64_t committee_id,
                                                                        int64_t decision_reminder_days,
                                                                        int64_t version) {
  const int64_t now = env_->NowMillis();
  return db_->WriteValue([&](store::Conn& c) -> StatusOr<store::CommitteeReminderSettings> {
    POL_ASSIGN_OR_RETURN(internal::Scope s, internal::LoadScope(c, actor, committee_id));
    if (!CanRunMeetings(actor, s.committee.council_id, s.seat)) return PermissionDenied();
    if (decision_reminder_days < 1 || decision_reminder_days > store::kMaxDecisionReminderDays) {
      return InvalidArgument("invalid_reminder_days",
                             "یادآوری مهلت مصوبه باید بین ۱ تا ۳۰ روز پیش از آن باشد.",
                             "decision_reminder_days");
    }
    POL_ASSIGN_OR_RETURN(store::CommitteeReminderSettings settings,
                         store::GetCommitteeReminderSettings(c, committee_id));
    if (settings.version != version) return VersionConflict();
    settings.decision_reminder_days = decision_reminder_days;
    POL_RETURN_IF_ERROR(store::SaveCommitteeReminderSettings(c, settings, now));
    POL_RETURN_IF_ERROR(accounts::Audit(c, actor, now, "set_reminders", "committee",
                                        std::to_string(committee_id), {s.committee.council_id, std::nullopt},
                                        {{"decision_reminder_days", decision_reminder_days}}));
    return store::GetCommitteeReminderSettings(c, committee_id);
  });
}

}  // namespace pol::committee
