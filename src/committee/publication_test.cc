// The opt-in public page (issue 13 §8): the council switch (off by default, council admins only), a
// decision's published flag (secretary, chair, admins), refusals writing nothing, and the site's page
// rendered from it: 404 (nullopt) while off, only published decisions, no private field.
#include "committee/publication.h"

#include <gtest/gtest.h>

#include "accounts/test_principals.h"
#include "base/fake_env.h"
#include "committee/committees.h"
#include "site/decisions_page.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"

namespace pol::committee {
namespace {

using accounts::Principal;
using accounts::Role;
using accounts::testing::AddTestUser;
using accounts::testing::As;
using accounts::testing::CouncilGrant;

constexpr int64_t kDay = 24 * 3600000LL;

int64_t AuditCount(store::Database& db) {
  return db
      .ReadValue([](store::Conn& c) -> StatusOr<int64_t> {
        POL_ASSIGN_OR_RETURN(store::Row r, c.QueryOne("SELECT COUNT(*) FROM audit_log"));
        return r.Int(0);
      })
      .value();
}

class PublicationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::OpenTestDatabase(store::FreshTestDir("committee_public")).value();
    ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(t_, store::InsertTestCouncilWithAgencies(c));
                     POL_RETURN_IF_ERROR(
                         AddTestUser(c, admin_, "cadmin", CouncilGrant(Role::kCouncilAdmin, t_.council)));
                     POL_RETURN_IF_ERROR(
                         AddTestUser(c, chair_, "chair", CouncilGrant(Role::kCommitteeMember, t_.council)));
                     POL_RETURN_IF_ERROR(AddTestUser(c, secretary_, "secretary",
                                                     CouncilGrant(Role::kCommitteeMember, t_.council)));
                     return AddTestUser(c, member_, "member",
                                        CouncilGrant(Role::kCommitteeMember, t_.council));
                   })
                    .ok());
    svc_ = std::make_unique<CommitteeService>(db_.get(), &env_, nullptr);
    pub_ = std::make_unique<PublicationService>(db_.get(), &env_);
    committee_ =
        svc_->CreateCommittee(As(admin_), {.council_id = t_.council, .name = "کمیتهٔ روابط عمومی"})->id;
    const int64_t chair_seat =
        svc_->AddMember(As(admin_), committee_, {.user_id = chair_.user_id, .role = "chair"})->id;
    ASSERT_TRUE(
        svc_->AddMember(As(admin_), committee_, {.user_id = secretary_.user_id, .role = "secretary"}).ok());
    ASSERT_TRUE(svc_->AddMember(As(admin_), committee_, {.user_id = member_.user_id}).ok());
    auto m = svc_->CreateMeeting(As(admin_), committee_, {.starts_at = env_.NowMillis() + 3 * kDay});
    ASSERT_TRUE(m.ok()) << m.status().message();
    auto s = svc_->Transition(As(admin_), m->meeting.id, "schedule", m->meeting.version);
    ASSERT_TRUE(s.ok());
    auto a = svc_->SetAttendance(As(admin_), m->meeting.id, {{chair_seat, "present", ""}});
    ASSERT_TRUE(a.ok());
    meeting_ = svc_->Transition(As(admin_), m->meeting.id, "hold", a->meeting.version)->meeting;
  }

  DecisionView Decision(const std::string& text) {
    auto d = svc_->CreateDecision(As(admin_), meeting_.id,
                                  {.owner_agency_id = t_.tamin,
                                   .owner_user_id = member_.user_id,
                                   .text = text,
                                   .deadline = "1404/12/20"});
    EXPECT_TRUE(d.ok()) << d.status().message();
    return *d;
  }

  FakeEnv env_;
  std::unique_ptr<store::Database> db_;
  store::TestCouncil t_;
  Principal admin_, chair_, secretary_, member_;
  std::unique_ptr<CommitteeService> svc_;
  std::unique_ptr<PublicationService> pub_;
  int64_t committee_ = 0;
  store::Meeting meeting_;
};

