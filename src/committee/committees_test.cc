// CommitteeService over a real test database: the life of a meeting, quorum, decisions, votes and
// follow-up, and the bad input of issue 13 refused with nothing written.
#include "committee/committees.h"

#include <gtest/gtest.h>

#include "accounts/test_principals.h"
#include "base/fake_env.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"

namespace pol::committee {
namespace {

using accounts::Principal;
using accounts::Role;
using accounts::testing::AddTestUser;
using accounts::testing::As;
using accounts::testing::CouncilGrant;

constexpr int64_t kHour = 3600000, kDay = 24 * kHour;

int64_t AuditCount(store::Database& db) {
  return db
      .ReadValue([](store::Conn& c) -> StatusOr<int64_t> {
        POL_ASSIGN_OR_RETURN(store::Row r, c.QueryOne("SELECT COUNT(*) FROM audit_log"));
        return r.Int(0);
      })
      .value();
}

class CommitteeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::OpenTestDatabase(store::FreshTestDir("committee")).value();
    ASSERT_TRUE(
        db_->Write([&](store::Conn& c) -> Status {
             POL_ASSIGN_OR_RETURN(t_, store::InsertTestCouncilWithAgencies(c));
             POL_RETURN_IF_ERROR(
                 AddTestUser(c, admin_, "cadmin", CouncilGrant(Role::kCouncilAdmin, t_.council)));
             POL_RETURN_IF_ERROR(
                 AddTestUser(c, chair_, "chair", CouncilGrant(Role::kCommitteeMember, t_.council)));
             POL_RETURN_IF_ERROR(AddTestUser(c, m1_, "m1", CouncilGrant(Role::kCommitteeMember, t_.council)));
             POL_RETURN_IF_ERROR(AddTestUser(c, m2_, "m2", CouncilGrant(Role::kCommitteeMember, t_.council)));
             return AddTestUser(c, outsider_, "outsider", CouncilGrant(Role::kAnalyst, t_.council));
           })
            .ok());
    svc_ = std::make_unique<CommitteeService>(db_.get(), &env_, nullptr);
    auto committee =
        svc_->CreateCommittee(As(admin_), {.council_id = t_.council, .name = "کمیتهٔ روابط عمومی"});
    ASSERT_TRUE(committee.ok()) << committee.status().message();
    committee_ = committee->id;
    chair_seat_ = svc_->AddMember(As(admin_), committee_, {.user_id = chair_.user_id, .role = "chair"})->id;
    m1_seat_ = svc_->AddMember(As(admin_), committee_, {.user_id = m1_.user_id, .agency_id = t_.tamin})->id;
    m2_seat_ = svc_->AddMember(As(admin_), committee_, {.user_id = m2_.user_id})->id;
  }

  // A meeting three days from now, scheduled and held with chair and m1 present.
  MeetingView HeldMeeting() {
    auto m = svc_->CreateMeeting(As(admin_), committee_, {.starts_at = env_.NowMillis() + 3 * kDay});
    EXPECT_TRUE(m.ok()) << m.status().message();
    auto s = svc_->Transition(As(admin_), m->meeting.id, "schedule", m->meeting.version);
    EXPECT_TRUE(s.ok()) << s.status().message();
    auto a =
        svc_->SetAttendance(As(admin_), m->meeting.id,
                            {{chair_seat_, "present", ""}, {m1_seat_, "late", ""}, {m2_seat_, "absent", ""}});
    EXPECT_TRUE(a.ok()) << a.status().message();
    return svc_->Transition(As(admin_), m->meeting.id, "hold", a->meeting.version).value();
  }

  FakeEnv env_;
  std::unique_ptr<store::Database> db_;
  store::TestCouncil t_;
  Principal admin_, chair_, m1_, m2_, outsider_;
  std::unique_ptr<CommitteeService> svc_;
  int64_t committee_ = 0, chair_seat_ = 0, m1_seat_ = 0, m2_seat_ = 0;
};

TEST_F(CommitteeTest, MeetingsAreNumberedAndOpenWithTheReviewOfOpenDecisions) {
  auto a = svc_->CreateMeeting(As(admin_), committee_, {.starts_at = env_.NowMillis() + kDay});
  ASSERT_TRUE(a.ok()) << a.status().message();
  auto b = svc_->CreateMeeting(As(admin_), committee_, {.starts_at = env_.NowMillis() + 2 * kDay});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->meeting.number, 1);
  EXPECT_EQ(b->meeting.number, 2);
  EXPECT_EQ(a->meeting.status, "draft");
  ASSERT_EQ(a->agenda.size(), 1u);
  EXPECT_TRUE(a->agenda[0].is_review);
  EXPECT_EQ(a->agenda[0].title, "بررسی مصوبات باز");
}

TEST_F(CommitteeTest, BadMeetingsAreRefusedAndWriteNothing) {
  auto first = svc_->CreateMeeting(As(admin_), committee_, {.starts_at = env_.NowMillis() + kDay});
  ASSERT_TRUE(svc_->Transition(As(admin_), first->meeting.id, "schedule", 1).ok());
  const int64_t before = AuditCount(*db_);
  auto past = svc_->CreateMeeting(As(admin_), committee_, {.starts_at = env_.NowMillis() - kHour});
  EXPECT_EQ(past.status().api_code(), "meeting_in_past");
  auto overlap =
      svc_->CreateMeeting(As(admin_), committee_, {.starts_at = env_.NowMillis() + kDay + kHour / 2});
  EXPECT_EQ(overlap.status().api_code(), "meeting_overlap");
  auto by_member = svc_->CreateMeeting(As(m1_), committee_, {.starts_at = env_.NowMillis() + 5 * kDay});
  EXPECT_EQ(by_member.status().code(), StatusCode::kPermissionDenied);
  auto by_outsider =
      svc_->CreateMeeting(As(outsider_), committee_, {.starts_at = env_.NowMillis() + 5 * kDay});
  EXPECT_EQ(by_outsider.status().code(), StatusCode::kNotFound);
  auto unknown = svc_->SetAttendance(As(admin_), first->meeting.id, {{999, "present", ""}});
  EXPECT_EQ(unknown.status().api_code(), "unknown_member");
  EXPECT_EQ(AuditCount(*db_), before);
  EXPECT_EQ(svc_->ListMeetings(As(admin_), committee_)->size(), 1u);
}

