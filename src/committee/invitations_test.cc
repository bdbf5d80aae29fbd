// Invitations, reminders and escalation over a real test database with the fake clock: what is enqueued
// when, once only (also across a "restart"), and what the SMS says; RSVP by signed link.
#include "committee/invitations.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "accounts/test_principals.h"
#include "base/fake_env.h"
#include "base/mutex.h"
#include "committee/committee_internal.h"
#include "committee/committees.h"
#include "committee/reminder_settings.h"
#include "committee/sender_settings.h"
#include "store/distribution_repo.h"
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

class FakeSms final : public citizen::SmsProvider {
 public:
  Status Send(const std::string& mobile, const std::string& text) override {
    MutexLock l(&mu_);
    sent_.emplace_back(mobile, text);
    return Status::Ok();
  }
  Status SendFrom(const std::string& sender, const std::string& mobile, const std::string& text) override {
    {
      MutexLock l(&mu_);
      senders_.push_back(sender);
    }
    return Send(mobile, text);
  }
  std::string Name() const override { return "fake"; }
  std::vector<std::pair<std::string, std::string>> sent() {
    MutexLock l(&mu_);
    return sent_;
  }
  std::vector<std::string> senders() {
    MutexLock l(&mu_);
    return senders_;
  }

 private:
  Mutex mu_;
  std::vector<std::pair<std::string, std::string>> sent_ GUARDED_BY(mu_);
  std::vector<std::string> senders_ GUARDED_BY(mu_);  // the line of each SendFrom
};

class InvitationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::OpenTestDatabase(store::FreshTestDir("committee_inv")).value();
    queue_ = std::make_unique<jobs::Queue>(db_.get(), &env_);
    ASSERT_TRUE(
        db_->Write([&](store::Conn& c) -> Status {
             POL_ASSIGN_OR_RETURN(t_, store::InsertTestCouncilWithAgencies(c));
             POL_RETURN_IF_ERROR(
                 AddTestUser(c, admin_, "cadmin", CouncilGrant(Role::kCouncilAdmin, t_.council)));
             POL_RETURN_IF_ERROR(
                 AddTestUser(c, chair_, "chair", CouncilGrant(Role::kCommitteeMember, t_.council)));
             POL_RETURN_IF_ERROR(AddTestUser(c, m1_, "m1", CouncilGrant(Role::kCommitteeMember, t_.council)));
             POL_RETURN_IF_ERROR(AddTestUser(c, m2_, "m2", CouncilGrant(Role::kCommitteeMember, t_.council)));
             int n = 1;
             for (const Principal* p : {&chair_, &m1_, &m2_}) {
               POL_RETURN_IF_ERROR(c.Exec("UPDATE users SET mobile = ? WHERE id = ?",
                                          {"0912000000" + std::to_string(n++), p->user_id})
                                       .status());
             }
             return Status::Ok();
           })
            .ok());
    svc_ = std::make_unique<CommitteeService>(db_.get(), &env_, nullptr);
    inv_ = NewInvitations();
    svc_->SetMeetingHook([this](store::Conn& c, const store::Meeting& m, int64_t now) {
      return inv_->OnMeetingChanged(c, m, now);
    });
    committee_ =
        svc_->CreateCommittee(As(admin_), {.council_id = t_.council, .name = "کمیتهٔ روابط عمومی"})->id;
    chair_seat_ = svc_->AddMember(As(admin_), committee_, {.user_id = chair_.user_id, .role = "chair"})->id;
    m1_seat_ = svc_->AddMember(As(admin_), committee_, {.user_id = m1_.user_id, .agency_id = t_.tamin})->id;
    m2_seat_ = svc_->AddMember(As(admin_), committee_, {.user_id = m2_.user_id})->id;
  }

  // A fresh Invitations over the same database: what a restarted server has.
  std::unique_ptr<Invitations> NewInvitations() {
    return std::make_unique<Invitations>(db_.get(), &env_, queue_.get(), &sms_,
                                         distribution::SecretBox::FromKey(std::string(32, 'k')),
                                         RsvpSigner(DeriveRsvpKey("master")), "https://pol.example");
  }

  std::vector<store::CommitteeNotice> Pending() {
    return db_
        ->ReadValue([](store::Conn& c) -> StatusOr<std::vector<store::CommitteeNotice>> {
          POL_ASSIGN_OR_RETURN(
              store::Rows rows,
              c.Query("SELECT id FROM committee_notices WHERE status = 'pending' ORDER BY id"));
          std::vector<store::CommitteeNotice> out;
          for (const auto& r : rows) {
            POL_ASSIGN_OR_RETURN(auto n, store::GetNotice(c, r.Int(0)));
            out.push_back(n);
          }
          return out;
        })
        .value();
  }
  int64_t Count(const std::string& sql) {
    return db_->ReadValue([&](store::Conn& c) -> StatusOr<int64_t> { return c.QueryOne(sql).value().Int(0); })
        .value();
  }
  // Runs every pending notice as its job would.
  void SendAll() {
    for (const auto& n : Pending()) ASSERT_TRUE(inv_->SendNotice(n.id).ok());
  }
  MeetingView Scheduled(int64_t starts_at) {
    auto m = svc_->CreateMeeting(As(admin_), committee_, {.starts_at = starts_at, .place = "تالار شورا"});
    EXPECT_TRUE(m.ok()) << m.status().message();
    return svc_->Transition(As(admin_), m->meeting.id, "schedule", m->meeting.version).value();
  }

  FakeEnv env_;
  FakeSms sms_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<jobs::Queue> queue_;
  store::TestCouncil t_;
  Principal admin_, chair_, m1_, m2_;
  std::unique_ptr<CommitteeService> svc_;
  std::unique_ptr<Invitations> inv_;
  int64_t committee_ = 0, chair_seat_ = 0, m1_seat_ = 0, m2_seat_ = 0;
};

