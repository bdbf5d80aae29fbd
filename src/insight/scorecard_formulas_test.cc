// The scorecard formulas that read beyond the dashboard's KPI strip, each on seeded data against a value
// computed by hand: photo share, median submission → publication in office minutes, reach-weighted
// coverage, reopen rate, mean handling time, messenger posts per channel, committee attendance and
// decisions done on time; and each data figure's drill-down link (the records route + filter that
// produced it).
#include <gtest/gtest.h>

#include "accounts/test_principals.h"
#include "base/fake_env.h"
#include "insight/scorecard.h"
#include "insight/scorecard_compute.h"
#include "report/report_test_util.h"
#include "store/insight_repo.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"

namespace pol::insight {
namespace {

namespace tu = report::test_util;
using accounts::Role;
using accounts::testing::AddTestUser;
using accounts::testing::CouncilGrant;
using store::Null;

constexpr int64_t kMehr1 = 1726950600LL * 1000;  // 1403/07/01 (a Sunday) 00:00 Tehran: season 1403-3
constexpr int64_t kDay = 86400000, kHour = 3600000, kMinute = 60000;
// Sunday 1 and Monday 2 Mehr 1403 are working days; the office is open 07:30–14:30 Tehran.
constexpr int64_t At(int day, int hour, int minute = 0) {
  return kMehr1 + (day - 1) * kDay + hour * kHour + minute * kMinute;
}

class ScorecardFormulasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::FreshTestDir("insight-scorecard-formulas");
    auto db = store::OpenTestDatabase(dir_);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    Status seeded = db_->Write([&](store::Conn& c) { return Seed(c); });
    ASSERT_TRUE(seeded.ok()) << seeded.message();
  }

  StatusOr<int64_t> Id(store::Conn& c, const std::string& sql, const store::Params& p) {
    POL_ASSIGN_OR_RETURN(store::Row r, c.QueryOne(sql + " RETURNING id", p));
    return r.Int(0);
  }
  // A published release of `agency`; `submitted` may be absent (published without submission).
  StatusOr<int64_t> Release(store::Conn& c, int64_t agency, int64_t published,
                            std::optional<int64_t> submitted, bool photo) {
    POL_ASSIGN_OR_RETURN(int64_t id,
                         Id(c,
                            "INSERT INTO releases(agency_id, council_id, status, title, published_at, "
                            "submitted_at, created_at, updated_at) VALUES (?,?,'published','خبر',?,?,?,?)",
                            {agency, t_.council, published, store::Opt(submitted), published, published}));
    if (photo) {
      POL_ASSIGN_OR_RETURN(int64_t media,
                           Id(c,
                              "INSERT INTO media(agency_id, content_type, sha256, storage_key, "
                              "created_at) VALUES (?, 'image/jpeg', ?, ?, 1)",
                              {agency, "sha" + std::to_string(id), "key" + std::to_string(id)}));
      POL_RETURN_IF_ERROR(
          c.Exec("INSERT INTO release_media(release_id, media_id) VALUES (?,?)", {id, media}).status());
    }
    return id;
  }
  StatusOr<int64_t> Item(store::Conn& c, std::optional<int64_t> source, const std::string& outlet) {
    static int n = 0;
    const std::string url = "https://press.example/" + std::to_string(++n);
    return Id(
        c,
        "INSERT INTO media_items(council_id, source_id, outlet, canonical_url, url, fingerprint, title, "
        "published_at, fetched_at) VALUES (?,?,?,?,?,?,'بازتاب',?,?)",
        {t_.council, store::Opt(source), outlet, url, url, "f" + url, At(3, 9), At(3, 9)});
  }
  Status Pickup(store::Conn& c, int64_t release, int64_t item) {
    return c
        .Exec(
            "INSERT INTO pickups(release_id, item_id, containment, kind, found_at) VALUES (?,?,0.9,'full',?)",
            {release, item, At(3, 9)})
        .status();
  }
  Status Request(store::Conn& c, const std::string& code, int64_t agency, bool closed, int64_t reopened,
                 int64_t closed_at = At(2, 9)) {
    return c
        .Exec(
            "INSERT INTO citizen_requests(council_id, tracking_code, type, subject, text, agency_id, state, "
            "name, mobile, created_at, updated_at, resolve_due, closed_at, reopen_count) VALUES "
            "(?,?,'complaint','موضوع','متن',?,?,'نام','09120000000',?,?,?,?,?)",
            {t_.council, code, agency, std::string(closed ? "closed" : "open"), At(1, 9), At(1, 9),
             At(1, 9) + 5 * kDay, closed ? store::Value(closed_at) : store::Value(Null{}), reopened})
        .status();
  }

