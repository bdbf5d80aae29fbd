// The scorecards on a seeded council: data items equal the dashboard's metrics, manual scores and
// evidence, ranking and Δ, closing freezes the snapshot, bad input writes nothing, who may do what,
// and the PDF (pdftotext) and XLSX (openpyxl) of a closed period.
#include "insight/scorecard.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "accounts/test_principals.h"
#include "base/fake_env.h"
#include "base/hex.h"
#include "insight/scorecard_render.h"
#include "report/pdf_document.h"
#include "report/report_test_util.h"
#include "report/xlsx.h"
#include "store/insight_repo.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"

namespace pol::insight {
namespace {

namespace tu = report::test_util;
using accounts::Role;
using accounts::testing::AddTestUser;
using accounts::testing::AgencyGrant;
using accounts::testing::As;
using accounts::testing::CouncilGrant;

constexpr int64_t kMehr1 = 1726950600LL * 1000;  // 1403/07/01 00:00 Tehran: the start of season 1403-3
constexpr int64_t kDay = 86400000, kHour = 3600000;
const std::string kPdf = "%PDF-1.4\n%evidence\n";

std::string Squeeze(std::string s) {
  for (const char* mark : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u200C", "\u200E", "\u200F"})
    for (size_t p = s.find(mark); p != std::string::npos; p = s.find(mark, p)) s.erase(p, std::strlen(mark));
  std::erase_if(s, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
  return s;
}

class ScorecardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::FreshTestDir("insight-scorecard");
    auto db = store::OpenTestDatabase(dir_);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Write([&](store::Conn& c) { return Seed(c); }).ok());
    service_ = std::make_unique<ScorecardService>(db_.get(), &env_, dir_, tu::FontDir());
  }

  Status Mention(store::Conn& c, const std::string& tone, int64_t at, int64_t agency) {
    static int n = 0;
    std::string url = "https://news.example/s" + std::to_string(++n);
    POL_ASSIGN_OR_RETURN(store::Row r,
                         c.QueryOne("INSERT INTO media_items(council_id, outlet, canonical_url, url, "
                                    "fingerprint, title, published_at, fetched_at, tone) VALUES "
                                    "(?,?,?,?,?,?,?,?,?) RETURNING id",
                                    {t_.council, "رسانه", url, url, "f" + url, "خبر " + tone, at, at, tone}));
    return c.Exec("INSERT INTO mentions(item_id, agency_id, term_id) VALUES (?,?,1)", {r.Int(0), agency})
        .status();
  }
  Status Request(store::Conn& c, const std::string& code, int64_t agency, int64_t at,
                 std::optional<int64_t> closed, std::optional<int64_t> csat) {
    return c
        .Exec(
            "INSERT INTO citizen_requests(council_id, tracking_code, type, subject, text, agency_id, state, name, "
            "mobile, created_at, updated_at, resolve_due, closed_at, csat, rated_at) VALUES "
            "(?,?,'complaint','موضوع','متن',?,?,'نام','09120000000',?,?,?,?,?,?)",
            {t_.council, code, agency, std::string(closed ? "closed" : "open"), at, at, at + 5 * kDay,
             store::Opt(closed), store::Opt(csat),
             csat ? store::Value(*closed) : store::Value(store::Null{})})
        .status();
  }

