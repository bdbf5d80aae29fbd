#include "committee/publication_policy.h"

namespace pol::committee {

bool CanSetPublicPage(const accounts::Actor& a, int64_t council_id) {
  return CanManageCommittee(a, council_id);
}

bool CanPublishDecision(const accounts::Actor& a, int64_t council_id, const std::optional<Seat>& seat) {
  return CanRunMeetings(a, council_id, seat) || CanApproveMinutes(a, council_id, seat);
}

}  // namespace pol::committee
