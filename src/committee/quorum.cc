#include "committee/quorum.h"

#include "text/number_words.h"

namespace pol::committee {
namespace {

// The smallest n with n / total >= num / den.
int64_t AtLeast(int64_t total, int64_t num, int64_t den) { return (total * num + den - 1) / den; }

std::string Fa(int64_t n) { return text::ToPersianDigits(std::to_string(n)); }

}  // namespace

bool IsQuorumRule(std::string_view rule) { return rule == "half" || rule == "two_thirds" || rule == "all"; }

bool IsMajorityRule(std::string_view rule) {
  return rule == "simple" || rule == "two_thirds" || rule == "unanimous";
}

Quorum ComputeQuorum(std::string_view rule, int64_t voting_members, int64_t voting_present) {
  Quorum q{voting_members, voting_present, 0, false};
  if (rule == "all") {
    q.needed = voting_members;
  } else if (rule == "two_thirds") {
    q.needed = AtLeast(voting_members, 2, 3);
  } else {
    q.needed = AtLeast(voting_members, 1, 2);
  }
  q.reached = voting_members > 0 && voting_present >= q.needed;
  return q;
}

VoteTally Tally(std::string_view majority, int64_t yes, int64_t no, int64_t abstain, int64_t voting_present) {
  VoteTally t{yes, no, abstain, voting_present, 0, false};
  if (majority == "unanimous") {
    t.needed = voting_present;
  } else if (majority == "two_thirds") {
    t.needed = AtLeast(voting_present, 2, 3);
  } else {
    t.needed = voting_present / 2 + 1;  // more than half
  }
  t.passed = voting_present > 0 && yes >= t.needed;
  return t;
}

std::string TallyText(std::string_view majority, const VoteTally& t) {
  const char* rule = majority == "unanimous"    ? "اتفاق آرا"
                     : majority == "two_thirds" ? "اکثریت دوسوم"
                                                : "اکثریت ساده";
  return std::string(t.passed ? "تصویب شد" : "تصویب نشد") + ": " + Fa(t.yes) + " موافق، " + Fa(t.no) +
         " مخالف، " + Fa(t.abstain) + " ممتنع از " + Fa(t.present) + " عضو حاضر (" + rule + ")";
}

}  // namespace pol::committee
