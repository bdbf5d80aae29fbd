// Evidence on follow-up entries (issue 13 §7): the owner uploads a PDF to an entry, readers list and download
// it, and every refusal (another agency, an unknown entry, an empty, oversized or non-PDF/image file) writes
// nothing — no row, no audit entry.
#include "committee/evidence.h"

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

constexpr int64_t kDay = 24 * 3600000LL;
const std::string kPdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

int64_t Count(store::Database& db, const char* sql) {
  return db
      .ReadValue([&](store::Conn& c) -> StatusOr<int64_t> {
        POL_ASSIGN_OR_RETURN(store::Row r, c.QueryOne(sql));
        return r.Int(0);
      })
      .value();
}

class EvidenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::FreshTestDir("committee_evidence");
    db_ = store::OpenTestDatabase(dir_).value();
    ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(t_, store::InsertTestCouncilWithAgencies(c));
                     POL_RETURN_IF_ERROR(
                         AddTestUser(c, admin_, "cadmin", CouncilGrant(Role::kCouncilAdmin, t_.council)));
                     POL_RETURN_IF_ERROR(
                         AddTestUser(c, owner_, "owner", CouncilGrant(Role::kCommitteeMember, t_.council)));
                     POL_RETURN_IF_ERROR(
                         AddTestUser(c, other_, "other", CouncilGrant(Role::kCommitteeMember, t_.council)));
                     return AddTestUser(c, outsider_, "outsider", CouncilGrant(Role::kAnalyst, t_.council));
                   })
                    .ok());
    svc_ = std::make_unique<CommitteeService>(db_.get(), &env_, nullptr);
    evidence_ = std::make_unique<EvidenceService>(db_.get(), &env_, dir_);
    const int64_t committee =
        svc_->CreateCommittee(As(admin_), {.council_id = t_.council, .name = "کمیتهٔ روابط عمومی"})->id;
    const int64_t seat =
        svc_->AddMember(As(admin_), committee, {.user_id = owner_.user_id, .role = "chair"})->id;
    ASSERT_TRUE(svc_->AddMember(As(admin_), committee, {.user_id = other_.user_id}).ok());
    auto m = svc_->CreateMeeting(As(admin_), committee, {.starts_at = env_.NowMillis() + 3 * kDay});
    ASSERT_TRUE(m.ok());
    auto s = svc_->Transition(As(admin_), m->meeting.id, "schedule", m->meeting.version);
    auto a = svc_->SetAttendance(As(admin_), m->meeting.id, {{seat, "present", ""}});
    ASSERT_TRUE(s.ok() && a.ok());
    const int64_t meeting =
        svc_->Transition(As(admin_), m->meeting.id, "hold", a->meeting.version)->meeting.id;
    auto d = svc_->CreateDecision(As(admin_), meeting,
                                  {.owner_agency_id = t_.tamin,
                                   .owner_user_id = owner_.user_id,
                                   .text = "گزارش تصویری پوشش خبری",
                                   .deadline = "1404/12/20"});
    ASSERT_TRUE(d.ok()) << d.status().message();
    decision_ = d->decision.id;
    auto f = svc_->AddFollowUp(As(owner_), decision_, {.note = "انجام شد؛ گزارش پیوست است", .progress = 80});
    ASSERT_TRUE(f.ok()) << f.status().message();
    followup_ = f->followups.back().id;
  }

  FakeEnv env_;
  std::string dir_;
  std::unique_ptr<store::Database> db_;
  store::TestCouncil t_;
  Principal admin_, owner_, other_, outsider_;
  std::unique_ptr<CommitteeService> svc_;
  std::unique_ptr<EvidenceService> evidence_;
  int64_t decision_ = 0, followup_ = 0;
};

TEST_F(EvidenceTest, TheOwnerAttachesAPdfThatReadersDownload) {
  const int64_t audits = Count(*db_, "SELECT COUNT(*) FROM audit_log");
  auto e = evidence_->Upload(As(owner_), decision_, followup_, "گزارش/نهایی.pdf", kPdf);
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->mime, "application/pdf");
  EXPECT_EQ(e->filename, "گزارش_نهایی.pdf");
  EXPECT_EQ(e->size_bytes, static_cast<int64_t>(kPdf.size()));
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM audit_log"), audits + 1);

  auto list = evidence_->List(As(other_), decision_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].followup_id, followup_);
  auto got = evidence_->Download(As(admin_), decision_, e->id);
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ(got->second, kPdf);
  EXPECT_EQ(evidence_->Download(As(outsider_), decision_, e->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(evidence_->Download(As(admin_), decision_, e->id + 100).status().code(), StatusCode::kNotFound);
}

TEST_F(EvidenceTest, RefusedUploadsWriteNothing) {
  const int64_t audits = Count(*db_, "SELECT COUNT(*) FROM audit_log");
  // A member who neither owns the decision nor runs meetings; an outsider; an entry of no decision.
  EXPECT_EQ(evidence_->Upload(As(other_), decision_, followup_, "a.pdf", kPdf).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(evidence_->Upload(As(outsider_), decision_, followup_, "a.pdf", kPdf).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(evidence_->Upload(As(owner_), decision_, followup_ + 100, "a.pdf", kPdf).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(evidence_->Upload(As(owner_), decision_, followup_, "a.pdf", "").status().api_code(),
            "empty_file");
  EXPECT_EQ(evidence_->Upload(As(owner_), decision_, followup_, "a.exe", "MZ\x90\x00 not a pdf")
                .status()
                .api_code(),
            "unsupported_type");
  EXPECT_EQ(
      evidence_
          ->Upload(As(owner_), decision_, followup_, "big.pdf", "%PDF-" + std::string(kEvidenceMaxBytes, 'x'))
          .status()
          .api_code(),
      "too_large");
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM committee_evidence"), 0);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM audit_log"), audits);
}

}  // namespace
}  // namespace pol::committee