  Status Seed(store::Conn& c) {
    POL_ASSIGN_OR_RETURN(t_, store::InsertTestCouncilWithAgencies(c));
    // Tamin's releases: lead times 120 (08:00 → 10:00), 180 (13:30 Sunday → 09:30 Monday: 60 + 120) and
    // 300 (08:00 → 13:00) office minutes; the fourth was never submitted. Two of the four have a photo.
    POL_ASSIGN_OR_RETURN(r1_, Release(c, t_.tamin, At(1, 10), At(1, 8), true));
    POL_ASSIGN_OR_RETURN(int64_t r2, Release(c, t_.tamin, At(2, 9, 30), At(1, 13, 30), false));
    POL_ASSIGN_OR_RETURN(int64_t r3, Release(c, t_.tamin, At(2, 13), At(2, 8), true));
    POL_ASSIGN_OR_RETURN(int64_t r4, Release(c, t_.tamin, At(2, 14), std::nullopt, false));
    (void)r2;
    (void)r4;
    // A release of the season before counts nowhere.
    POL_RETURN_IF_ERROR(Release(c, t_.tamin, kMehr1 - kDay, kMehr1 - 2 * kDay, true).status());
    // Sources: a national one of reach weight 2, a provincial one of 1; one item has no source.
    POL_ASSIGN_OR_RETURN(
        int64_t national,
        Id(c,
           "INSERT INTO monitor_sources(council_id, name, url, tier, reach_weight, created_at, "
           "updated_at) VALUES (?, 'ایرنا', 'https://irna.example/rss', 'national', 2, 1, 1)",
           {t_.council}));
    POL_ASSIGN_OR_RETURN(
        int64_t provincial,
        Id(c,
           "INSERT INTO monitor_sources(council_id, name, url, tier, reach_weight, created_at, "
           "updated_at) VALUES (?, 'استان', 'https://ostan.example/rss', 'provincial', 1, 1, 1)",
           {t_.council}));
    POL_ASSIGN_OR_RETURN(int64_t i1, Item(c, national, "ایرنا"));
    POL_ASSIGN_OR_RETURN(int64_t i2, Item(c, national, "ایرنا"));
    POL_ASSIGN_OR_RETURN(int64_t i3, Item(c, provincial, "استان"));
    POL_ASSIGN_OR_RETURN(int64_t i4, Item(c, std::nullopt, "وبلاگ"));
    // r1: ایرنا twice (one outlet) and استان → 1 × 2 + 0.5 × 1 = 2.5; r3: ایرنا and وبلاگ → 2 + 0.25 × 1.
    for (auto [r, i] :
         {std::pair{r1_, i1}, std::pair{r1_, i2}, std::pair{r1_, i3}, std::pair{r3, i1}, std::pair{r3, i4}})
      POL_RETURN_IF_ERROR(Pickup(c, r, i));
    // Tamin's requests closed in the season: reopened 0, 1, 2 and 0 times → 2 of 4; an open one reopened
    // does not count. Opened Sunday 09:00; three closed Monday 09:00 (330 + 90 = 420 office minutes), Q4
    // Tuesday 09:00 (840): median 420, mean 525.
    POL_RETURN_IF_ERROR(Request(c, "Q1", t_.tamin, true, 0));
    POL_RETURN_IF_ERROR(Request(c, "Q2", t_.tamin, true, 1));
    POL_RETURN_IF_ERROR(Request(c, "Q3", t_.tamin, true, 2));
    POL_RETURN_IF_ERROR(Request(c, "Q4", t_.tamin, true, 0, At(3, 9)));
    POL_RETURN_IF_ERROR(Request(c, "Q5", t_.tamin, false, 1));
    POL_RETURN_IF_ERROR(SeedDeliveries(c, r3));
    return SeedCommittee(c);
  }