TEST_F(PublicationTest, ThePageIsOffUntilTheCouncilAdminTurnsItOn) {
  auto s = pub_->GetSettings(As(admin_), t_.council);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_FALSE(s->public_page);
  EXPECT_EQ(s->version, 0);
  const int64_t before = AuditCount(*db_);
  EXPECT_EQ(pub_->SetPublicPage(As(chair_), t_.council, true, 0).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(pub_->GetSettings(As(chair_), t_.council).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(pub_->SetPublicPage(As(admin_), 9999, true, 0).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(pub_->SetPublicPage(As(admin_), t_.council, true, 3).status().code(), StatusCode::kAborted);
  EXPECT_EQ(AuditCount(*db_), before);

  auto on = pub_->SetPublicPage(As(admin_), t_.council, true, 0);
  ASSERT_TRUE(on.ok()) << on.status().message();
  EXPECT_TRUE(on->public_page);
  EXPECT_EQ(on->version, 1);
  EXPECT_EQ(AuditCount(*db_), before + 1);
  auto off = pub_->SetPublicPage(As(admin_), t_.council, false, 1);
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->public_page);
  EXPECT_EQ(off->version, 2);
}

TEST_F(PublicationTest, SecretaryOrChairPublishesAMemberMayNot) {
  DecisionView d = Decision("انتشار گزارش مشترک");
  const int64_t before = AuditCount(*db_);
  EXPECT_EQ(pub_->SetPublished(As(member_), d.decision.id, true, d.decision.version).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(pub_->SetPublished(As(chair_), d.decision.id, true, d.decision.version + 5).status().code(),
            StatusCode::kAborted);
  EXPECT_EQ(pub_->SetPublished(As(chair_), 9999, true, 1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(AuditCount(*db_), before);
  EXPECT_FALSE(pub_->GetPublication(As(member_), d.decision.id)->published);

  auto p = pub_->SetPublished(As(chair_), d.decision.id, true, d.decision.version);
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_TRUE(p->published);
  EXPECT_EQ(p->published_at, env_.NowMillis());
  EXPECT_EQ(p->version, d.decision.version + 1);
  auto back = pub_->SetPublished(As(secretary_), d.decision.id, false, p->version);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_FALSE(back->published);
  EXPECT_FALSE(back->published_at);
  EXPECT_EQ(AuditCount(*db_), before + 2);
}

TEST_F(PublicationTest, TheSitePageListsOnlyPublishedDecisionsAndNoPrivateField) {
  DecisionView shown = Decision("پوشش خبری مشترک هفتهٔ تأمین اجتماعی");
  DecisionView hidden = Decision("تصمیم داخلی دربارهٔ بودجه");
  ASSERT_TRUE(
      svc_->AddFollowUp(As(member_), shown.decision.id, {.note = "یادداشت داخلی پیگیری", .progress = 40})
          .ok());
  auto now_shown = svc_->GetDecision(As(admin_), shown.decision.id);
  ASSERT_TRUE(pub_->SetPublished(As(chair_), shown.decision.id, true, now_shown->decision.version).ok());

  site::DecisionsPage page(db_.get(), &env_, "", "");
  EXPECT_FALSE(page.Render("https://news.example.ir", 1)) << "off by default: the site's 404";
  ASSERT_TRUE(pub_->SetPublicPage(As(admin_), t_.council, true, 0).ok());
  auto p = page.Render("https://news.example.ir", 1);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, 200);
  const std::string& html = p->body;
  EXPECT_NE(html.find("dir=\"rtl\""), std::string::npos);
  EXPECT_NE(html.find("پوشش خبری مشترک هفتهٔ تأمین اجتماعی"), std::string::npos);
  EXPECT_EQ(html.find("تصمیم داخلی"), std::string::npos);
  EXPECT_EQ(html.find("یادداشت داخلی"), std::string::npos);
  EXPECT_EQ(html.find(member_.name), std::string::npos) << "the owner person never shows";
  EXPECT_NE(html.find("جلسهٔ شمارهٔ ۱"), std::string::npos);
  EXPECT_NE(html.find("در حال انجام"), std::string::npos);
  EXPECT_NE(html.find("۴۰٪"), std::string::npos);
  EXPECT_NE(html.find("۲۰ اسفند ۱۴۰۴"), std::string::npos);
  EXPECT_NE(html.find("href=\"/decisions\""), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_FALSE(page.Render("https://news.example.ir", 2)) << "past the last page";
  (void)hidden;
}

}  // namespace
}  // namespace pol::committee
