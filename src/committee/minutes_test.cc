// MinutesService over a real test database: the life of a meeting's minutes (draft, review with the
// attendees' comments, the chair's approval, the lock, a linked correction), refusals that write
// nothing, and the PDF read back with pdftotext.
#include "committee/minutes.h"

#include <gtest/gtest.h>

#include <cstring>

#include "accounts/test_principals.h"
#include "base/fake_env.h"
#include "base/file.h"
#include "committee/absence.h"
#include "committee/minutes_pdf.h"
#include "report/report_test_util.h"
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

int64_t Count(store::Database& db, const char* table) {
  return db
      .ReadValue([&](store::Conn& c) -> StatusOr<int64_t> {
        POL_ASSIGN_OR_RETURN(store::Row r, c.QueryOne(std::string("SELECT COUNT(*) FROM ") + table));
        return r.Int(0);
      })
      .value();
}

class MinutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::OpenTestDatabase(store::FreshTestDir("committee_minutes")).value();
    ASSERT_TRUE(
        db_->Write([&](store::Conn& c) -> Status {
             POL_ASSIGN_OR_RETURN(t_, store::InsertTestCouncilWithAgencies(c));
             POL_RETURN_IF_ERROR(
                 AddTestUser(c, admin_, "cadmin", CouncilGrant(Role::kCouncilAdmin, t_.council)));
             POL_RETURN_IF_ERROR(
                 AddTestUser(c, chair_, "chair", CouncilGrant(Role::kCommitteeMember, t_.council)));
             POL_RETURN_IF_ERROR(
                 AddTestUser(c, secretary_, "secretary", CouncilGrant(Role::kCommitteeMember, t_.council)));
             POL_RETURN_IF_ERROR(AddTestUser(c, m1_, "m1", CouncilGrant(Role::kCommitteeMember, t_.council)));
             return AddTestUser(c, m2_, "m2", CouncilGrant(Role::kCommitteeMember, t_.council));
           })
            .ok());
    svc_ = std::make_unique<CommitteeService>(db_.get(), &env_, nullptr);
    minutes_ = std::make_unique<MinutesService>(db_.get(), &env_, report::test_util::FontDir());
    committee_ =
        svc_->CreateCommittee(As(admin_), {.council_id = t_.council, .name = "کمیتهٔ روابط عمومی"})->id;
    chair_seat_ = svc_->AddMember(As(admin_), committee_, {.user_id = chair_.user_id, .role = "chair"})->id;
    secretary_seat_ =
        svc_->AddMember(As(admin_), committee_, {.user_id = secretary_.user_id, .role = "secretary"})->id;
    m1_seat_ = svc_->AddMember(As(admin_), committee_, {.user_id = m1_.user_id, .agency_id = t_.tamin})->id;
    m2_seat_ = svc_->AddMember(As(admin_), committee_, {.user_id = m2_.user_id})->id;
  }

  // A meeting three days from now, held with chair, secretary and m1 present and m2 absent, with one
  // decision voted on.
  int64_t HeldMeetingWithDecision() {
    auto m = svc_->CreateMeeting(As(secretary_), committee_, {.starts_at = env_.NowMillis() + 3 * kDay});
    EXPECT_TRUE(m.ok()) << m.status().message();
    auto s = svc_->Transition(As(secretary_), m->meeting.id, "schedule", m->meeting.version);
    auto a = svc_->SetAttendance(As(secretary_), m->meeting.id,
                                 {{chair_seat_, "present", ""},
                                  {secretary_seat_, "present", ""},
                                  {m1_seat_, "late", ""},
                                  {m2_seat_, "absent", ""}});
    EXPECT_TRUE(a.ok()) << a.status().message();
    EXPECT_TRUE(svc_->Transition(As(secretary_), m->meeting.id, "hold", a->meeting.version).ok());
    auto d = svc_->CreateDecision(As(secretary_), m->meeting.id,
                                  {.owner_agency_id = t_.tamin,
                                   .text = "انتشار گزارش مشترک هفتهٔ تأمین اجتماعی",
                                   .deadline = "1404/12/20",
                                   .majority = "simple"});
    EXPECT_TRUE(d.ok()) << d.status().message();
    decision_ = d->decision.id;
    EXPECT_TRUE(svc_->CastVote(As(m1_), decision_, {.vote = "yes"}).ok());
    EXPECT_TRUE(svc_->CastVote(As(chair_), decision_, {.vote = "yes"}).ok());
    return m->meeting.id;
  }

  FakeEnv env_;
  std::unique_ptr<store::Database> db_;
  store::TestCouncil t_;
  Principal admin_, chair_, secretary_, m1_, m2_;
  std::unique_ptr<CommitteeService> svc_;
  std::unique_ptr<MinutesService> minutes_;
  int64_t committee_ = 0, chair_seat_ = 0, secretary_seat_ = 0, m1_seat_ = 0, m2_seat_ = 0, decision_ = 0;
};