  Status Seed(store::Conn& c) {
    POL_ASSIGN_OR_RETURN(t_, store::InsertTestCouncilWithAgencies(c));
    POL_ASSIGN_OR_RETURN(other_council_, store::InsertTestCouncil(c, "o", "شورای دیگر"));
    POL_ASSIGN_OR_RETURN(other_agency_, store::InsertTestAgency(c, other_council_, "x", "دیگر"));
    // Tamin: 2 positive, 1 negative; two requests closed in time and rated 5 and 4.
    POL_RETURN_IF_ERROR(Mention(c, "positive", kMehr1 + kDay, t_.tamin));
    POL_RETURN_IF_ERROR(Mention(c, "positive", kMehr1 + 2 * kDay, t_.tamin));
    POL_RETURN_IF_ERROR(Mention(c, "negative", kMehr1 + 3 * kDay, t_.tamin));
    POL_RETURN_IF_ERROR(Request(c, "T1", t_.tamin, kMehr1 + kDay, kMehr1 + kDay + 2 * kHour, 5));
    POL_RETURN_IF_ERROR(Request(c, "T2", t_.tamin, kMehr1 + 2 * kDay, kMehr1 + 2 * kDay + 4 * kHour, 4));
    // Behzisti: one negative mention; one open request.
    POL_RETURN_IF_ERROR(Mention(c, "negative", kMehr1 + kDay, t_.behzisti));
    POL_RETURN_IF_ERROR(Request(c, "B1", t_.behzisti, kMehr1 + kDay, std::nullopt, std::nullopt));
    POL_RETURN_IF_ERROR(AddTestUser(c, admin_, "admin", CouncilGrant(Role::kCouncilAdmin, t_.council)));
    POL_RETURN_IF_ERROR(AddTestUser(c, analyst_, "analyst", CouncilGrant(Role::kAnalyst, t_.council)));
    POL_RETURN_IF_ERROR(AddTestUser(c, pr_, "pr", AgencyGrant(Role::kAgencyPrManager, t_.council, t_.tamin)));
    POL_RETURN_IF_ERROR(AddTestUser(c, member_, "member", CouncilGrant(Role::kCommitteeMember, t_.council)));
    POL_RETURN_IF_ERROR(
        AddTestUser(c, secretary_, "secretary", CouncilGrant(Role::kCommitteeMember, t_.council)));
    POL_ASSIGN_OR_RETURN(store::Row k,
                         c.QueryOne("INSERT INTO committees(council_id, name, created_at, updated_at) "
                                    "VALUES (?, 'کمیته', 1, 1) RETURNING id",
                                    {t_.council}));
    for (auto [user, role] :
         {std::pair{member_.user_id, "member"}, std::pair{secretary_.user_id, "secretary"}})
      POL_RETURN_IF_ERROR(
          c.Exec("INSERT INTO committee_members(committee_id, user_id, role, joined_at) VALUES "
                 "(?,?,?,1)",
                 {k.Int(0), user, std::string(role)})
              .status());
    return Status::Ok();
  }

  int64_t Create(const std::string& name) {
    auto p = service_->CreatePeriod(As(admin_), t_.council, name);
    EXPECT_TRUE(p.ok()) << p.status().message();
    return p.ok() ? p->id : 0;
  }
  const ItemScore& Item(const AgencyScore& s, const std::string& code) {
    for (const ItemScore& i : s.items)
      if (i.item.code == code) return i;
    ADD_FAILURE() << code;
    return s.items.front();
  }
  const AgencyScore& Agency(const ScorecardView& v, int64_t id) {
    for (const AgencyScore& s : v.agencies)
      if (s.agency_id == id) return s;
    ADD_FAILURE() << id;
    return v.agencies.front();
  }
  // Files under the evidence folder.
  int64_t Files() {
    int64_t n = 0;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir_ + "/scorecard-evidence", ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
      n += it->is_regular_file() ? 1 : 0;
    return n;
  }
  bool EvidenceFile(const std::string& bytes) {
    const std::string sha = Sha256Hex(bytes);
    return std::filesystem::is_regular_file(dir_ + "/scorecard-evidence/" + sha.substr(0, 2) + "/" + sha);
  }
  int64_t Count(const char* table) {
    auto n = db_->ReadValue([&](store::Conn& c) -> StatusOr<int64_t> {
      POL_ASSIGN_OR_RETURN(store::Row r, c.QueryOne(std::string("SELECT COUNT(*) FROM ") + table));
      return r.Int(0);
    });
    return n.ok() ? *n : -1;
  }