TEST_F(InvitationsTest, SchedulingInvitesEveryMemberOnceBySmsWithTheJalaliDateAndALink) {
  MeetingView m = Scheduled(env_.NowMillis() + 5 * kDay);
  auto pending = Pending();
  ASSERT_EQ(pending.size(), 3u);  // three members with a mobile, no e-mail addresses
  for (const auto& n : pending) {
    EXPECT_EQ(n.kind, "invite");
    EXPECT_EQ(n.channel, "sms");
    EXPECT_EQ(n.sequence, m.meeting.version);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs WHERE kind = 'committee.notice'"), 3);
  SendAll();
  auto sent = sms_.sent();
  ASSERT_EQ(sent.size(), 3u);
  const std::string when = internal::JalaliDateTime(m.meeting.starts_at);
  EXPECT_NE(sent[0].second.find("دعوت به جلسهٔ شمارهٔ ۱"), std::string::npos) << sent[0].second;
  EXPECT_NE(sent[0].second.find(when), std::string::npos) << sent[0].second;
  EXPECT_NE(sent[0].second.find("https://pol.example/committee/rsvp/"), std::string::npos);
  // A job run twice (at-least-once delivery) sends nothing more.
  ASSERT_TRUE(inv_->SendNotice(pending[0].id).ok());
  EXPECT_EQ(sms_.sent().size(), 3u);

  // A change while scheduled: new invitations with a higher sequence; then a cancellation.
  auto moved = svc_->UpdateMeeting(As(admin_), m.meeting.id,
                                   {.version = m.meeting.version, .starts_at = m.meeting.starts_at + kHour});
  ASSERT_TRUE(moved.ok()) << moved.status().message();
  auto cancelled = svc_->Transition(As(admin_), m.meeting.id, "cancel", moved->meeting.version);
  ASSERT_TRUE(cancelled.ok());
  SendAll();  // the update's invitations are superseded by the cancellation: skipped
  EXPECT_EQ(Count("SELECT COUNT(*) FROM committee_notices WHERE kind = 'invite' AND status = 'skipped' AND "
                  "error = 'superseded'"),
            3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM committee_notices WHERE kind = 'cancel' AND status = 'sent'"), 3);
  EXPECT_NE(sms_.sent().back().second.find("لغو جلسهٔ شمارهٔ ۱"), std::string::npos);
}

TEST_F(InvitationsTest, ADraftCancelledSendsNothingAndEMailWithoutAChannelIsSkipped) {
  ASSERT_TRUE(db_->Write([&](store::Conn& c) {
                   return c.Exec("UPDATE users SET email = 'chair@example.ir' WHERE id = ?", {chair_.user_id})
                       .status();
                 })
                  .ok());
  auto draft = svc_->CreateMeeting(As(admin_), committee_, {.starts_at = env_.NowMillis() + 2 * kDay});
  ASSERT_TRUE(svc_->Transition(As(admin_), draft->meeting.id, "cancel", draft->meeting.version).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM committee_notices"), 0);
  Scheduled(env_.NowMillis() + 3 * kDay);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM committee_notices WHERE channel = 'email'"), 1);
  SendAll();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM committee_notices WHERE channel = 'email' AND status = 'skipped' AND "
                  "error = 'no_mail_channel'"),
            1);
}

TEST_F(InvitationsTest, MeetingRemindersTheDayAndTheHourBeforeOnceToThoseWhoDidNotDecline) {
  MeetingView m = Scheduled(env_.NowMillis() + 30 * kHour);
  SendAll();
  const size_t invitations = sms_.sent().size();
  EXPECT_EQ(inv_->Sweep().value(), 0);  // 30 hours away: nothing yet
  env_.Advance(7 * kHour);              // 23 hours away
  EXPECT_EQ(inv_->Sweep().value(), 3);
  EXPECT_EQ(inv_->Sweep().value(), 0);  // once
  SendAll();
  EXPECT_EQ(sms_.sent().size(), invitations + 3);
  EXPECT_NE(sms_.sent().back().second.find("در ۲۴ ساعت آینده"), std::string::npos);

  ASSERT_TRUE(svc_->Rsvp(As(m2_), m.meeting.id, "no", "").ok());
  env_.Advance(22 * kHour + 30 * 60000);  // 30 minutes away
  inv_ = NewInvitations();                // a restart changes nothing
  EXPECT_EQ(inv_->Sweep().value(), 2);    // chair and m1; m2 declined
  EXPECT_EQ(inv_->Sweep().value(), 0);
  SendAll();
  EXPECT_EQ(sms_.sent().size(), invitations + 5);
  EXPECT_NE(sms_.sent().back().second.find("تا یک ساعت دیگر"), std::string::npos);
  env_.Advance(kHour);  // started: no more reminders
  EXPECT_EQ(inv_->Sweep().value(), 0);
}

TEST_F(InvitationsTest, DecisionReminderBeforeTheDeadlineAndEscalationToTheChairWhenOverdue) {
  MeetingView m = Scheduled(env_.NowMillis() + kDay);
  ASSERT_TRUE(svc_->SetAttendance(As(admin_), m.meeting.id, {{chair_seat_, "present", ""}}).ok());
  auto held = svc_->Transition(As(admin_), m.meeting.id, "hold", m.meeting.version);
  ASSERT_TRUE(held.ok()) << held.status().message();
  auto d = svc_->CreateDecision(As(admin_), m.meeting.id,
                                {.owner_agency_id = t_.tamin,
                                 .owner_user_id = m1_.user_id,
                                 .text = "پوشش خبری مشترک",
                                 .deadline = "1404/12/20"});
  ASSERT_TRUE(d.ok()) << d.status().message();
  SendAll();
  const size_t before = sms_.sent().size();
  EXPECT_EQ(inv_->Sweep().value(), 0);  // months away
  env_.Set(d->decision.deadline - 2 * kDay);
  EXPECT_EQ(inv_->Sweep().value(), 1);  // the owner, by SMS
  EXPECT_EQ(inv_->Sweep().value(), 0);
  SendAll();
  ASSERT_EQ(sms_.sent().size(), before + 1);
  EXPECT_EQ(sms_.sent().back().first, "09120000002");  // m1
  EXPECT_NE(sms_.sent().back().second.find("یادآوری مهلت مصوبه"), std::string::npos);
  EXPECT_NE(sms_.sent().back().second.find("۲۰ اسفند ۱۴۰۴"), std::string::npos) << sms_.sent().back().second;

  env_.Set(d->decision.deadline + kHour);  // overdue
  inv_ = NewInvitations();
  EXPECT_EQ(inv_->Sweep().value(), 1);  // the chair
  EXPECT_EQ(inv_->Sweep().value(), 0);
  SendAll();
  ASSERT_EQ(sms_.sent().size(), before + 2);
  EXPECT_EQ(sms_.sent().back().first, "09120000001");  // the chair
  EXPECT_NE(sms_.sent().back().second.find("گذشتن مهلت مصوبه"), std::string::npos);

  // Done: no more escalations, even when swept again later.
  ASSERT_TRUE(svc_->AddFollowUp(As(admin_), d->decision.id, {.note = "انجام شد", .status = "done"}).ok());
  env_.Advance(kDay);
  EXPECT_EQ(inv_->Sweep().value(), 0);
}

// The committee's own lead time (here 12 days), and the owner agency's PR manager reminded with the owner.
TEST_F(InvitationsTest, DecisionReminderAtTheCommitteesLeadTimeAlsoToTheOwnerAgencysPrManager) {
  Principal manager;
  ASSERT_TRUE(
      db_->Write([&](store::Conn& c) -> Status {
           POL_RETURN_IF_ERROR(
               AddTestUser(c, manager, "tamin_pr",
                           accounts::testing::AgencyGrant(Role::kAgencyPrManager, t_.council, t_.tamin)));
           return c.Exec("UPDATE users SET mobile = '09120000009' WHERE id = ?", {manager.user_id}).status();
         })
          .ok());
  MeetingView m = Scheduled(env_.NowMillis() + kDay);
  ASSERT_TRUE(svc_->SetAttendance(As(admin_), m.meeting.id, {{chair_seat_, "present", ""}}).ok());
  ASSERT_TRUE(svc_->Transition(As(admin_), m.meeting.id, "hold", m.meeting.version).ok());
  auto d = svc_->CreateDecision(As(admin_), m.meeting.id,
                                {.owner_agency_id = t_.tamin,
                                 .owner_user_id = m1_.user_id,
                                 .text = "گزارش فصلی",
                                 .deadline = "1404/12/20"});
  ASSERT_TRUE(d.ok()) << d.status().message();
  SendAll();
  const size_t before = sms_.sent().size();

  ReminderSettingsService settings(db_.get(), &env_);
  EXPECT_EQ(settings.Get(As(m1_), committee_)->decision_reminder_days, 3);
  EXPECT_EQ(settings.Set(As(m1_), committee_, 12, 0).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(settings.Set(As(admin_), committee_, 45, 0).status().api_code(), "invalid_reminder_days");
  ASSERT_TRUE(settings.Set(As(admin_), committee_, 12, 0).ok());

  env_.Set(d->decision.deadline - 13 * kDay);
  EXPECT_EQ(inv_->Sweep().value(), 0);  // beyond the 12 days
  env_.Set(d->decision.deadline - 10 * kDay);
  EXPECT_EQ(inv_->Sweep().value(), 2);  // the owner and the PR manager, by SMS
  EXPECT_EQ(inv_->Sweep().value(), 0);  // once
  SendAll();
  auto sent = sms_.sent();
  ASSERT_EQ(sent.size(), before + 2);
  std::vector<std::string> to = {sent[before].first, sent[before + 1].first};
  std::sort(to.begin(), to.end());
  EXPECT_EQ(to, (std::vector<std::string>{"09120000002", "09120000009"}));
  EXPECT_NE(sent.back().second.find("یادآوری مهلت مصوبه"), std::string::npos);
}

TEST_F(InvitationsTest, RsvpByLinkWritesTheAnswerAsTheMemberAndRefusesBadLinks) {
  MeetingView m = Scheduled(env_.NowMillis() + 2 * kDay);
  const std::string url = inv_->RsvpUrl(m.meeting, m1_seat_);
  const std::string token = url.substr(url.rfind('/') + 1);
  auto page = inv_->OpenRsvp(token);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->meeting_number, 1);
  EXPECT_TRUE(page->open);
  const int64_t audits = Count("SELECT COUNT(*) FROM audit_log");
  std::string tampered = token;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  EXPECT_EQ(inv_->AnswerRsvp(tampered, "yes", "", "127.0.0.1").status().api_code(), "invalid_link");
  EXPECT_EQ(inv_->AnswerRsvp(token, "maybe", "", "127.0.0.1").status().api_code(), "invalid_rsvp");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audits);
  auto answered = inv_->AnswerRsvp(token, "delegate", "مریم رضایی", "127.0.0.1");
  ASSERT_TRUE(answered.ok()) << answered.status().message();
  EXPECT_EQ(answered->rsvp, "delegate");
  EXPECT_EQ(
      Count(
          "SELECT COUNT(*) FROM committee_attendance WHERE rsvp = 'delegate' AND delegate_name = 'مریم رضایی'"),
      1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'rsvp' AND actor_id = " +
                  std::to_string(m1_.user_id)),
            1);
  env_.Advance(3 * kDay);  // after the meeting: expired
  EXPECT_EQ(inv_->AnswerRsvp(token, "yes", "", "127.0.0.1").status().api_code(), "link_expired");
}