TEST_F(MinutesTest, DraftReviewApproveLockAndCorrect) {
  const int64_t meeting = HeldMeetingWithDecision();
  auto saved = minutes_->Save(As(secretary_), meeting,
                              {.body_html = "<p>گزارش دبیر دربارهٔ پوشش خبری</p><script>alert(1)</script>"});
  ASSERT_TRUE(saved.ok()) << saved.status().message();
  ASSERT_TRUE(saved->current);
  EXPECT_EQ(saved->current->status, "draft");
  EXPECT_EQ(saved->current->revision, 1);
  EXPECT_EQ(saved->current->body_html.find("script"), std::string::npos);
  EXPECT_NE(saved->current->body_html.find("گزارش دبیر"), std::string::npos);
  // The minutes carry the meeting's decisions with their vote result.
  ASSERT_EQ(saved->decisions.size(), 1u);
  EXPECT_EQ(saved->decisions[0].decision.vote_result,
            "تصویب شد: ۲ موافق، ۰ مخالف، ۰ ممتنع از ۳ عضو حاضر (اکثریت ساده)");
  EXPECT_TRUE(saved->can_circulate);

  // Comments wait for the review.
  EXPECT_EQ(minutes_->Comment(As(m1_), meeting, "نظر").status().api_code(), "minutes_not_in_review");
  auto review = minutes_->Transition(As(secretary_), meeting, "circulate", saved->current->version, "");
  ASSERT_TRUE(review.ok()) << review.status().message();
  EXPECT_EQ(review->current->status, "review");
  EXPECT_EQ(review->meeting.meeting.status, "minutes_review");

  // An attendee comments; an absent member may not.
  auto commented = minutes_->Comment(As(m1_), meeting, "بند دوم را دقیق‌تر بنویسید.");
  ASSERT_TRUE(commented.ok()) << commented.status().message();
  ASSERT_EQ(commented->comments.size(), 1u);
  EXPECT_EQ(commented->comments[0].member_id, m1_seat_);
  EXPECT_EQ(minutes_->Comment(As(m2_), meeting, "نظر").status().code(), StatusCode::kPermissionDenied);

  // Only the chair (or a council admin) approves.
  EXPECT_EQ(
      minutes_->Transition(As(secretary_), meeting, "approve", review->current->version, "").status().code(),
      StatusCode::kPermissionDenied);
  auto approved = minutes_->Transition(As(chair_), meeting, "approve", review->current->version, "");
  ASSERT_TRUE(approved.ok()) << approved.status().message();
  EXPECT_EQ(approved->current->status, "approved");
  EXPECT_EQ(approved->current->approved_by, chair_.user_id);
  EXPECT_EQ(approved->meeting.meeting.status, "minutes_approved");
  EXPECT_FALSE(approved->approved_jalali.empty());

  // Locked: editing, and a vote after approval, are refused and write nothing.
  const int64_t audits = Count(*db_, "audit_log"), votes = Count(*db_, "committee_votes");
  auto edit = minutes_->Save(As(secretary_), meeting,
                             {.version = approved->current->version, .body_html = "<p>متن دیگر</p>"});
  EXPECT_EQ(edit.status().api_code(), "minutes_locked");
  EXPECT_EQ(svc_->CastVote(As(m1_), decision_, {.vote = "no"}).status().api_code(), "minutes_locked");
  EXPECT_EQ(minutes_->Transition(As(chair_), meeting, "approve", approved->current->version, "")
                .status()
                .api_code(),
            "minutes_locked");
  EXPECT_EQ(Count(*db_, "audit_log"), audits);
  EXPECT_EQ(Count(*db_, "committee_votes"), votes);
  EXPECT_EQ(minutes_->Get(As(m2_), meeting)->current->body_html, approved->current->body_html);

  // A correction is a new revision linked to the approved one; a reason is required.
  EXPECT_EQ(minutes_->Transition(As(secretary_), meeting, "correct", approved->current->version, "")
                .status()
                .api_code(),
            "required");
  auto corrected = minutes_->Transition(As(secretary_), meeting, "correct", approved->current->version,
                                        "اصلاح نام دستگاه");
  ASSERT_TRUE(corrected.ok()) << corrected.status().message();
  ASSERT_EQ(corrected->revisions.size(), 2u);
  EXPECT_EQ(corrected->current->revision, 2);
  EXPECT_EQ(corrected->current->status, "draft");
  EXPECT_EQ(corrected->current->corrects_id, approved->current->id);
  EXPECT_EQ(corrected->revisions[0].status, "approved");
  EXPECT_EQ(corrected->meeting.meeting.status, "minutes_approved");
  auto edited = minutes_->Save(
      As(secretary_), meeting,
      {.version = corrected->current->version, .body_html = "<p>متن اصلاح‌شده</p>"});
  ASSERT_TRUE(edited.ok()) << edited.status().message();
  EXPECT_EQ(edited->revisions[0].body_html, approved->current->body_html);  // the approved text stays
}

