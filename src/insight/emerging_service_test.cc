// EmergingService on a seeded council: the job counts the baseline and finds today's burst (copies once,
// items and requests, agencies, tone), files it under one issue across refreshes and days; the owner
// agency is assigned and notified (audited); who may see and assign; bad input writes nothing.
#include "insight/emerging_service.h"

#include <gtest/gtest.h>

#include "accounts/test_principals.h"
#include "base/fake_env.h"
#include "insight/bulletin.h"
#include "insight/period.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"
#include "text/search_terms.h"

namespace pol::insight {
namespace {

using accounts::Principal;
using accounts::Role;
using accounts::testing::AddTestUser;
using accounts::testing::AgencyGrant;
using accounts::testing::As;
using accounts::testing::CouncilGrant;

constexpr int64_t kMehr15 = 1728160200LL * 1000;  // 1403/07/15 00:00 Tehran
constexpr int64_t kDay = 86400000, kHour = 3600000;

const char* const kBaseline[] = {
    "نمایشگاه کتاب استان با حضور ناشران برگزار شد.",
    "تیم فوتبال شهر در بازی دیروز پیروز شد.",
    "جشنواره فیلم کوتاه دانشجویی آغاز به کار کرد.",
    "قیمت طلا در بازار امروز کاهش یافت.",
    "برنامه واکسیناسیون دام در روستاها ادامه دارد.",
    "همایش ملی کارآفرینی در دانشگاه برگزار می‌شود.",
    "بارش باران در شمال کشور پیش‌بینی شد.",
    "مسابقات کشتی قهرمانی جوانان در سالن ورزشی آغاز شد.",
    "کتابخانه عمومی جدید در محله شرقی افتتاح شد.",
    "طرح کاشت نهال در پارک‌های شهر اجرا شد."};
const char* const kBurst[] = {
    "قطعی آب در محله‌های جنوبی شهر ادامه دارد و ساکنان گلایه دارند.",
    "شرکت آب و فاضلاب علت قطعی آب را شکستگی لوله اصلی اعلام کرد.",
    "ساکنان محله‌های جنوبی به دلیل قطعی آب به تانکر روی آورده‌اند.",
    "شورای شهر درباره قطعی آب محله‌های جنوبی توضیح خواست."};

class EmergingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::OpenTestDatabase(store::FreshTestDir("emerging"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(t_, store::InsertTestCouncilWithAgencies(c));
                     POL_ASSIGN_OR_RETURN(other_council_, store::InsertTestCouncil(c, "o", "دیگر"));
                     POL_ASSIGN_OR_RETURN(other_agency_,
                                          store::InsertTestAgency(c, other_council_, "oa", "دیگری"));
                     POL_RETURN_IF_ERROR(
                         AddTestUser(c, admin_, "admin", CouncilGrant(Role::kCouncilAdmin, t_.council)));
                     POL_RETURN_IF_ERROR(
                         AddTestUser(c, analyst_, "analyst", CouncilGrant(Role::kAnalyst, t_.council)));
                     POL_RETURN_IF_ERROR(AddTestUser(
                         c, manager_, "manager", AgencyGrant(Role::kAgencyPrManager, t_.council, t_.tamin)));
                     // Fourteen quiet days before 15 Mehr: five unrelated items a day.
                     for (int d = 14; d >= 1; --d)
                       for (int k = 0; k < 5; ++k)
                         POL_RETURN_IF_ERROR(Item(c, kBaseline[(d + k) % 10],
                                                  kMehr15 - d * kDay + (k + 8) * kHour, "neutral", "", {})
                                                 .status());
                     return Status::Ok();
                   })
                    .ok());
    env_.Set(kMehr15 + 20 * kHour);
    EmergingOptions o;
    o.backfill_days = 14;  // the baseline only (the default counts back two years, 31 days a run)
    service_ = std::make_unique<EmergingService>(db_.get(), &env_, o);
  }

  StatusOr<int64_t> Item(store::Conn& c, const std::string& text, int64_t at, const std::string& tone,
                         const std::string& fingerprint, std::vector<int64_t> agencies) {
    static int n = 0;
    const std::string url = "https://x.ir/" + std::to_string(++n);
    POL_ASSIGN_OR_RETURN(
        store::Row r,
        c.QueryOne("INSERT INTO media_items(council_id, outlet, canonical_url, url, fingerprint, "
                   "title, body, published_at, fetched_at, tone) VALUES (?,?,?,?,?,?,?,?,?,?) "
                   "RETURNING id",
                   {t_.council, "outlet", url, url, fingerprint.empty() ? "f" + url : fingerprint,
                    "خبر " + std::to_string(n), text, at, at, tone}));
    for (int64_t a : agencies)
      POL_RETURN_IF_ERROR(
          c.Exec("INSERT INTO mentions(item_id, agency_id, term_id) VALUES (?,?,1)", {r.Int(0), a}).status());
    return r.Int(0);
  }
  Status Request(store::Conn& c, const std::string& text, int64_t at, const std::string& state) {
    static int n = 0;
    return c
        .Exec(
            "INSERT INTO citizen_requests(council_id, tracking_code, type, subject, text, agency_id, state, "
            "name, mobile, created_at, updated_at) VALUES (?,?,'complaint','قطعی آب',?,?,?,'نام','09120000000',?,?)",
            {t_.council, "E" + std::to_string(++n), text, t_.behzisti, state, at, at})
        .status();
  }
  // Today's burst: three items, three copies of one syndicated text, two requests (and one unverified).
  void SeedBurst(int64_t day_start) {
    ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                     for (int k = 0; k < 3; ++k)
                       POL_RETURN_IF_ERROR(Item(c, std::string(kBurst[k]) + " " + kBurst[(k + 1) % 4],
                                                day_start + (9 + k) * kHour, "negative", "", {t_.behzisti})
                                               .status());
                     for (int k = 0; k < 3; ++k)
                       POL_RETURN_IF_ERROR(Item(c, std::string(kBurst[3]) + " " + kBurst[0],
                                                day_start + 13 * kHour, "negative",
                                                "copy-" + std::to_string(day_start), {})
                                               .status());
                     POL_RETURN_IF_ERROR(Request(c, kBurst[2], day_start + 10 * kHour, "open"));
                     POL_RETURN_IF_ERROR(Request(c, kBurst[1], day_start + 11 * kHour, "triage"));
                     return Request(c, kBurst[0], day_start + 12 * kHour, "unverified");
                   })
                    .ok());
  }
  int64_t QueryInt(const std::string& sql) {
    auto r = db_->ReadValue([&](store::Conn& c) { return c.QueryOne(sql); });
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r->Int(0) : -1;
  }

  FakeEnv env_;
  std::unique_ptr<store::Database> db_;
  store::TestCouncil t_;
  int64_t other_council_ = 0, other_agency_ = 0;
  Principal admin_, analyst_, manager_;
  std::unique_ptr<EmergingService> service_;
};

