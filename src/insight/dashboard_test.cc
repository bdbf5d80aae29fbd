// The dashboard on a seeded council: each figure, its previous period, the ratios, the widgets, that
// every figure equals the length of its records list, who may see what, and bad input.
#include "insight/dashboard.h"

#include <gtest/gtest.h>

#include "accounts/test_principals.h"
#include "base/fake_env.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"

namespace pol::insight {
namespace {

using accounts::Role;
using accounts::testing::ActorFor;
using accounts::testing::AgencyGrant;
using accounts::testing::CouncilGrant;
using accounts::testing::Who;

constexpr int64_t kMehr1 = 1726950600LL * 1000;  // 1403/07/01 00:00 Tehran
constexpr int64_t kDay = 86400000, kHour = 3600000;

class DashboardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::OpenTestDatabase(store::FreshTestDir("insight"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(t_, store::InsertTestCouncilWithAgencies(c));
                     POL_ASSIGN_OR_RETURN(other_council_, store::InsertTestCouncil(c, "o", "دیگر"));
                     POL_ASSIGN_OR_RETURN(other_agency_,
                                          store::InsertTestAgency(c, other_council_, "oa", "دیگری"));
                     return Seed(c);
                   })
                    .ok());
    service_ = std::make_unique<InsightService>(db_.get(), &env_);
  }

  StatusOr<int64_t> Release(store::Conn& c, int64_t agency, const std::string& status,
                            std::optional<int64_t> at) {
    POL_ASSIGN_OR_RETURN(
        store::Row r,
        c.QueryOne("INSERT INTO releases(agency_id, council_id, status, title, "
                   "published_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                   {agency, t_.council, status, "خبر " + status, store::Opt(at), kMehr1, kMehr1}));
    return r.Int(0);
  }
  StatusOr<int64_t> Item(store::Conn& c, const std::string& outlet, const std::string& tone, int64_t at,
                         std::vector<int64_t> agencies) {
    static int n = 0;
    std::string url = "https://x.ir/" + std::to_string(++n);
    POL_ASSIGN_OR_RETURN(
        store::Row r, c.QueryOne("INSERT INTO media_items(council_id, outlet, canonical_url, url, "
                                 "fingerprint, title, published_at, fetched_at, tone) VALUES "
                                 "(?,?,?,?,?,?,?,?,?) RETURNING id",
                                 {t_.council, outlet, url, url, "f" + url, "خبر " + outlet, at, at, tone}));
    for (int64_t a : agencies) {
      POL_RETURN_IF_ERROR(
          c.Exec("INSERT INTO mentions(item_id, agency_id, term_id) VALUES (?,?,1)", {r.Int(0), a}).status());
    }
    return r.Int(0);
  }
  Status Pickup(store::Conn& c, int64_t release, int64_t item) {
    return c
        .Exec(
            "INSERT INTO pickups(release_id, item_id, containment, kind, found_at) VALUES (?,?,0.9,'full',?)",
            {release, item, kMehr1})
        .status();
  }
  Status Request(store::Conn& c, int64_t agency, const std::string& state, int64_t created,
                 std::optional<int64_t> closed, std::optional<int64_t> csat, int64_t due) {
    static int n = 0;
    return c
        .Exec(
            "INSERT INTO citizen_requests(council_id, tracking_code, type, subject, text, agency_id, state, name, "
            "mobile, created_at, updated_at, closed_at, csat, rated_at, resolve_due) VALUES "
            "(?,?,'complaint','موضوع','متن',?,?,'نام','09120000000',?,?,?,?,?,?)",
            {t_.council, "T" + std::to_string(++n), agency, state, created, created, store::Opt(closed),
             store::Opt(csat), store::Opt(closed), due})
        .status();
  }

  Status Seed(store::Conn& c) {
    POL_ASSIGN_OR_RETURN(int64_t a, Release(c, t_.tamin, "published", kMehr1 + kDay));
    POL_RETURN_IF_ERROR(Release(c, t_.tamin, "corrected", kMehr1 + 2 * kDay).status());
    POL_ASSIGN_OR_RETURN(int64_t cr, Release(c, t_.behzisti, "published", kMehr1 + 3 * kDay));
    POL_RETURN_IF_ERROR(Release(c, t_.tamin, "draft", std::nullopt).status());
    POL_RETURN_IF_ERROR(Release(c, t_.tamin, "published", kMehr1 - 5 * kDay).status());  // شهریور
    POL_ASSIGN_OR_RETURN(int64_t i1, Item(c, "ایرنا", "positive", kMehr1 + kDay + kHour, {t_.tamin}));
    POL_ASSIGN_OR_RETURN(int64_t i2,
                         Item(c, "ایرنا", "negative", kMehr1 + 2 * kDay, {t_.tamin, t_.behzisti}));
    POL_ASSIGN_OR_RETURN(int64_t i3, Item(c, "فارس", "negative", kMehr1 + 2 * kDay, {t_.behzisti}));
    POL_RETURN_IF_ERROR(Item(c, "فارس", "neutral", kMehr1 + 2 * kDay, {}).status());          // no mention
    POL_RETURN_IF_ERROR(Item(c, "فارس", "neutral", kMehr1 - 2 * kDay, {t_.tamin}).status());  // شهریور
    POL_RETURN_IF_ERROR(Pickup(c, a, i1));
    POL_RETURN_IF_ERROR(Pickup(c, a, i2));
    POL_RETURN_IF_ERROR(Pickup(c, cr, i3));
    // 1403/07/02 (a Monday) 08:00 → 10:00: two office hours.
    POL_RETURN_IF_ERROR(Request(c, t_.tamin, "closed", kMehr1 + kDay + 8 * kHour, kMehr1 + kDay + 10 * kHour,
                                4, kMehr1 + 10 * kDay));
    POL_RETURN_IF_ERROR(
        Request(c, t_.tamin, "open", kMehr1 + 3 * kDay, std::nullopt, std::nullopt, kMehr1 + 4 * kDay));
    POL_RETURN_IF_ERROR(
        Request(c, t_.behzisti, "unverified", kMehr1 + 3 * kDay, std::nullopt, std::nullopt, kMehr1));
    return Status::Ok();
  }

  DashboardRequest Mehr(std::optional<int64_t> agency = std::nullopt) {
    DashboardRequest r;
    if (!agency) r.council_id = t_.council;
    r.agency_id = agency;
    r.period = {.kind = "month", .date = "1403/07/15"};
    return r;
  }

  static const Figure& Fig(const Dashboard& d, const std::string& m) {
    for (const Figure& f : d.figures)
      if (f.metric == m) return f;
    ADD_FAILURE() << "no figure " << m;
    return d.figures.front();
  }
  static std::optional<double> RatioOf(const Dashboard& d, const std::string& name) {
    for (const Ratio& r : d.ratios)
      if (r.name == name) return r.value;
    ADD_FAILURE() << "no ratio " << name;
    return std::nullopt;
  }

  FakeEnv env_{kMehr1 + 20 * kDay};
  std::unique_ptr<store::Database> db_;
  store::TestCouncil t_;
  int64_t other_council_ = 0, other_agency_ = 0;
  std::unique_ptr<InsightService> service_;
  ActorFor system_{Who{"system", {}, true}};
};

TEST_F(DashboardTest, CouncilFiguresAndPreviousPeriod) {
  StatusOr<Dashboard> d = service_->GetDashboard(*system_, Mehr());
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(Fig(*d, "releases_published").value, 3);
  EXPECT_EQ(Fig(*d, "releases_published").previous, 1);
  EXPECT_EQ(Fig(*d, "releases_picked_up").value, 2);
  EXPECT_EQ(Fig(*d, "pickups").value, 3);
  EXPECT_EQ(Fig(*d, "mentions").value, 3);
  EXPECT_EQ(Fig(*d, "mentions").previous, 1);
  EXPECT_EQ(Fig(*d, "mentions_negative").value, 2);
  EXPECT_EQ(Fig(*d, "mentions_positive").value, 1);
  EXPECT_EQ(Fig(*d, "requests_received").value, 2);
  EXPECT_EQ(Fig(*d, "requests_open").value, 1);
  EXPECT_EQ(Fig(*d, "requests_overdue").value, 1);
  EXPECT_EQ(Fig(*d, "requests_closed_in_sla").value, 1);
  EXPECT_EQ(Fig(*d, "requests_rated").value, 1);
  EXPECT_DOUBLE_EQ(*RatioOf(*d, "pickup_rate"), 2.0 / 3);
  EXPECT_DOUBLE_EQ(*RatioOf(*d, "net_tone"), -1.0 / 3);
  EXPECT_DOUBLE_EQ(*RatioOf(*d, "sla_share"), 1.0);
  EXPECT_DOUBLE_EQ(*RatioOf(*d, "median_handling_minutes"), 120.0);
  EXPECT_DOUBLE_EQ(*RatioOf(*d, "csat_mean"), 4.0);
  EXPECT_EQ(d->mentions_over_time.size(), 30u);  // every day of مهر
  EXPECT_EQ(d->mentions_over_time[2].total, 2);  // 1403/07/03
  ASSERT_EQ(d->share_of_voice.size(), 2u);
  EXPECT_EQ(d->share_of_voice[0].count, 2);
  ASSERT_EQ(d->top_outlets.size(), 2u);
  EXPECT_EQ(d->top_outlets[0].label, "ایرنا");
  ASSERT_FALSE(d->best_releases.empty());
  EXPECT_EQ(d->best_releases[0].value, 2);
  EXPECT_EQ(d->worst_releases[0].value, 0);
  EXPECT_EQ(d->top_negative.size(), 2u);
}

TEST_F(DashboardTest, EveryFigureEqualsItsRecords) {
  for (std::optional<int64_t> agency : {std::optional<int64_t>(), std::optional<int64_t>(t_.tamin)}) {
    StatusOr<Dashboard> d = service_->GetDashboard(*system_, Mehr(agency));
    ASSERT_TRUE(d.ok()) << d.status().message();
    for (const Figure& f : d->figures) {
      StatusOr<RecordPage> p = service_->Records(*system_, Mehr(agency), f.metric, -1, 0);
      ASSERT_TRUE(p.ok()) << p.status().message();
      EXPECT_EQ(static_cast<int64_t>(p->items.size()), f.value) << f.metric;
      EXPECT_EQ(p->total, f.value) << f.metric;
    }
  }
  StatusOr<Dashboard> tamin = service_->GetDashboard(*system_, Mehr(t_.tamin));
  ASSERT_TRUE(tamin.ok());
  EXPECT_EQ(Fig(*tamin, "releases_published").value, 2);
  EXPECT_EQ(Fig(*tamin, "mentions").value, 2);
  EXPECT_TRUE(tamin->share_of_voice.empty());
  DashboardRequest irna = Mehr();
  irna.outlet = "ایرنا";
  EXPECT_EQ(service_->Records(*system_, irna, "mentions", -1, 0)->total, 2);
}

TEST_F(DashboardTest, WhoSeesWhat) {
  ActorFor manager(Who{"tamin manager", {AgencyGrant(Role::kAgencyPrManager, t_.council, t_.tamin)}});
  ActorFor analyst(Who{"analyst", {CouncilGrant(Role::kAnalyst, t_.council)}});
  EXPECT_EQ(service_->GetDashboard(*manager, Mehr()).status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(service_->GetDashboard(*manager, Mehr(t_.tamin)).ok());
  EXPECT_EQ(service_->GetDashboard(*manager, Mehr(t_.behzisti)).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->Records(*manager, Mehr(), "mentions", -1, 0).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(service_->GetDashboard(*analyst, Mehr()).ok());
  DashboardRequest other = Mehr();
  other.council_id = other_council_;
  EXPECT_EQ(service_->GetDashboard(*analyst, other).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(DashboardTest, BadInputIsAPersian400) {
  DashboardRequest r = Mehr();
  r.period.date = "1402/12/30";
  EXPECT_EQ(service_->GetDashboard(*system_, r).status().api_code(), "invalid_period");
  r = Mehr(other_agency_);
  r.council_id = t_.council;
  EXPECT_EQ(service_->GetDashboard(*system_, r).status().api_code(), "unknown_agency");
  r = Mehr(999999);
  EXPECT_EQ(service_->GetDashboard(*system_, r).status().api_code(), "unknown_agency");
  r = Mehr();
  r.tier = "global";
  EXPECT_EQ(service_->GetDashboard(*system_, r).status().api_code(), "invalid_tier");
  EXPECT_EQ(service_->Records(*system_, Mehr(), "ad_value", -1, 0).status().api_code(), "unknown_metric");
}

TEST(WorkingTimeTest, SpikesAndOfficeMinutes) {
  std::vector<TimePoint> pts(10);
  for (auto& p : pts) p.total = 1;
  pts[4].total = 9;
  MarkSpikes(pts);
  EXPECT_TRUE(pts[4].spike);
  EXPECT_FALSE(pts[0].spike);
  text::WorkCalendar cal;
  // 1403/07/03 (Tuesday) 13:30 → 1403/07/04 (Wednesday) 08:30: one hour on each day.
  EXPECT_EQ(WorkingMinutesBetween(cal, kMehr1 + 2 * kDay + 13 * kHour + kHour / 2,
                                  kMehr1 + 3 * kDay + 8 * kHour + kHour / 2),
            120);
  EXPECT_EQ(WorkingMinutesBetween(cal, kMehr1 + kDay, kMehr1), 0);
}

}  // namespace
}  // namespace pol::insight