TEST_F(MinutesTest, RefusalsWriteNothing) {
  auto m = svc_->CreateMeeting(As(secretary_), committee_, {.starts_at = env_.NowMillis() + 3 * kDay});
  ASSERT_TRUE(m.ok());
  const int64_t audits = Count(*db_, "audit_log");
  EXPECT_EQ(minutes_->Save(As(secretary_), m->meeting.id, {.body_html = "<p>متن</p>"}).status().api_code(),
            "meeting_not_held");
  const int64_t meeting = HeldMeetingWithDecision();
  const int64_t audits2 = Count(*db_, "audit_log");
  EXPECT_GT(audits2, audits);
  EXPECT_EQ(minutes_->Save(As(secretary_), meeting, {.body_html = "<script>x</script>"}).status().api_code(),
            "required");
  EXPECT_EQ(minutes_->Save(As(m1_), meeting, {.body_html = "<p>متن</p>"}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(minutes_->Transition(As(secretary_), meeting, "circulate", 1, "").status().api_code(),
            "minutes_missing");
  EXPECT_EQ(minutes_->Transition(As(secretary_), meeting, "publish", 1, "").status().api_code(),
            "invalid_action");
  EXPECT_EQ(Count(*db_, "committee_minutes"), 0);
  EXPECT_EQ(Count(*db_, "audit_log"), audits2);

  auto saved = minutes_->Save(As(secretary_), meeting, {.body_html = "<p>متن</p>"});
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(
      minutes_->Transition(As(chair_), meeting, "approve", saved->current->version, "").status().api_code(),
      "invalid_transition");  // a draft is circulated first
  EXPECT_EQ(minutes_->Save(As(secretary_), meeting, {.version = 99, .body_html = "<p>x</p>"}).status().code(),
            StatusCode::kAborted);
  EXPECT_EQ(Count(*db_, "committee_minutes"), 1);
}

// Absence statistics (§5) per member and per agency over the meetings held.
TEST_F(MinutesTest, AbsencePerMemberAndAgency) {
  HeldMeetingWithDecision();
  // A draft meeting does not count.
  ASSERT_TRUE(
      svc_->CreateMeeting(As(secretary_), committee_, {.starts_at = env_.NowMillis() + 9 * kDay}).ok());
  auto stats = Absence(*db_, As(m2_), committee_, 0, env_.NowMillis() + 30 * kDay);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  ASSERT_EQ(stats->members.size(), 4u);
  auto member = [&](int64_t seat) {
    for (const auto& m : stats->members) {
      if (m.member_id == seat) return m.counts;
    }
    return AbsenceCounts{};
  };
  EXPECT_EQ(member(m2_seat_).absent, 1);
  EXPECT_DOUBLE_EQ(member(m2_seat_).absence_rate, 1.0);
  EXPECT_EQ(member(m1_seat_).late, 1);
  EXPECT_EQ(member(m1_seat_).present, 1);
  EXPECT_DOUBLE_EQ(member(m1_seat_).absence_rate, 0.0);
  EXPECT_EQ(member(chair_seat_).recorded, 1);
  ASSERT_EQ(stats->agencies.size(), 1u);  // only m1 sits for an agency
  EXPECT_EQ(stats->agencies[0].agency_id, t_.tamin);
  EXPECT_EQ(stats->agencies[0].counts.present, 1);
  // Outside the period: nothing recorded.
  auto before = Absence(*db_, As(m2_), committee_, 0, env_.NowMillis());
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->members[0].counts.recorded, 0);
  EXPECT_TRUE(before->agencies.empty());
}

// pdftotext wraps right-to-left runs in bidi marks and drops ZWNJ; spaces around numbers move (and a
// table cell's wrapped lines come apart: look for words, not whole cells).
std::string Squeeze(std::string s) {
  for (const char* mark : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u200C", "\u200E", "\u200F"}) {
    for (size_t p = s.find(mark); p != std::string::npos; p = s.find(mark, p)) s.erase(p, std::strlen(mark));
  }
  std::erase_if(s, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
  // … and puts the hamza of «هٔ» before its letter.
  for (size_t p = s.find("\u0654\u0647"); p != std::string::npos; p = s.find("\u0654\u0647", p)) {
    s.replace(p, 4, "\u0647\u0654");
  }
  return s;
}

TEST_F(MinutesTest, PdfReadsBackInPersian) {
  ASSERT_TRUE(report::test_util::HaveProgram("pdftotext")) << "install Debian's poppler-utils";
  const int64_t meeting = HeldMeetingWithDecision();
  auto saved = minutes_->Save(As(secretary_), meeting, {.body_html = "<p>گزارش دبیر دربارهٔ پوشش خبری</p>"});
  ASSERT_TRUE(saved.ok());
  auto pdf = minutes_->Pdf(As(m2_), meeting);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  ASSERT_EQ(pdf->rfind("%PDF-", 0), 0u);
  const std::string path = report::test_util::ScratchDir() + "/minutes.pdf";
  ASSERT_TRUE(WriteFileAtomic(path, *pdf).ok());
  auto r = report::test_util::Run("pdftotext " + path + " - 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string text = Squeeze(r.output);
  for (const std::string& want :
       {std::string("صورتجلسهٔجلسهٔشمارهٔ۱"), std::string("پیشنویس"), std::string("گزارشدبیردربارهٔپوششخبری"),
        std::string("انتشارگزارشمشترکهفتهٔتأمیناجتماعی"), std::string("تصویبشد"), std::string("ممتنعاز"),
        std::string("حاضربا"), std::string("غایب"), std::string("تأمین"), std::string("رئیسکمیته"),
        std::string("دبیرکمیته"), std::string("۲۰اسفند"), std::string("صفحه۱از")}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << r.output;
  }
}

}  // namespace
}  // namespace pol::committee