  // Tamin's messenger posts: r1 to two channels and r3 to one of them, sent → 3 posts on 2 channels;
  // not counted: one queued on a third channel, one to a press e-mail list, one sent the season before.
  Status SeedDeliveries(store::Conn& c, int64_t r3) {
    std::vector<int64_t> ch;
    for (const char* kind : {"telegram", "bale", "eitaa", "email"}) {
      POL_ASSIGN_OR_RETURN(int64_t id,
                           Id(c,
                              "INSERT INTO channels(council_id, agency_id, kind, name, created_at, "
                              "updated_at) VALUES (?,?,?,?,1,1)",
                              {t_.council, t_.tamin, std::string(kind), std::string(kind)}));
      ch.push_back(id);
    }
    int n = 0;
    auto delivery = [&](int64_t release, int64_t channel, const char* state, std::optional<int64_t> sent) {
      return c
          .Exec(
              "INSERT INTO deliveries(release_id, channel_id, recipient, state, next_at, created_at, "
              "updated_at, sent_at) VALUES (?,?,?,?,0,1,1,?)",
              {release, channel, "r" + std::to_string(++n), std::string(state), store::Opt(sent)})
          .status();
    };
    POL_RETURN_IF_ERROR(delivery(r1_, ch[0], "sent", At(1, 11)));
    POL_RETURN_IF_ERROR(delivery(r1_, ch[1], "sent", At(1, 11)));
    POL_RETURN_IF_ERROR(delivery(r3, ch[0], "sent", At(2, 13)));
    POL_RETURN_IF_ERROR(delivery(r3, ch[2], "queued", std::nullopt));
    POL_RETURN_IF_ERROR(delivery(r3, ch[3], "sent", At(2, 13)));
    return delivery(r1_, ch[2], "sent", kMehr1 - kDay);
  }

  // Members u1, u2 for tamin, u3 for behzisti. Held meetings on 5 and 20 Mehr: u1 present / late, u2
  // absent / delegated, u3 present / absent → tamin 3 of 4, behzisti 1 of 2. A meeting not held yet
  // does not count. Tamin's decisions due in the season: one done before its deadline, one done late,
  // one open → 1 of 3 (a cancelled one and one due next season do not count). Behzisti has none due.
  Status SeedCommittee(store::Conn& c) {
    POL_ASSIGN_OR_RETURN(int64_t k,
                         Id(c,
                            "INSERT INTO committees(council_id, name, created_at, updated_at) VALUES "
                            "(?, 'کمیتهٔ روابط عمومی', 1, 1)",
                            {t_.council}));
    std::vector<int64_t> seats;
    for (auto [name, agency] :
         {std::pair{"u1", t_.tamin}, std::pair{"u2", t_.tamin}, std::pair{"u3", t_.behzisti}}) {
      accounts::Principal user;
      POL_RETURN_IF_ERROR(AddTestUser(c, user, name, CouncilGrant(Role::kCommitteeMember, t_.council)));
      POL_ASSIGN_OR_RETURN(int64_t seat,
                           Id(c,
                              "INSERT INTO committee_members(committee_id, user_id, agency_id, role, "
                              "joined_at) VALUES (?,?,?,'member',1)",
                              {k, user.user_id, agency}));
      seats.push_back(seat);
    }
    int64_t number = 0;
    auto meeting = [&](int64_t starts, const char* status) {
      return Id(c,
                "INSERT INTO committee_meetings(committee_id, number, kind, starts_at, duration_min, status, "
                "created_at, updated_at) VALUES (?,?,'regular',?,60,?,1,1)",
                {k, ++number, starts, std::string(status)});
    };
    auto attend = [&](int64_t m, int64_t seat, const char* status) {
      return c
          .Exec("INSERT INTO committee_attendance(meeting_id, member_id, status) VALUES (?,?,?)",
                {m, seat, std::string(status)})
          .status();
    };
    POL_ASSIGN_OR_RETURN(int64_t m1, meeting(At(5, 9), "held"));
    POL_ASSIGN_OR_RETURN(int64_t m2, meeting(At(20, 9), "held"));
    POL_ASSIGN_OR_RETURN(int64_t m3, meeting(At(25, 9), "scheduled"));
    POL_RETURN_IF_ERROR(attend(m1, seats[0], "present"));
    POL_RETURN_IF_ERROR(attend(m1, seats[1], "absent"));
    POL_RETURN_IF_ERROR(attend(m1, seats[2], "present"));
    POL_RETURN_IF_ERROR(attend(m2, seats[0], "late"));
    POL_RETURN_IF_ERROR(attend(m2, seats[1], "delegated"));
    POL_RETURN_IF_ERROR(attend(m2, seats[2], "absent"));
    POL_RETURN_IF_ERROR(attend(m3, seats[0], "absent"));
    auto decision = [&](int64_t deadline, const char* status, std::optional<int64_t> done) {
      return c
          .Exec(
              "INSERT INTO committee_decisions(committee_id, meeting_id, text, owner_agency_id, deadline, "
              "status, done_at, created_at, updated_at) VALUES (?,?,'مصوبه',?,?,?,?,1,1)",
              {k, m1, t_.tamin, deadline, std::string(status), store::Opt(done)})
          .status();
    };
    POL_RETURN_IF_ERROR(decision(At(10, 12), "done", At(9, 12)));
    POL_RETURN_IF_ERROR(decision(At(15, 12), "done", At(16, 12)));
    POL_RETURN_IF_ERROR(decision(At(20, 12), "open", std::nullopt));
    POL_RETURN_IF_ERROR(decision(At(21, 12), "cancelled", std::nullopt));
    return decision(At(100, 12), "open", std::nullopt);
  }

