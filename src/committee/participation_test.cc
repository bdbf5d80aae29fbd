// The participation figures for insight, over a meeting and decisions made with CommitteeService.
#include "committee/participation.h"

#include <gtest/gtest.h>

#include "accounts/test_principals.h"
#include "base/fake_env.h"
#include "committee/committees.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"

namespace pol::committee {
namespace {

using accounts::Principal;
using accounts::Role;
using accounts::testing::AddTestUser;
using accounts::testing::As;
using accounts::testing::CouncilGrant;

constexpr int64_t kDay = 86400000;

TEST(ParticipationTest, AttendanceAndDecisionsDoneOnTimePerAgency) {
  FakeEnv env;
  auto db = store::OpenTestDatabase(store::FreshTestDir("participation")).value();
  store::TestCouncil t;
  Principal admin, m1, m2;
  ASSERT_TRUE(
      db->Write([&](store::Conn& c) -> Status {
          POL_ASSIGN_OR_RETURN(t, store::InsertTestCouncilWithAgencies(c));
          POL_RETURN_IF_ERROR(AddTestUser(c, admin, "cadmin", CouncilGrant(Role::kCouncilAdmin, t.council)));
          POL_RETURN_IF_ERROR(AddTestUser(c, m1, "m1", CouncilGrant(Role::kCommitteeMember, t.council)));
          return AddTestUser(c, m2, "m2", CouncilGrant(Role::kCommitteeMember, t.council));
        }).ok());
  CommitteeService svc(db.get(), &env, nullptr);
  const int64_t committee = svc.CreateCommittee(As(admin), {.council_id = t.council, .name = "کمیته"})->id;
  const int64_t s1 = svc.AddMember(As(admin), committee, {.user_id = m1.user_id, .agency_id = t.tamin})->id;
  const int64_t s2 =
      svc.AddMember(As(admin), committee, {.user_id = m2.user_id, .agency_id = t.behzisti})->id;
  auto m = svc.CreateMeeting(As(admin), committee, {.starts_at = env.NowMillis() + kDay});
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE(svc.Transition(As(admin), m->meeting.id, "schedule", 1).ok());
  ASSERT_TRUE(svc.SetAttendance(As(admin), m->meeting.id, {{s1, "present", ""}, {s2, "absent", ""}}).ok());
  ASSERT_TRUE(svc.Transition(As(admin), m->meeting.id, "hold", 2).ok());
  auto done = svc.CreateDecision(As(admin), m->meeting.id,
                                 {.owner_agency_id = t.tamin, .text = "گزارش", .deadline = "1404/10/01"});
  auto late = svc.CreateDecision(
      As(admin), m->meeting.id, {.owner_agency_id = t.behzisti, .text = "اطلاعیه", .deadline = "1404/10/01"});
  ASSERT_TRUE(done.ok() && late.ok());
  ASSERT_TRUE(svc.AddFollowUp(As(admin), done->decision.id, {.note = "انجام شد", .status = "done"}).ok());

  auto rows = Participation(*db, t.council, env.NowMillis() - kDay, env.NowMillis() + 365 * kDay);
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 2u);
  const AgencyParticipation& tamin = (*rows)[0].agency_id == t.tamin ? (*rows)[0] : (*rows)[1];
  const AgencyParticipation& behzisti = (*rows)[0].agency_id == t.tamin ? (*rows)[1] : (*rows)[0];
  EXPECT_EQ(tamin.attendance_present, 1);
  EXPECT_DOUBLE_EQ(tamin.attendance_rate, 1.0);
  EXPECT_EQ(tamin.decisions_due, 1);
  EXPECT_DOUBLE_EQ(tamin.on_time_rate, 1.0);
  EXPECT_EQ(behzisti.attendance_recorded, 1);
  EXPECT_DOUBLE_EQ(behzisti.attendance_rate, 0.0);
  EXPECT_EQ(behzisti.decisions_done_on_time, 0);
  // Another council, or a period without meetings: nothing.
  EXPECT_TRUE(
      Participation(*db, t.council, env.NowMillis() + 400 * kDay, env.NowMillis() + 500 * kDay)->empty());
}

}  // namespace
}  // namespace pol::committee
