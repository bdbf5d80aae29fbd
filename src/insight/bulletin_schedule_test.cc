// The bulletin's schedule and archive: time parsing, the latest slot (daily, weekly, Tehran time), the
// day a slot's bulletin covers; on a seeded council: a schedule set by the council admin enqueues the
// job once per slot on the durable queue, the job archives the PDF and the HTML once, the archive reads
// back; who may do what; bad input writes nothing; the schedule's recipients (the council's e-mail and
// messenger channels) and the delivery hook called once per newly archived bulletin, in its transaction.
#include "insight/bulletin_schedule.h"

#include <gtest/gtest.h>

#include "accounts/test_principals.h"
#include "base/fake_env.h"
#include "report/report_test_util.h"
#include "store/bulletin_delivery_repo.h"
#include "store/distribution_repo.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"
#include "text/jalali.h"

namespace pol::insight {
namespace {

namespace tu = report::test_util;
using accounts::Principal;
using accounts::Role;
using accounts::testing::AddTestUser;
using accounts::testing::As;
using accounts::testing::CouncilGrant;

// 1403/07/01 00:00 Tehran, a Sunday (یکشنبه, Iranian weekday 1).
constexpr int64_t kMehr1 = 1726950600LL * 1000;
constexpr int64_t kDay = 86400000, kHour = 3600000, kMinute = 60000;

TEST(BulletinScheduleTest, TimeOfDay) {
  EXPECT_EQ(*ParseTimeOfDay("08:30"), 510);
  EXPECT_EQ(*ParseTimeOfDay("0:05"), 5);
  EXPECT_EQ(*ParseTimeOfDay("23:59"), 1439);
  for (const char* bad : {"24:00", "8", "08:3", "08:60", "ab:cd", ":30", "123:00", ""})
    EXPECT_EQ(ParseTimeOfDay(bad).status().api_code(), "invalid_time") << bad;
}

TEST(BulletinScheduleTest, LatestSlotInTehranTime) {
  store::BulletinScheduleRow daily{.period = "day", .minute_of_day = 8 * 60};
  EXPECT_EQ(text::IranianWeekdayFromDays(text::DaysFromJalali({1403, 7, 1})), 1);
  // Before 08:00 the slot is yesterday's; from 08:00 on, today's.
  EXPECT_EQ(LatestBulletinSlot(daily, kMehr1 + 7 * kHour), kMehr1 - kDay + 8 * kHour);
  EXPECT_EQ(LatestBulletinSlot(daily, kMehr1 + 8 * kHour), kMehr1 + 8 * kHour);
  // Weekly on Tuesday (سه‌شنبه, 3) at 18:30: from Sunday the last one is five days back.
  store::BulletinScheduleRow weekly{.period = "week", .minute_of_day = 18 * 60 + 30, .weekday = 3};
  EXPECT_EQ(LatestBulletinSlot(weekly, kMehr1 + 12 * kHour), kMehr1 - 5 * kDay + 18 * kHour + 30 * kMinute);
  EXPECT_EQ(LatestBulletinSlot(weekly, kMehr1 + 2 * kDay + 19 * kHour),
            kMehr1 + 2 * kDay + 18 * kHour + 30 * kMinute);
  // The period a slot covers: the day before, the week before.
  EXPECT_EQ(BulletinDayForSlot("day", kMehr1 + 8 * kHour), "1403/06/31");
  EXPECT_EQ(BulletinDayForSlot("week", kMehr1 + 8 * kHour), "1403/06/25");
}

class BulletinSchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::OpenTestDatabase(store::FreshTestDir("bulletin-schedule"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(t_, store::InsertTestCouncilWithAgencies(c));
                     POL_RETURN_IF_ERROR(
                         AddTestUser(c, admin_, "admin", CouncilGrant(Role::kCouncilAdmin, t_.council)));
                     return AddTestUser(c, analyst_, "analyst", CouncilGrant(Role::kAnalyst, t_.council));
                   })
                    .ok());
    env_.Set(kMehr1 + 7 * kHour);
    insight_ = std::make_unique<InsightService>(db_.get(), &env_);
    bulletins_ = std::make_unique<BulletinService>(insight_.get(), db_.get(), &env_, tu::FontDir());
    queue_ = std::make_unique<jobs::Queue>(db_.get(), &env_);
    scheduler_ = std::make_unique<BulletinScheduler>(db_.get(), &env_, queue_.get(), bulletins_.get());
  }
  int64_t QueryInt(const std::string& sql) {
    auto r = db_->ReadValue([&](store::Conn& c) { return c.QueryOne(sql); });
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r->Int(0) : -1;
  }
  std::vector<std::string> Payloads() {
    auto rows = db_->ReadValue([&](store::Conn& c) {
      return c.Query("SELECT payload FROM jobs WHERE kind = 'insight.bulletin' ORDER BY id");
    });
    std::vector<std::string> out;
    if (rows.ok())
      for (const auto& r : *rows) out.push_back(r.Text(0));
    return out;
  }

  FakeEnv env_;
  std::unique_ptr<store::Database> db_;
  store::TestCouncil t_;
  Principal admin_, analyst_;
  std::unique_ptr<InsightService> insight_;
  std::unique_ptr<BulletinService> bulletins_;
  std::unique_ptr<jobs::Queue> queue_;
  std::unique_ptr<BulletinScheduler> scheduler_;
};

