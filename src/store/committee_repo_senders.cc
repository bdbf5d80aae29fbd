#include "store/committee_repo_senders.h"

namespace pol::store {

StatusOr<CommitteeSenders> GetCommitteeSenders(Conn& c, int64_t committee_id) {
  CommitteeSenders s{.committee_id = committee_id};
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt("SELECT mail_channel_id, sms_sender, version, updated_at FROM "
                                            "committee_senders WHERE committee_id = ?",
                                            {committee_id}));
  if (row) {
    s.mail_channel_id = row->OptInt(0);
    s.sms_sender = row->Text(1);
    s.version = row->Int(2);
    s.updated_at = row->Int(3);
  }
  return s;
}

Status SaveCommitteeSenders(Conn& c, const CommitteeSenders& s, int64_t now) {
  if (s.version == 0) {
    POL_ASSIGN_OR_RETURN(int64_t n, c.Exec("INSERT INTO committee_senders(committee_id, mail_channel_id, "
                                           "sms_sender, version, updated_at) VALUES (?,?,?,1,?) "
                                           "ON CONFLICT (committee_id) DO NOTHING",
                                           {s.committee_id, Opt(s.mail_channel_id), s.sms_sender, now}));
    return n == 1 ? Status::Ok() : VersionConflict();
  }
  POL_ASSIGN_OR_RETURN(int64_t n,
                       c.Exec("UPDATE committee_senders SET mail_channel_id = ?, sms_sender = ?, "
                              "version = version + 1, updated_at = ? "
                              "WHERE committee_id = ? AND version = ?",
                              {Opt(s.mail_channel_id), s.sms_sender, now, s.committee_id, s.version}));
  return n == 1 ? Status::Ok() : VersionConflict();
}

}  // namespace pol::store