  FakeEnv env_{kMehr1 + 100 * kDay};
  std::string dir_;
  std::unique_ptr<store::Database> db_;
  store::TestCouncil t_;
  int64_t other_council_ = 0, other_agency_ = 0;
  accounts::Principal admin_, analyst_, pr_, member_, secretary_;
  std::unique_ptr<ScorecardService> service_;
};

TEST_F(ScorecardTest, DataItemsEqualTheDashboardMetrics) {
  const int64_t id = Create("1403-3");
  auto v = service_->GetPeriod(As(analyst_), id);
  ASSERT_TRUE(v.ok()) << v.status().message();
  ASSERT_EQ(v->agencies.size(), 2u);
  EXPECT_EQ(v->label, "پاییز ۱۴۰۳");
  const AgencyScore& tamin = Agency(*v, t_.tamin);
  EXPECT_DOUBLE_EQ(*Item(tamin, "net_tone").raw, 1.0 / 3);
  EXPECT_DOUBLE_EQ(*Item(tamin, "share_negative").raw, 1.0 / 3);
  EXPECT_DOUBLE_EQ(*Item(tamin, "sla_share").raw, 1);
  EXPECT_DOUBLE_EQ(*Item(tamin, "csat_mean").raw, 4.5);
  EXPECT_DOUBLE_EQ(*Item(tamin, "csat_response_rate").raw, 1);
  EXPECT_DOUBLE_EQ(*Item(tamin, "requests_answered_share").raw, 1);
  EXPECT_EQ(Item(tamin, "net_tone").metric, "mentions");
  const AgencyScore& bh = Agency(*v, t_.behzisti);
  EXPECT_DOUBLE_EQ(*Item(bh, "net_tone").raw, -1);
  EXPECT_FALSE(Item(bh, "sla_share").raw.has_value()) << "no request closed: no value";
  EXPECT_DOUBLE_EQ(*Item(bh, "requests_answered_share").raw, 0);
  // The raw counts are the dashboard's metrics of the same scope.
  auto neg = db_->ReadValue([&](store::Conn& c) {
    return store::CountMetric(c, "mentions_negative", {t_.council, t_.tamin, kMehr1, v->period.to_ms, 0});
  });
  ASSERT_TRUE(neg.ok());
  EXPECT_EQ(*neg, 1);
  EXPECT_EQ(v->agencies[0].agency_id, t_.tamin);
  EXPECT_EQ(v->agencies[0].rank, 1);
  EXPECT_GT(tamin.total, bh.total);
  EXPECT_DOUBLE_EQ(tamin.max_total, 100);
  double sum = 0;
  for (const ItemScore& i : tamin.items) sum += i.points;
  EXPECT_DOUBLE_EQ(sum, tamin.total);
}

TEST_F(ScorecardTest, ManualScoresAndEvidence) {
  const int64_t id = Create("1403-3");
  ASSERT_TRUE(service_->SetScore(As(secretary_), id, t_.behzisti, "training", 5, "دوره‌ها").ok());
  auto e = service_->UploadEvidence(As(pr_), id, t_.tamin, "training", "گواهی.pdf", kPdf);
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->content_type, "application/pdf");
  auto got = service_->GetEvidence(As(pr_), e->id);
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ(got->second, kPdf);
  auto v = service_->GetPeriod(As(admin_), id);
  ASSERT_TRUE(v.ok());
  EXPECT_DOUBLE_EQ(Item(Agency(*v, t_.behzisti), "training").points, 3);
  EXPECT_EQ(Item(Agency(*v, t_.behzisti), "training").note, "دوره‌ها");
  ASSERT_EQ(Item(Agency(*v, t_.tamin), "training").evidence.size(), 1u);
  EXPECT_EQ(Item(Agency(*v, t_.tamin), "training").evidence[0].file_name, "گواهی.pdf");
}