TEST_F(BulletinSchedulerTest, EachSlotOnceThenArchivedOnce) {
  auto set =
      scheduler_->SetSchedule(As(admin_), {.council_id = t_.council, .period = "day", .time = "08:00"});
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'insight.bulletin.schedule'"), 1);
  // Yesterday's slot has passed before the schedule existed: nothing is sent for it.
  EXPECT_EQ(*scheduler_->Tick(), 0);
  env_.Advance(kHour + kMinute);  // 08:01
  EXPECT_EQ(*scheduler_->Tick(), 1);
  EXPECT_EQ(*scheduler_->Tick(), 0);
  const std::vector<std::string> payloads = Payloads();
  ASSERT_EQ(payloads.size(), 1u);
  ASSERT_TRUE(scheduler_->RunJob(payloads[0]).ok());
  ASSERT_TRUE(scheduler_->RunJob(payloads[0]).ok());  // at-least-once delivery: archived once
  auto list = scheduler_->Archive(As(analyst_), t_.council);
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->size(), 1u);
  const store::BulletinArchiveRow& b = (*list)[0];
  EXPECT_EQ(b.period, "day");
  EXPECT_EQ(b.first_day, "1403/06/31");  // the day before the slot
  EXPECT_EQ(b.source, "schedule");
  EXPECT_GT(b.pdf_bytes, 1000);
  auto pdf = scheduler_->ArchivedBulletin(As(analyst_), b.id, "pdf");
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf->bytes.substr(0, 5), "%PDF-");
  EXPECT_EQ(pdf->content_type, "application/pdf");
  auto html = scheduler_->ArchivedBulletin(As(analyst_), b.id, "html");
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->bytes.find("dir=\"rtl\""), std::string::npos);
  EXPECT_TRUE(html->file_name.ends_with(".html")) << html->file_name;
  EXPECT_EQ(scheduler_->ArchivedBulletin(As(analyst_), b.id, "xlsx").status().api_code(), "invalid_format");
  // The next day at 08:00 is the next slot.
  env_.Advance(kDay);
  EXPECT_EQ(*scheduler_->Tick(), 1);
}

