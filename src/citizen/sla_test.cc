#include "citizen/sla.h"

#include <gtest/gtest.h>

#include <vector>

namespace pol::citizen {
namespace {

TEST(Sla, CountsWorkingTime) {
  text::WorkCalendar cal;
  const int64_t day = 24 * 3600 * 1000LL;
  // Saturday 1404-09-15 = 2025-12-06, 08:00 Tehran (04:30 UTC); a week without holidays.
  const int64_t sat_0800 = 1764995400000;
  Deadlines d = ComputeDeadlines(cal, sat_0800, DefaultTarget("question"));
  // 2 office days (14 h) → Monday 08:00; 5 days → the next Saturday 08:00 (Thursday and Friday off).
  EXPECT_EQ(d.first_response_due, sat_0800 + 2 * day);
  EXPECT_EQ(d.resolve_due, sat_0800 + 7 * day);
  // Two weeks earlier, Monday 1404-09-03 (3 Jumada al-Thani) is an official holiday: one more day.
  d = ComputeDeadlines(cal, sat_0800 - 14 * day, DefaultTarget("question"));
  EXPECT_EQ(d.first_response_due, sat_0800 - 14 * day + 3 * day);
  std::vector<store::SlaTarget> targets = {{1, 1, std::nullopt, std::nullopt, 60, 120},
                                           {2, 1, 5, std::string("report"), 30, 60}};
  EXPECT_EQ(TargetFor(targets, 5, "report").resolve, 60);
  EXPECT_EQ(TargetFor(targets, 5, "question").resolve, 120);
  EXPECT_EQ(TargetFor(targets, 6, "report").resolve, 120);
}

}  // namespace
}  // namespace pol::citizen