TEST_F(ScorecardTest, BadInputWritesNothing) {
  const int64_t id = Create("1403-3");
  const int64_t audit = Count("audit_log"), scores = Count("scorecard_scores"),
                files = Count("scorecard_evidence");
  auto code = [](const Status& s) { return s.api_code(); };
  EXPECT_EQ(code(service_->SetScore(As(admin_), id, t_.tamin, "training", 6, "")), "invalid_score");
  EXPECT_EQ(code(service_->SetScore(As(admin_), id, t_.tamin, "training", 0.5, "")), "invalid_score");
  EXPECT_EQ(code(service_->SetScore(As(admin_), id, t_.tamin, "net_tone", 3, "")), "unknown_item");
  EXPECT_EQ(code(service_->SetScore(As(admin_), id, other_agency_, "training", 3, "")), "unknown_agency");
  EXPECT_EQ(code(service_->UploadEvidence(As(pr_), id, t_.tamin, "training", "a.txt", "hello").status()),
            "invalid_evidence_type");
  EXPECT_EQ(code(service_
                     ->UploadEvidence(As(pr_), id, t_.tamin, "training", "a.pdf",
                                      "%PDF" + std::string(kMaxEvidenceBytes, 'x'))
                     .status()),
            "evidence_too_large");
  EXPECT_EQ(code(service_->UploadEvidence(As(pr_), id, t_.tamin, "nope", "a.pdf", kPdf).status()),
            "unknown_item");
  EXPECT_EQ(code(service_->CreatePeriod(As(admin_), t_.council, "1403-7").status()), "invalid_period");
  EXPECT_EQ(code(service_->CreatePeriod(As(admin_), t_.council, "1403-3").status()),
            "scorecard_period_exists");
  std::vector<ScorecardItem> bad = DefaultTemplate("season");
  bad[0].formula = "ave";
  EXPECT_EQ(code(service_->PutTemplate(As(admin_), t_.council, "season", bad, std::nullopt).status()),
            "unknown_formula");
  EXPECT_EQ(Count("audit_log"), audit);
  EXPECT_EQ(Count("scorecard_scores"), scores);
  EXPECT_EQ(Count("scorecard_evidence"), files);
  EXPECT_EQ(Files(), 0) << "a refused upload leaves no file";
  EXPECT_EQ(Count("scorecard_items"), 0);
  EXPECT_EQ(Count("scorecard_periods"), 1);
}