TEST_F(CommitteeTest, QuorumCountsVotingMembersPresent) {
  MeetingView held = HeldMeeting();
  EXPECT_EQ(held.meeting.status, "held");
  EXPECT_EQ(held.quorum.voting_members, 3);
  EXPECT_EQ(held.quorum.voting_present, 2);  // present + late
  EXPECT_EQ(held.quorum.needed, 2);
  EXPECT_TRUE(held.quorum.reached);
}

TEST_F(CommitteeTest, DecisionsVotesAndFollowUp) {
  MeetingView held = HeldMeeting();
  const int64_t before = AuditCount(*db_);
  DecisionInput bad{.owner_agency_id = std::nullopt, .text = "پوشش خبری مشترک", .deadline = "1404/12/20"};
  EXPECT_EQ(svc_->CreateDecision(As(admin_), held.meeting.id, bad).status().api_code(), "owner_required");
  bad.owner_agency_id = t_.tamin;
  bad.deadline = "1404/01/01";  // before the meeting
  EXPECT_EQ(svc_->CreateDecision(As(admin_), held.meeting.id, bad).status().api_code(),
            "deadline_before_meeting");
  EXPECT_EQ(AuditCount(*db_), before);

  auto d = svc_->CreateDecision(As(admin_), held.meeting.id,
                                {.owner_agency_id = t_.tamin,
                                 .owner_user_id = m1_.user_id,
                                 .text = "پوشش خبری مشترک هفتهٔ تأمین اجتماعی",
                                 .deadline = "1404/12/20",
                                 .majority = "simple"});
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->decision.status, "open");
  EXPECT_FALSE(d->overdue);
  EXPECT_GT(d->working_days_left, 0);
  EXPECT_EQ(d->deadline_jalali, "۲۰ اسفند ۱۴۰۴");

  // m2 was absent: no vote. m1 and the chair vote yes: 2 of 2 present, passed.
  EXPECT_EQ(svc_->CastVote(As(m2_), d->decision.id, {.vote = "yes"}).status().api_code(), "not_present");
  EXPECT_EQ(svc_->CastVote(As(outsider_), d->decision.id, {.vote = "yes"}).status().code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(svc_->CastVote(As(m1_), d->decision.id, {.vote = "yes"}).ok());
  auto voted = svc_->CastVote(As(admin_), d->decision.id, {.member_id = chair_seat_, .vote = "yes"});
  ASSERT_TRUE(voted.ok()) << voted.status().message();
  ASSERT_TRUE(voted->tally);
  EXPECT_TRUE(voted->tally->passed);
  EXPECT_EQ(voted->decision.vote_result, "تصویب شد: ۲ موافق، ۰ مخالف، ۰ ممتنع از ۲ عضو حاضر (اکثریت ساده)");

  // The owner follows up; the other member may not.
  EXPECT_EQ(svc_->AddFollowUp(As(m2_), d->decision.id, {.note = "گزارش"}).status().code(),
            StatusCode::kPermissionDenied);
  auto f = svc_->AddFollowUp(As(m1_), d->decision.id,
                             {.note = "هماهنگی با خبرگزاری‌ها", .progress = 40});
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->decision.status, "in_progress");
  EXPECT_EQ(f->decision.progress, 40);
  auto done = svc_->AddFollowUp(As(m1_), d->decision.id, {.note = "انجام شد", .status = "done"});
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->decision.progress, 100);
  EXPECT_EQ(done->followups.size(), 2u);
  EXPECT_EQ(svc_->AddFollowUp(As(m1_), d->decision.id, {.note = "باز هم"}).status().api_code(),
            "decision_closed");

  auto mine = svc_->Mine(As(m1_));
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->decisions.size(), 1u);
  EXPECT_EQ(mine->meetings.size(), 1u);
}

TEST_F(CommitteeTest, OverdueIsDerivedFromTheDeadline) {
  MeetingView held = HeldMeeting();
  auto d =
      svc_->CreateDecision(As(admin_), held.meeting.id,
                           {.owner_agency_id = t_.tamin, .text = "گزارش ماهانه", .deadline = "1404/10/01"});
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_FALSE(d->overdue);
  env_.Advance(120 * kDay);
  auto later = svc_->GetDecision(As(admin_), d->decision.id);
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->overdue);
  EXPECT_LT(later->working_days_left, 0);
  auto overdue = svc_->ListDecisions(As(chair_), {.committee_id = committee_}, true);
  ASSERT_TRUE(overdue.ok());
  EXPECT_EQ(overdue->second, 1);
  // The next meeting's opening item lists it.
  auto next = svc_->CreateMeeting(As(admin_), committee_, {.starts_at = env_.NowMillis() + kDay});
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->review.size(), 1u);
  EXPECT_EQ(next->review[0].decision.id, d->decision.id);
}

}  // namespace
}  // namespace pol::committee