TEST_F(EmergingServiceTest, QuietDaysMakeNoIssue) {
  auto s = service_->RefreshCouncil(t_.council);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->days_counted, 15);  // the 13 older baseline days, then yesterday and today
  EXPECT_EQ(s->issues_touched, 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM emerging_issues"), 0);
  EXPECT_EQ(
      QueryInt("SELECT documents FROM emerging_days WHERE day = " + std::to_string(TehranDay(kMehr15) - 1)),
      5);
  // A second run recounts only yesterday and today.
  auto again = service_->RefreshCouncil(t_.council);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->days_counted, 2);
}

TEST_F(EmergingServiceTest, BurstBecomesOneIssueWithItsFigures) {
  SeedBurst(kMehr15);
  auto s = service_->Refresh();
  ASSERT_TRUE(s.ok()) << s.status().message();
  auto list = service_->List(As(analyst_), t_.council, 7);
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->size(), 1u);
  const store::EmergingIssueRow& i = (*list)[0];
  EXPECT_EQ(i.first_day, TehranDay(kMehr15));
  EXPECT_EQ(i.items, 4);     // three items and one of the three copies
  EXPECT_EQ(i.requests, 2);  // the unverified one is not counted
  EXPECT_EQ(i.negative, 4);
  EXPECT_EQ(i.agencies.at(t_.behzisti), 5);  // three items mention it, two requests are routed to it
  EXPECT_GE(i.growth, 4);
  bool water = false;
  for (const std::string& term : i.terms)
    water = water || term.find(text::SearchTerm("آب")) != std::string::npos;
  EXPECT_TRUE(water) << testing::PrintToString(i.terms);
  auto detail = service_->Get(As(analyst_), i.id);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->docs.size(), 6u);
  ASSERT_EQ(detail->per_day.size(), 1u);
  for (const store::EmergingIssueDoc& d : detail->docs) {
    if (d.kind == "request") {
      EXPECT_EQ(d.title.rfind("E", 0), 0u) << "a request shows its tracking code only";
    }
  }

  // Refreshing again changes nothing; the next day's burst continues the same issue.
  ASSERT_TRUE(service_->Refresh().ok());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM emerging_issue_docs"), 6);
  env_.Advance(kDay);
  SeedBurst(kMehr15 + kDay);
  ASSERT_TRUE(service_->Refresh().ok());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM emerging_issues"), 1);
  // A later run the same day looks at yesterday again: still the same issue.
  env_.Advance(15 * 60 * 1000);
  ASSERT_TRUE(service_->Refresh().ok());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM emerging_issues"), 1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM emerging_issue_docs"), 12);
  auto next = service_->Get(As(admin_), i.id);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->issue.last_day, TehranDay(kMehr15) + 1);
  EXPECT_EQ(next->per_day.size(), 2u);
}