TEST_F(ScorecardTest, EvidenceDeletedByTheAgencyUntilThePeriodCloses) {
  const int64_t id = Create("1403-3");
  // The same bytes twice: the PR manager's for «training», the secretary's for «research» (one file).
  auto mine = service_->UploadEvidence(As(pr_), id, t_.tamin, "training", "گواهی.pdf", kPdf);
  auto theirs = service_->UploadEvidence(As(secretary_), id, t_.tamin, "research", "نظرسنجی.pdf", kPdf);
  ASSERT_TRUE(mine.ok() && theirs.ok());
  EXPECT_EQ(Files(), 1);
  const int64_t audit = Count("audit_log");
  // Readers of the card who are neither the agency nor the uploader: 403; strangers to the card: 404.
  EXPECT_EQ(service_->DeleteEvidence(As(analyst_), mine->id).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->DeleteEvidence(As(member_), theirs->id).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->DeleteEvidence(As(admin_), mine->id).code(), StatusCode::kPermissionDenied)
      << "the council admin did not upload it";
  EXPECT_EQ(service_->DeleteEvidence(As(pr_), 999999).code(), StatusCode::kNotFound);
  EXPECT_EQ(Count("audit_log"), audit);
  EXPECT_EQ(Count("scorecard_evidence"), 2);
  // The agency's PR manager deletes the secretary's upload: the row goes, the shared file stays.
  ASSERT_TRUE(service_->DeleteEvidence(As(pr_), theirs->id).ok());
  EXPECT_EQ(Count("audit_log"), audit + 1);
  EXPECT_EQ(Count("scorecard_evidence"), 1);
  EXPECT_TRUE(EvidenceFile(kPdf));
  EXPECT_TRUE(service_->GetEvidence(As(pr_), mine->id).ok());
  EXPECT_EQ(service_->GetEvidence(As(pr_), theirs->id).status().code(), StatusCode::kNotFound);
  // The last row naming it: the file is removed too.
  ASSERT_TRUE(service_->DeleteEvidence(As(pr_), mine->id).ok());
  EXPECT_EQ(Count("audit_log"), audit + 2);
  EXPECT_EQ(Count("scorecard_evidence"), 0);
  EXPECT_FALSE(EvidenceFile(kPdf));
  EXPECT_EQ(Files(), 0);
  auto v = service_->GetPeriod(As(admin_), id);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(Item(Agency(*v, t_.tamin), "training").evidence.empty());
  // The same bytes uploaded again are stored again.
  auto again = service_->UploadEvidence(As(pr_), id, t_.tamin, "training", "گواهی.pdf", kPdf);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(EvidenceFile(kPdf));
  // Once the period is closed, nothing is deleted.
  ASSERT_TRUE(service_->Close(As(admin_), id).ok());
  const int64_t closed_audit = Count("audit_log");
  EXPECT_EQ(service_->DeleteEvidence(As(pr_), again->id).api_code(), "scorecard_period_closed");
  EXPECT_EQ(Count("audit_log"), closed_audit);
  EXPECT_EQ(Count("scorecard_evidence"), 1);
  EXPECT_TRUE(EvidenceFile(kPdf));
}

TEST_F(ScorecardTest, WhoMayDoWhat) {
  const int64_t id = Create("1403-3");
  // The PR manager: own card and own evidence only.
  EXPECT_TRUE(service_->GetCard(As(pr_), id, t_.tamin).ok());
  EXPECT_EQ(service_->GetCard(As(pr_), id, t_.behzisti).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->GetPeriod(As(pr_), id).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->UploadEvidence(As(pr_), id, t_.behzisti, "training", "a.pdf", kPdf).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->SetScore(As(pr_), id, t_.tamin, "training", 5, "").code(),
            StatusCode::kPermissionDenied);
  // The analyst and a plain committee member read; only the secretary (and the admin) score.
  EXPECT_TRUE(service_->GetPeriod(As(member_), id).ok());
  EXPECT_EQ(service_->SetScore(As(member_), id, t_.tamin, "training", 5, "").code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->SetScore(As(analyst_), id, t_.tamin, "training", 5, "").code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->PutTemplate(As(analyst_), t_.council, "season", DefaultTemplate("season"), std::nullopt)
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->Close(As(member_), id).status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(service_->SetScore(As(secretary_), id, t_.tamin, "training", 5, "").ok());
  EXPECT_EQ(Count("scorecard_scores"), 1);
}

TEST_F(ScorecardTest, CloseFreezesTheSnapshotAndDeltaComesFromThePreviousPeriod) {
  const int64_t summer = Create("1403-2");
  ASSERT_TRUE(service_->SetScore(As(admin_), summer, t_.behzisti, "events", 5, "").ok());
  ASSERT_TRUE(service_->Close(As(admin_), summer).ok());
  const int64_t autumn = Create("1403-3");
  auto before = service_->Close(As(admin_), autumn);
  ASSERT_TRUE(before.ok()) << before.status().message();
  EXPECT_EQ(before->period.status, "closed");
  const AgencyScore& bh = Agency(*before, t_.behzisti);
  ASSERT_TRUE(bh.previous_total.has_value());
  EXPECT_DOUBLE_EQ(*bh.previous_total, 3) << "summer: only the manual «events» 5 → 3 points";
  ASSERT_TRUE(Agency(*before, t_.tamin).previous_total.has_value());
  EXPECT_DOUBLE_EQ(*Agency(*before, t_.tamin).previous_total, 0);
  // Later edits of the template and the data change nothing.
  std::vector<ScorecardItem> t = DefaultTemplate("season");
  for (ScorecardItem& it : t)
    if (it.code == "net_tone") it.weight = 10;
  ASSERT_TRUE(service_->PutTemplate(As(admin_), t_.council, "season", t, std::nullopt).ok());
  ASSERT_TRUE(
      db_->Write([&](store::Conn& c) { return Mention(c, "positive", kMehr1 + 4 * kDay, t_.behzisti); })
          .ok());
  auto after = service_->GetPeriod(As(admin_), autumn);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->agencies.size(), before->agencies.size());
  for (size_t i = 0; i < after->agencies.size(); ++i) {
    EXPECT_DOUBLE_EQ(after->agencies[i].total, before->agencies[i].total);
    EXPECT_EQ(after->agencies[i].rank, before->agencies[i].rank);
    EXPECT_EQ(after->agencies[i].items.size(), before->agencies[i].items.size());
  }
  // A closed period refuses edits (409).
  const int64_t rows = Count("scorecard_scores");
  EXPECT_EQ(service_->SetScore(As(admin_), autumn, t_.tamin, "training", 5, "").api_code(),
            "scorecard_period_closed");
  EXPECT_EQ(
      service_->UploadEvidence(As(pr_), autumn, t_.tamin, "training", "a.pdf", kPdf).status().api_code(),
      "scorecard_period_closed");
  EXPECT_EQ(service_->Close(As(admin_), autumn).status().api_code(), "scorecard_period_closed");
  EXPECT_EQ(Count("scorecard_scores"), rows);
}

