#include "committee/escalation.h"

namespace pol::committee {

StatusOr<int64_t> Invitations::SweepOverdue(store::Conn& c, int64_t now) {
  int64_t added = 0;
  POL_ASSIGN_OR_RETURN(auto ids, store::OpenDecisionsDueBefore(c, now));
  for (int64_t id : ids) {
    POL_ASSIGN_OR_RETURN(store::Decision d, store::GetDecision(c, id));
    POL_ASSIGN_OR_RETURN(auto members, store::ListMembers(c, d.committee_id, true));
    const std::string key = "decision_overdue:d" + std::to_string(d.id) + ":" + std::to_string(d.deadline);
    for (const store::CommitteeMember& m : members) {
      if (m.role != "chair") continue;
      store::CommitteeNotice n;
      n.kind = "decision_overdue";
      n.committee_id = d.committee_id;
      n.decision_id = d.id;
      n.member_id = m.id;
      n.user_id = m.user_id;
      n.sequence = d.deadline;
      n.created_at = now;
      POL_ASSIGN_OR_RETURN(int64_t k, EnqueueForUser(c, n, key));
      added += k;
    }
  }
  return added;
}

}  // namespace pol::committee
