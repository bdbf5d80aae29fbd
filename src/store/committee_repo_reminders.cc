#include "store/committee_repo_reminders.h"

namespace pol::store {

StatusOr<CommitteeReminderSettings> GetCommitteeReminderSettings(Conn& c, int64_t committee_id) {
  CommitteeReminderSettings s{.committee_id = committee_id};
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt("SELECT decision_reminder_days, version, updated_at FROM "
                                            "committee_reminder_settings WHERE committee_id = ?",
                                            {committee_id}));
  if (row) {
    s.decision_reminder_days = row->Int(0);
    s.version = row->Int(1);
    s.updated_at = row->Int(2);
  }
  return s;
}

Status SaveCommitteeReminderSettings(Conn& c, const CommitteeReminderSettings& s, int64_t now) {
  if (s.version == 0) {
    POL_ASSIGN_OR_RETURN(int64_t n, c.Exec("INSERT INTO committee_reminder_settings(committee_id, "
                                           "decision_reminder_days, version, updated_at) VALUES (?,?,1,?) "
                                           "ON CONFLICT (committee_id) DO NOTHING",
                                           {s.committee_id, s.decision_reminder_days, now}));
    return n == 1 ? Status::Ok() : VersionConflict();
  }
  POL_ASSIGN_OR_RETURN(int64_t n, c.Exec("UPDATE committee_reminder_settings SET decision_reminder_days = ?, "
                                         "version = version + 1, updated_at = ? "
                                         "WHERE committee_id = ? AND version = ?",
                                         {s.decision_reminder_days, now, s.committee_id, s.version}));
  return n == 1 ? Status::Ok() : VersionConflict();
}

StatusOr<std::vector<int64_t>> AgencyPrManagers(Conn& c, int64_t agency_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT DISTINCT r.user_id FROM user_roles r JOIN users u ON "
                                          "u.id = r.user_id WHERE r.role = 'agency_pr_manager' AND "
                                          "r.agency_id = ? AND u.disabled = 0 ORDER BY r.user_id",
                                          {agency_id}));
  std::vector<int64_t> out;
  for (const Row& r : rows) out.push_back(r.Int(0));
  return out;
}

}  // namespace pol::store