TEST_F(ScorecardTest, PdfAndXlsxOfAClosedPeriod) {
  const int64_t id = Create("1403-3");
  EXPECT_EQ(service_->Export(As(admin_), id, "pdf").status().api_code(), "scorecard_period_open");
  auto v = service_->Close(As(admin_), id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(service_->Export(As(admin_), id, "docx").status().api_code(), "invalid_format");
  auto pdf = service_->Export(As(analyst_), id, "pdf");
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  EXPECT_EQ(pdf->file_name, "scorecard-1403-3.pdf");
  const std::string dir = tu::ScratchDir();
  std::ofstream(dir + "/s.pdf", std::ios::binary) << pdf->bytes;
  auto r = tu::Run("pdftotext -layout " + dir + "/s.pdf - 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string text = Squeeze(r.output);
  for (const char* s :
       {"ارزیابیعملکردروابطعمومی", "پاییز۱۴۰۳", "رتبهبندیدستگاهها", "تأمین", "بهزیستی", "جمع"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  const std::string total = Squeeze(report::FormatNumber(v->agencies[0].total, 1));
  EXPECT_NE(text.find(total), std::string::npos) << total;
  auto xlsx = service_->Export(As(analyst_), id, "xlsx");
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().message();
  std::ofstream(dir + "/s.xlsx", std::ios::binary) << xlsx->bytes;
  std::ofstream(dir + "/read.py")
      << "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n"
         "for ws in wb.worksheets: print(ws.title, ws.sheet_view.rightToLeft, ws.max_row)\n"
         "ws = wb.worksheets[0]\nprint('cell', ws.cell(2, 1).value, ws.cell(2, 2).value, "
         "'%.3f' % ws.cell(2, 3).value)\n";
  r = tu::Run(std::string(tu::kPython) + " " + dir + "/read.py " + dir + "/s.xlsx 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("رتبه‌بندی دستگاه‌ها True 3"), std::string::npos) << r.output;
  char want[64];
  std::snprintf(want, sizeof want, "cell 1 تأمین %.3f", v->agencies[0].total);
  const std::string w = want;
  EXPECT_NE(r.output.find(w), std::string::npos) << r.output << " want " << w;
  EXPECT_NE(r.output.find("امتیازهای زیرشاخص‌ها True"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace pol::insight