  // The raw value of `formula` for `agency` over season 1403-3.
  std::optional<double> Raw(const std::string& formula, int64_t agency) {
    auto period = ParseScorecardPeriod("1403-3");
    EXPECT_TRUE(period.ok());
    auto v = db_->ReadValue([&](store::Conn& c) -> StatusOr<std::optional<double>> {
      FormulaValues values(c, {t_.council, agency, period->period.from_ms, period->period.to_ms, kMehr1},
                           calendar_);
      return values.Value(formula);
    });
    EXPECT_TRUE(v.ok()) << formula << ": " << v.status().message();
    return v.ok() ? *v : std::nullopt;
  }

  std::string dir_;
  std::unique_ptr<store::Database> db_;
  store::TestCouncil t_;
  text::WorkCalendar calendar_;
  int64_t r1_ = 0;
};

TEST_F(ScorecardFormulasTest, PhotoShareOfPublishedReleases) {
  EXPECT_DOUBLE_EQ(*Raw("photo_share", t_.tamin), 0.5);  // 2 of 4
  EXPECT_FALSE(Raw("photo_share", t_.behzisti).has_value()) << "nothing published: no value";
}

TEST_F(ScorecardFormulasTest, MedianSubmissionToPublicationInOfficeMinutes) {
  EXPECT_DOUBLE_EQ(*Raw("median_publication_minutes", t_.tamin), 180);  // {120, 180, 300}
  EXPECT_FALSE(Raw("median_publication_minutes", t_.behzisti).has_value());
}

TEST_F(ScorecardFormulasTest, MeanAndMedianHandlingTimeInOfficeMinutes) {
  EXPECT_DOUBLE_EQ(*Raw("mean_handling_minutes", t_.tamin), 525);  // {420, 420, 420, 840}
  EXPECT_DOUBLE_EQ(*Raw("median_handling_minutes", t_.tamin), 420);
  EXPECT_FALSE(Raw("mean_handling_minutes", t_.behzisti).has_value()) << "nothing closed: no value";
}

TEST_F(ScorecardFormulasTest, MessengerPostsPerChannelUsed) {
  EXPECT_DOUBLE_EQ(*Raw("messenger_posts", t_.tamin), 3);
  EXPECT_DOUBLE_EQ(*Raw("posts_per_messenger_channel", t_.tamin), 1.5);  // 3 posts on 2 channels
  EXPECT_DOUBLE_EQ(*Raw("days_with_post", t_.tamin), 2);
  EXPECT_DOUBLE_EQ(*Raw("posts_per_messenger_channel", t_.behzisti), 0) << "nothing posted: 0";
}

TEST_F(ScorecardFormulasTest, ReachWeightedCoverageByTierAndReach) {
  EXPECT_DOUBLE_EQ(*Raw("reach_weighted_coverage", t_.tamin), 4.75);  // 2.5 + 2.25
  EXPECT_DOUBLE_EQ(*Raw("outlets_reached", t_.tamin), 3);
  EXPECT_DOUBLE_EQ(*Raw("pickup_rate", t_.tamin), 0.5);
  EXPECT_DOUBLE_EQ(*Raw("reach_weighted_coverage", t_.behzisti), 0);
  EXPECT_DOUBLE_EQ(TierWeight("national"), 1);
  EXPECT_DOUBLE_EQ(TierWeight("provincial"), 0.5);
  EXPECT_DOUBLE_EQ(TierWeight(""), 0.25);
}