TEST_F(InvitationsTest, ACommitteesOwnSenderLineIsUsedAndItsMailChannelMustBeTheCouncilsEMail) {
  SenderSettingsService senders(db_.get(), &env_);
  int64_t own = 0, telegram = 0, foreign = 0;
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   store::Channel ch{.council_id = t_.council, .kind = "email", .name = "رایانامهٔ کمیته"};
                   ch.created_at = ch.updated_at = env_.NowMillis();
                   POL_ASSIGN_OR_RETURN(own, store::InsertChannel(c, ch));
                   ch.kind = "telegram";
                   POL_ASSIGN_OR_RETURN(telegram, store::InsertChannel(c, ch));
                   POL_ASSIGN_OR_RETURN(ch.council_id, store::InsertTestCouncil(c, "other", "شورای دیگر"));
                   ch.kind = "email";
                   POL_ASSIGN_OR_RETURN(foreign, store::InsertChannel(c, ch));
                   return Status::Ok();
                 })
                  .ok());
  const int64_t audit = Count("SELECT COUNT(*) FROM audit_log");
  // Bad input: a Persian 400 naming the field, nothing written.
  for (int64_t bad : {telegram, foreign, int64_t{999999}}) {
    auto r = senders.Set(As(admin_), committee_, bad, "", 0);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().api_code(), "invalid_mail_channel");
    EXPECT_EQ(r.status().field(), "mail_channel_id");
  }
  for (const char* bad : {"12", "3000-123", "۳۰۰۰۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷"}) {
    EXPECT_EQ(senders.Set(As(admin_), committee_, std::nullopt, bad, 0).status().api_code(),
              "invalid_sms_sender")
        << bad;
  }
  // A member who does not run the meetings may read but not set them.
  EXPECT_TRUE(senders.Get(As(m1_), committee_).ok());
  EXPECT_EQ(senders.Set(As(m1_), committee_, own, "", 0).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audit);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM committee_senders"), 0);

  auto set = senders.Set(As(admin_), committee_, own, " ۳۰۰۰۱۲۳۴ ", 0);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->mail_channel_id.value_or(0), own);
  EXPECT_EQ(set->sms_sender, "30001234");
  EXPECT_EQ(set->version, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'set_senders'"), 1);
  EXPECT_EQ(senders.Set(As(admin_), committee_, own, "", 0).status().code(), StatusCode::kAborted);  // stale

  Scheduled(env_.NowMillis() + 4 * kDay);
  SendAll();
  const std::vector<std::string> lines = sms_.senders();
  ASSERT_EQ(lines.size(), 3u);
  for (const auto& l : lines) EXPECT_EQ(l, "30001234");
  // Back to the defaults: "" (the gateway's own line).
  ASSERT_TRUE(senders.Set(As(admin_), committee_, std::nullopt, "", 1).ok());
  Scheduled(env_.NowMillis() + 6 * kDay);
  SendAll();
  EXPECT_EQ(sms_.senders().back(), "");
}

}  // namespace
}  // namespace pol::committee