TEST_F(BulletinSchedulerTest, RunNowAndPermissions) {
  EXPECT_EQ(scheduler_->RunNow(As(analyst_), t_.council, "week").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(
      scheduler_->SetSchedule(As(analyst_), {.council_id = t_.council, .period = "day", .time = "08:00"})
          .status()
          .code(),
      StatusCode::kPermissionDenied);
  EXPECT_TRUE(Payloads().empty());
  auto job = scheduler_->RunNow(As(admin_), t_.council, "week");
  ASSERT_TRUE(job.ok()) << job.status().message();
  ASSERT_EQ(Payloads().size(), 1u);
  ASSERT_TRUE(scheduler_->RunJob(Payloads()[0]).ok());
  auto list = scheduler_->Archive(As(admin_), t_.council);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].source, "manual");
  EXPECT_EQ((*list)[0].period, "week");
  // Another council's staff see nothing.
  Principal stranger;
  stranger.user_id = 99;
  stranger.grants = {CouncilGrant(Role::kAnalyst, t_.council + 1)};
  EXPECT_EQ(scheduler_->Archive(As(stranger), t_.council).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(scheduler_->ArchivedBulletin(As(stranger), (*list)[0].id, "pdf").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'insight.bulletin.make_now'"), 1);
}

TEST_F(BulletinSchedulerTest, BadInputWritesNothing) {
  const auto code = [&](BulletinScheduleInput in) {
    in.council_id = t_.council;
    return scheduler_->SetSchedule(As(admin_), in).status().api_code();
  };
  EXPECT_EQ(code({.period = "month", .time = "08:00"}), "invalid_period");
  EXPECT_EQ(code({.period = "day", .time = "8 صبح"}), "invalid_time");
  EXPECT_EQ(code({.period = "week", .time = "08:00", .weekday = 7}), "invalid_weekday");
  EXPECT_EQ(scheduler_->RunNow(As(admin_), t_.council, "year").status().api_code(), "invalid_period");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bulletin_schedules"), 0);
  EXPECT_TRUE(Payloads().empty());
  EXPECT_FALSE(scheduler_->RunJob("not json").ok());
}

TEST_F(BulletinSchedulerTest, RecipientsAndTheDeliveryHookOncePerBulletin) {
  auto channel = [&](const std::string& kind) {
    return *db_->WriteValue([&](store::Conn& c) {
      return store::InsertChannel(c, {.council_id = t_.council,
                                      .kind = kind,
                                      .name = "کانال " + kind,
                                      .created_at = env_.NowMillis(),
                                      .updated_at = env_.NowMillis()});
    });
  };
  const int64_t mail = channel("email"), bale = channel("bale"), hook = channel("webhook");
  BulletinScheduleInput in{.council_id = t_.council, .period = "day", .time = "08:00"};
  in.channel_ids = std::vector<int64_t>{mail, hook};
  EXPECT_EQ(scheduler_->SetSchedule(As(admin_), in).status().api_code(), "invalid_channel") << "no webhooks";
  in.channel_ids = std::vector<int64_t>{mail, 987654};
  EXPECT_EQ(scheduler_->SetSchedule(As(admin_), in).status().api_code(), "invalid_channel");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bulletin_recipients"), 0) << "nothing written";
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bulletin_schedules"), 0);
  in.channel_ids = std::vector<int64_t>{bale, mail};
  auto set = scheduler_->SetSchedule(As(admin_), in);
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->channel_ids, (std::vector<int64_t>{mail, bale}));
  auto listed = scheduler_->Schedules(As(analyst_), t_.council);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].channel_ids, (std::vector<int64_t>{mail, bale}));
  // Changing the time alone keeps the recipients.
  ASSERT_TRUE(
      scheduler_->SetSchedule(As(admin_), {.council_id = t_.council, .period = "day", .time = "09:00"}).ok());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bulletin_recipients"), 2);

  std::vector<int64_t> calls;
  scheduler_->SetDeliveryHook([&](store::Conn& c, int64_t archive_id, int64_t council_id,
                                  const std::string& period, int64_t now) -> Status {
    EXPECT_EQ(council_id, t_.council);
    EXPECT_EQ(period, "day");
    calls.push_back(archive_id);
    // What distribution would write: a sent and a failed delivery.
    auto sent = store::InsertBulletinDelivery(
        c, {.archive_id = archive_id, .channel_id = bale, .state = "sent", .created_at = now});
    POL_RETURN_IF_ERROR(sent.status());
    POL_ASSIGN_OR_RETURN(auto failed, store::InsertBulletinDelivery(c, {.archive_id = archive_id,
                                                                        .channel_id = mail,
                                                                        .recipient = "a@news.example.ir",
                                                                        .created_at = now}));
    POL_ASSIGN_OR_RETURN(auto row, store::GetBulletinDelivery(c, *failed));
    row->state = "failed";
    row->error_fa = "سرور رایانامه نشانی را نپذیرفت.";
    POL_RETURN_IF_ERROR(store::SaveBulletinDelivery(c, *row));
    return Status::Ok();
  });
  ASSERT_TRUE(scheduler_->RunNow(As(admin_), t_.council, "day").ok());
  ASSERT_EQ(Payloads().size(), 1u);
  ASSERT_TRUE(scheduler_->RunJob(Payloads()[0]).ok());
  ASSERT_TRUE(scheduler_->RunJob(Payloads()[0]).ok());  // again: archived and delivered once
  auto list = scheduler_->Archive(As(analyst_), t_.council);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(calls, std::vector<int64_t>{(*list)[0].id});
  const auto& ds = (*list)[0].deliveries;
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_EQ(ds[0].channel_id, mail);
  EXPECT_EQ(ds[0].state, "failed");
  EXPECT_EQ(ds[0].error_fa, "سرور رایانامه نشانی را نپذیرفت.");
  EXPECT_EQ(ds[1].channel_id, bale);
  EXPECT_EQ(ds[1].state, "sent");
  EXPECT_EQ(ds[1].count, 1);
  EXPECT_EQ(ds[1].channel_kind, "bale");
}

}  // namespace
}  // namespace pol::insight
