// The committee's arithmetic, pure: quorum from the voting members present (rule per committee: "half" =
// at least half, the default; "two_thirds"; "all"), and a vote's result by the required majority
// ("simple" = more than half, "two_thirds" = at least two thirds, "unanimous" = all) over the voting
// members present — an abstention or a missing vote counts as not in favour.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pol::committee {

bool IsQuorumRule(std::string_view rule);
bool IsMajorityRule(std::string_view rule);

struct Quorum {
  int64_t voting_members = 0, voting_present = 0, needed = 0;
  bool reached = false;
};
// "Present" counts present, late and delegated.
Quorum ComputeQuorum(std::string_view rule, int64_t voting_members, int64_t voting_present);

struct VoteTally {
  int64_t yes = 0, no = 0, abstain = 0, present = 0, needed = 0;
  bool passed = false;
};
VoteTally Tally(std::string_view majority, int64_t yes, int64_t no, int64_t abstain, int64_t voting_present);

// «تصویب شد: ۵ موافق، ۱ مخالف، ۰ ممتنع از ۶ عضو حاضر (اکثریت ساده)» and the like.
std::string TallyText(std::string_view majority, const VoteTally& t);

}  // namespace pol::committee