TEST_F(ScorecardFormulasTest, ReopenRateOfClosedRequests) {
  EXPECT_DOUBLE_EQ(*Raw("reopen_rate", t_.tamin), 0.5);  // Q2, Q3 of Q1–Q4
  EXPECT_FALSE(Raw("reopen_rate", t_.behzisti).has_value());
  // The figure's records are the drill-down metric's list.
  auto recs = db_->ReadValue([&](store::Conn& c) {
    return store::ListMetric(c, "requests_closed_reopened",
                             {t_.council, t_.tamin, kMehr1, kMehr1 + 90 * kDay});
  });
  ASSERT_TRUE(recs.ok()) << recs.status().message();
  ASSERT_EQ(recs->size(), 2u);
  EXPECT_TRUE(store::IsInsightMetric("requests_closed_reopened"));
  EXPECT_TRUE(store::IsInsightMetric("releases_with_photo"));
}

TEST_F(ScorecardFormulasTest, CommitteeAttendanceAndDecisionsOnTime) {
  EXPECT_DOUBLE_EQ(*Raw("meeting_attendance", t_.tamin), 0.75);
  EXPECT_DOUBLE_EQ(*Raw("meeting_attendance", t_.behzisti), 0.5);
  // The records behind the rate: tamin's four attendance rows at the two held meetings (not the one
  // still scheduled), three of them present, late or delegated; behzisti's two.
  auto recs = db_->ReadValue([&](store::Conn& c) {
    return store::ListMetric(c, "committee_attendance", {t_.council, t_.tamin, kMehr1, kMehr1 + 90 * kDay});
  });
  ASSERT_TRUE(recs.ok()) << recs.status().message();
  ASSERT_EQ(recs->size(), 4u);
  int present = 0;
  for (const store::InsightRecord& r : *recs) {
    EXPECT_EQ(r.kind, "attendance");
    EXPECT_EQ(r.agency_id, t_.tamin);
    present += r.label != "absent" ? 1 : 0;
  }
  EXPECT_EQ(present, 3);
  EXPECT_NE((*recs)[0].title.find("کاربر u"), std::string::npos) << (*recs)[0].title;
  EXPECT_EQ((*recs)[0].at, At(20, 9)) << "newest meeting first";
  auto all = db_->ReadValue([&](store::Conn& c) {
    return store::CountMetric(c, "committee_attendance",
                              {t_.council, std::nullopt, kMehr1, kMehr1 + 90 * kDay});
  });
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, 6);
  EXPECT_DOUBLE_EQ(*Raw("decisions_on_time", t_.tamin), 1.0 / 3);
  EXPECT_FALSE(Raw("decisions_on_time", t_.behzisti).has_value()) << "none due: no value";
}

TEST_F(ScorecardFormulasTest, EveryDataFigureLinksToTheRecordsBehindIt) {
  FakeEnv env{kMehr1 + 100 * kDay};
  ScorecardService service(db_.get(), &env, dir_, tu::FontDir(), calendar_);
  auto p = service.CreatePeriod(accounts::Actor{}, t_.council, "1403-3");
  ASSERT_TRUE(p.ok()) << p.status().message();
  auto card = service.GetCard(accounts::Actor{}, p->id, t_.tamin);
  ASSERT_TRUE(card.ok()) << card.status().message();
  const std::string agency = std::to_string(t_.tamin);
  for (const ItemScore& i : card->items) {
    if (IsManual(i.item)) {
      EXPECT_TRUE(i.records_href.empty()) << i.item.code;
    } else if (i.item.formula == "decisions_on_time") {
      EXPECT_EQ(i.records_href, "/api/v1/committee-decisions?owner_agency_id=" + agency);
      EXPECT_EQ(i.records_export_href, "/api/v1/committee/register/xlsx?owner_agency_id=" + agency);
    } else {
      EXPECT_EQ(i.records_href, "/api/v1/insight/records?agency_id=" + agency +
                                    "&period=season&date=1403/07/01&metric=" + i.metric)
          << i.item.code;
      EXPECT_EQ(i.records_export_href, "/api/v1/insight/records/export?agency_id=" + agency +
                                           "&period=season&date=1403/07/01&metric=" + i.metric +
                                           "&format=xlsx");
    }
    if (i.item.formula == "photo_share") {
      EXPECT_EQ(i.metric, "releases_with_photo");
      EXPECT_DOUBLE_EQ(*i.raw, 0.5);
    }
  }
  // A year's link names the year.
  store::ScorecardPeriodRow year;
  year.kind = "year";
  year.year = 1403;
  ScorecardItem published{"news", "خبر", "published_items", "خبرها", "published_items", 1, 5, 0, 30};
  EXPECT_EQ(RecordsLinkOf(published, year, 7).href,
            "/api/v1/insight/records?agency_id=7&period=year&date=1403/01/01&metric=releases_published");
}

}  // namespace
}  // namespace pol::insight
