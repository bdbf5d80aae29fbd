#include "committee/quorum.h"

#include <gtest/gtest.h>

namespace pol::committee {
namespace {

TEST(QuorumTest, DefaultIsAtLeastHalfOfVotingMembers) {
  EXPECT_EQ(ComputeQuorum("half", 7, 4).needed, 4);
  EXPECT_TRUE(ComputeQuorum("half", 7, 4).reached);
  EXPECT_FALSE(ComputeQuorum("half", 7, 3).reached);
  EXPECT_TRUE(ComputeQuorum("half", 6, 3).reached);
  EXPECT_FALSE(ComputeQuorum("half", 0, 0).reached);
}

TEST(QuorumTest, OtherRules) {
  EXPECT_EQ(ComputeQuorum("two_thirds", 6, 4).needed, 4);
  EXPECT_FALSE(ComputeQuorum("two_thirds", 7, 4).reached);  // needs 5 of 7
  EXPECT_TRUE(ComputeQuorum("all", 3, 3).reached);
  EXPECT_FALSE(ComputeQuorum("all", 3, 2).reached);
  EXPECT_TRUE(IsQuorumRule("half"));
  EXPECT_FALSE(IsQuorumRule("most"));
}

TEST(QuorumTest, Majorities) {
  EXPECT_TRUE(Tally("simple", 3, 2, 0, 5).passed);
  EXPECT_FALSE(Tally("simple", 2, 2, 0, 4).passed);  // a tie fails
  EXPECT_FALSE(Tally("simple", 2, 1, 2, 5).passed);  // abstentions are not in favour
  EXPECT_TRUE(Tally("two_thirds", 4, 2, 0, 6).passed);
  EXPECT_FALSE(Tally("two_thirds", 4, 3, 0, 7).passed);
  EXPECT_TRUE(Tally("unanimous", 3, 0, 0, 3).passed);
  EXPECT_FALSE(Tally("unanimous", 3, 0, 1, 4).passed);
  EXPECT_FALSE(IsMajorityRule("plurality"));
}

TEST(QuorumTest, TallyTextIsPersian) {
  EXPECT_EQ(TallyText("simple", Tally("simple", 3, 1, 1, 5)),
            "تصویب شد: ۳ موافق، ۱ مخالف، ۱ ممتنع از ۵ عضو حاضر (اکثریت ساده)");
}

}  // namespace
}  // namespace pol::committee