TEST_F(EmergingServiceTest, TheBulletinNamesTheIssueFirst) {
  SeedBurst(kMehr15);
  ASSERT_TRUE(service_->Refresh().ok());
  InsightService insight(db_.get(), &env_);
  auto b = BuildBulletin(insight, db_.get(), &env_, As(admin_), {t_.council, "day", std::nullopt});
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_FALSE(b->alerts.empty());
  EXPECT_EQ(b->alerts[0].rfind("موضوع نوظهور «", 0), 0u) << b->alerts[0];
  EXPECT_NE(b->alerts[0].find("۴ خبر و ۲ درخواست"), std::string::npos) << b->alerts[0];
}

TEST_F(EmergingServiceTest, OwnerIsAssignedNotifiedAndAudited) {
  SeedBurst(kMehr15);
  ASSERT_TRUE(service_->Refresh().ok());
  const int64_t id = QueryInt("SELECT id FROM emerging_issues");
  // The PR manager of tamin cannot see it before it is theirs.
  EXPECT_EQ(service_->Get(As(manager_), id).status().code(), StatusCode::kNotFound);
  // Not the analyst's to assign; nothing written.
  EXPECT_EQ(service_->AssignOwner(As(analyst_), id, t_.tamin).status().code(), StatusCode::kPermissionDenied);
  // Another council's agency.
  auto bad = service_->AssignOwner(As(admin_), id, other_agency_);
  EXPECT_EQ(bad.status().api_code(), "unknown_agency");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM emerging_issues WHERE owner_agency_id IS NOT NULL"), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM notifications"), 0);

  auto ok = service_->AssignOwner(As(admin_), id, t_.tamin);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->owner_agency_id, t_.tamin);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM notifications WHERE kind = 'insight.emerging' AND user_id = " +
                     std::to_string(manager_.user_id)),
            1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'insight.emerging.assign_owner'"), 1);
  EXPECT_TRUE(service_->Get(As(manager_), id).ok());
  // Still not theirs to list the council's issues.
  EXPECT_EQ(service_->List(As(manager_), t_.council, 7).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(EmergingServiceTest, BadInputAndOtherCouncils) {
  EXPECT_EQ(service_->List(As(analyst_), t_.council, 0).status().api_code(), "invalid_days");
  EXPECT_EQ(service_->List(As(analyst_), t_.council, 366).status().api_code(), "invalid_days");
  EXPECT_EQ(service_->List(As(analyst_), other_council_, 7).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->RefreshNow(As(analyst_), t_.council).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM emerging_days"), 0);
  auto now = service_->RefreshNow(As(admin_), t_.council);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'insight.emerging.recount'"), 1);
  EXPECT_EQ(service_->Get(As(admin_), 999).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace pol::insight
