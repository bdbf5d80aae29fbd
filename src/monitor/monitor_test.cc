// The monitoring service on a real SQLite database: offline ingest of the news sample (dedup, search,
// mentions), press pickup of a published release, tone override fed back, alerts, scope.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/fake_env.h"
#include "jobs/queue.h"
#include "monitor/monitor.h"
#include "monitor/reuse_set.h"
#include "newsroom/releases.h"
#include "store/council_repo.h"
#include "store/release_repo.h"
#include "store/test_database.h"
#include "store/user_repo.h"

namespace pol::monitor {
namespace {

using accounts::Actor;
using accounts::Principal;

// A fetcher that must not be used (offline tests).
class NoFetcher : public Fetcher {
 public:
  std::vector<FetchResult> FetchAll(const std::vector<FetchRequest>& r) override {
    std::vector<FetchResult> out(r.size());
    for (auto& x : out) x.status = Unavailable("offline");
    return out;
  }
};

class RecordingSink : public AlertSink {
 public:
  void Deliver(const Alert& a) override { alerts.push_back(a); }
  std::vector<Alert> alerts;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class MonitorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::FreshTestDir("monitor-test");
    auto db = store::OpenTestDatabase(dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    queue_ = std::make_unique<jobs::Queue>(db_.get(), &env_);
    releases_ = std::make_unique<newsroom::ReleaseService>(db_.get(), &env_, queue_.get());
    svc_ = std::make_unique<MonitorService>(db_.get(), &env_, queue_.get(), &fetcher_, &sink_);
    ASSERT_TRUE(
        db_->Write([&](store::Conn& c) -> Status {
             POL_ASSIGN_OR_RETURN(council_,
                                  store::InsertCouncil(c, {.slug = "q", .name = "شورا", .created_at = 1}));
             POL_ASSIGN_OR_RETURN(
                 tamin_, store::InsertAgency(
                             c, {.council_id = council_, .slug = "tamin", .name = "تأمین", .created_at = 1}));
             POL_ASSIGN_OR_RETURN(
                 ict_, store::InsertAgency(
                           c, {.council_id = council_, .slug = "ict", .name = "ارتباطات", .created_at = 1}));
             POL_RETURN_IF_ERROR(AddUser(c, analyst_, "analyst", {"analyst", council_, std::nullopt}));
             POL_RETURN_IF_ERROR(AddUser(c, manager_, "manager", {"agency_pr_manager", council_, tamin_}));
             POL_RETURN_IF_ERROR(AddUser(c, ict_mgr_, "ictmgr", {"agency_pr_manager", council_, ict_}));
             return Status::Ok();
           })
            .ok());
    ASSERT_TRUE(svc_->Start().ok());
  }
  void TearDown() override {
    svc_.reset();
    releases_.reset();
    queue_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  Status AddUser(store::Conn& c, Principal& p, const std::string& name, store::RoleGrant g) {
    store::User u{
        .username = name, .name = "کاربر " + name, .password_hash = "x", .created_at = 1, .updated_at = 1};
    u.roles = {g};
    POL_ASSIGN_OR_RETURN(p.user_id, store::InsertUser(c, u));
    p.username = name;
    p.grants = {g};
    return Status::Ok();
  }
  Actor As(const Principal& p) { return Actor{&p, "127.0.0.1"}; }
  std::string SamplePath() { return std::string(POL_SHARED_DIR) + "/data/news/fars-news-sample.jsonl"; }

  FakeEnv env_;
  NoFetcher fetcher_;
  RecordingSink sink_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<jobs::Queue> queue_;
  std::unique_ptr<newsroom::ReleaseService> releases_;
  std::unique_ptr<MonitorService> svc_;
  int64_t council_ = 0, tamin_ = 0, ict_ = 0;
  Principal analyst_, manager_, ict_mgr_;
};

TEST_F(MonitorTest, IngestsTheSampleOnceSearchesAndFindsMentions) {
  ASSERT_TRUE(svc_->AddWatchTerm(As(analyst_), ict_, "name", "وزارت ارتباطات و فناوری اطلاعات").ok());
  ASSERT_TRUE(svc_->AddWatchTerm(As(analyst_), tamin_, "name", "تأمین اجتماعی").ok());
  // An agency manager may not add terms for another agency.
  EXPECT_EQ(svc_->AddWatchTerm(As(manager_), ict_, "name", "پست بانک").status().code(),
            StatusCode::kPermissionDenied);

  const std::string bytes = ReadFile(SamplePath());
  int64_t last_progress = 0;
  auto stats = svc_->IngestDocument(council_, "file://sample.jsonl", bytes, "",
                                    [&](const IngestProgress& p) { last_progress = p.done; });
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->seen, 600);
  EXPECT_EQ(stats->inserted, 600);
  EXPECT_EQ(last_progress, 600);
  EXPECT_GT(stats->mentions, 0);

  // Ingesting again stores nothing new: same canonical URLs.
  auto again = svc_->IngestDocument(council_, "file://sample.jsonl", bytes, "");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->inserted, 0);
  EXPECT_EQ(again->duplicates, 600);

  // The same article under another URL (a mirror) with re-typed letters: the outlet's fingerprint matches.
  const std::string first_line = bytes.substr(0, bytes.find('\n'));
  nlohmann::json j = nlohmann::json::parse(first_line);
  j["link"] = "https://farsnews.ir/news/8707060255?utm_source=telegram&from=mirror";
  // Another feed's copy: Persian letters where the first had Arabic ones.
  auto swap = [](std::string t) {
    for (auto [from, to] : {std::pair<std::string, std::string>{"ي", "ی"}, {"ك", "ک"}}) {
      for (size_t at = t.find(from); at != std::string::npos; at = t.find(from, at + to.size()))
        t.replace(at, from.size(), to);
    }
    return t;
  };
  auto mirror = svc_->IngestDocument(council_, "file://m.jsonl", swap(j.dump()), "");
  ASSERT_TRUE(mirror.ok());
  EXPECT_EQ(mirror->inserted, 0);
  EXPECT_EQ(mirror->duplicates, 1);

  // Boolean search over the Persian text core, with snippets.
  auto hits = svc_->Search(As(analyst_), {.q = "دفاتر ICT روستایی"});
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  EXPECT_GT(hits->total, 0);
  EXPECT_NE(hits->items[0].snippet.find('\x01'), std::string::npos);
  auto narrower = svc_->Search(As(analyst_), {.q = "دفاتر ICT روستایی -اصفهان"});
  ASSERT_TRUE(narrower.ok());
  EXPECT_LT(narrower->total, hits->total);
  auto either = svc_->Search(As(analyst_), {.q = "قزوین یا اصفهان"});
  auto qazvin = svc_->Search(As(analyst_), {.q = "قزوین"});
  ASSERT_TRUE(either.ok() && qazvin.ok());
  EXPECT_GT(either->total, qazvin->total);
  EXPECT_EQ(svc_->Search(As(analyst_), {.q = "(بیمه"}).status().api_code(), "invalid_query");

  // Mentions: the ICT ministry's manager sees the items naming it and nothing else.
  auto ict_items = svc_->Search(As(ict_mgr_), {});
  ASSERT_TRUE(ict_items.ok());
  EXPECT_GT(ict_items->total, 0);
  EXPECT_LT(ict_items->total, 600);
  auto ict_filtered = svc_->Search(As(analyst_), {.agency_id = ict_});
  EXPECT_EQ(ict_filtered->total, ict_items->total);
  auto view = svc_->GetItem(As(ict_mgr_), ict_items->items[0].id);
  ASSERT_TRUE(view.ok());
  ASSERT_FALSE(view->mentions.empty());
  for (const auto& m : view->mentions) EXPECT_EQ(m.agency_id, ict_);
  // An item without the agency's name is invisible to it (404).
  auto all = svc_->Search(As(analyst_), {.limit = 200});
  int64_t unrelated = 0;
  for (const auto& it : all->items) {
    auto v = svc_->GetItem(As(analyst_), it.id);
    if (v.ok() && v->mentions.empty()) unrelated = it.id;
  }
  ASSERT_NE(unrelated, 0);
  EXPECT_EQ(svc_->GetItem(As(ict_mgr_), unrelated).status().code(), StatusCode::kNotFound);
}

TEST_F(MonitorTest, ReleasePublishedLaterLooksBackAtOlderItems) {
  // The outlet prints the story first (from the agency's briefing); the release is published an hour later.
  nlohmann::json early{
      {"title", "آغاز ثبت‌نام بیمهٔ روستاییان و عشایر در قزوین"},
      {"abstract",
       "مدیرکل تأمین اجتماعی استان قزوین از آغاز ثبت‌نام بیمهٔ روستاییان و عشایر در همهٔ "
       "دفاتر پیشخوان استان از ابتدای هفتهٔ آینده خبر داد."},
      {"paragraphs",
       {"به گفتهٔ وی، متقاضیان می‌توانند با در دست داشتن کارت ملی به نزدیک‌ترین دفتر "
        "پیشخوان مراجعه کنند و حق بیمهٔ خود را به صورت ماهانه بپردازند.",
        "انتهای پیام"}},
      {"link", "https://early.example/news/9"}};
  // Other stories of the same days, which the look-back must not check one by one (issue 16 §2).
  std::string others;
  const char* cities[] = {"تبریز", "شیراز", "اصفهان", "مشهد",  "رشت",
                          "کرمان", "یزد",   "اهواز",  "سمنان", "زنجان"};
  const char* topics[] = {"نمایشگاه کتاب کودک", "مسابقات کشتی آزاد نوجوانان", "جشنوارهٔ فیلم کوتاه دانشجویی",
                          "بازگشایی پل تاریخی", "کاشت نهال در بوستان‌های شهری"};
  for (int k = 0; k < 20; ++k) {
    const std::string city = cities[k % 10], topic = topics[k % 5];
    nlohmann::json other{
        {"title", topic + " در " + city + " برگزار شد (" + std::to_string(k + 1) + ")"},
        {"abstract", "به گزارش خبرنگار ما، " + topic + " با حضور مسئولان استانی و شهروندان " + city +
                         " در روز " + std::to_string(k + 1) + " هفته برگزار شد."},
        {"paragraphs",
         {"برگزارکنندگان گفتند " + topic +
              " امسال با استقبال بیشتری روبه‌رو شد و برنامه‌های آن تا پایان "
              "هفته در " +
              city + " ادامه دارد و " + std::to_string(k + 3) +
              " گروه در آن شرکت کرده‌اند.",
          "انتهای پیام"}},
        {"link", "https://other.example/news/" + std::to_string(k)}};
    others += other.dump() + "\n";
  }
  auto stats = svc_->IngestDocument(council_, "file://early.jsonl", early.dump() + "\n" + others, "");
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  ASSERT_EQ(stats->inserted, 21);
  EXPECT_EQ(stats->pickups, 0);
  env_.Advance(3600000);

  newsroom::ReleaseInput in;
  in.title = "ثبت‌نام بیمهٔ روستاییان و عشایر آغاز می‌شود";
  in.lead =
      "مدیرکل تأمین اجتماعی استان قزوین از آغاز ثبت‌نام بیمهٔ روستاییان و عشایر در همهٔ دفاتر پیشخوان استان از "
      "ابتدای هفتهٔ آینده خبر داد.";
  in.body_html =
      "<p>به گفتهٔ وی، متقاضیان می‌توانند با در دست داشتن کارت ملی به نزدیک‌ترین دفتر پیشخوان مراجعه کنند "
      "و حق بیمهٔ خود را به صورت ماهانه بپردازند.</p>";
  auto release = releases_->CreatePublished(tamin_, in);
  ASSERT_TRUE(release.ok()) << release.status().ToString();

  // The next sync (ScheduleDue's tick in `pol serve`) indexes it and enqueues its look-back job.
  ASSERT_TRUE(svc_->SyncReleases().ok());
  EXPECT_TRUE(svc_->pickups().Contains(release->id));
  auto jobs = queue_->List({.kind = std::string(kLookBackJob)});
  ASSERT_TRUE(jobs.ok());
  ASSERT_EQ(jobs->size(), 1u);
  EXPECT_NE((*jobs)[0].payload_json.find(std::to_string(release->id)), std::string::npos);
  ASSERT_TRUE(svc_->SyncReleases().ok());  // nothing new: no second job
  EXPECT_EQ(queue_->List({.kind = std::string(kLookBackJob)})->size(), 1u);

  // The job's work: the older item is recorded as a pickup of the release (and again is idempotent). It is
  // found by the release's probe keys among the items' stored ones: none is checked one by one, and the
  // other stories are not candidates.
  MonitorService::LookBackStats look;
  auto found = svc_->LookBack(release->id, &look);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(*found, 1);
  EXPECT_EQ(look.scanned, 0);
  EXPECT_GE(look.candidates, 1);
  EXPECT_LE(look.candidates, 3) << "the probe should not bring most of the 21 items";
  ASSERT_EQ(*svc_->LookBack(release->id), 1);
  auto cov = svc_->ReleaseCoverage(As(manager_), release->id);
  ASSERT_TRUE(cov.ok()) << cov.status().ToString();
  ASSERT_EQ(cov->outlets.size(), 1u);
  EXPECT_EQ(cov->outlets[0].pickup.outlet, "early.example");
}

TEST_F(MonitorTest, PickupCoverageToneAndAlerts) {
  ASSERT_TRUE(svc_->AddWatchTerm(As(manager_), tamin_, "name", "تأمین اجتماعی").ok());
  ASSERT_TRUE(svc_->AddAlertRule(
                      As(analyst_),
                      {.council_id = council_, .kind = "mention_burst", .threshold = 2, .window_minutes = 60})
                  .ok());
  EXPECT_EQ(
      svc_->AddAlertRule(As(manager_), {.council_id = council_, .kind = "mention_burst", .threshold = 2})
          .status()
          .code(),
      StatusCode::kPermissionDenied);
  newsroom::ReleaseInput in;
  in.title = "افتتاح مرکز جامع خدمات تأمین اجتماعی در قزوین";
  in.lead =
      "مدیرکل تأمین اجتماعی استان قزوین از افتتاح مرکز جامع خدمات بیمه‌ای در شهر قزوین خبر داد.";
  in.body_html =
      "<p>این مرکز با هدف کاهش مراجعات حضوری و تسریع در ارائه خدمات به بیمه‌شدگان و مستمری‌بگیران "
      "راه‌اندازی شده و روزانه پانصد نفر را پذیرش می‌کند.</p><p>به گفتهٔ وی، خدمات این مرکز شامل صدور "
      "دفترچهٔ درمانی، رسیدگی به سوابق بیمه‌ای و پرداخت مستمری است و همهٔ روزهای هفته باز است.</p>";
  auto release = releases_->CreatePublished(tamin_, in);
  ASSERT_TRUE(release.ok()) << release.status().ToString();
  env_.Advance(3600000);

  nlohmann::json copy{
      {"title", "مرکز جامع خدمات بیمه‌ای در قزوین گشایش یافت"},
      {"abstract",
       "به گزارش پایگاه خبری استان، مديركل تأمين اجتماعي استان قزوين از افتتاح مركز جامع "
       "خدمات بيمه اي در شهر قزوين خبر داد."},
      {"paragraphs",
       {"به گفتهٔ وی، خدمات این مرکز شامل صدور دفترچهٔ درمانی، رسیدگی به سوابق بیمه‌ای و "
        "پرداخت مستمری است و همهٔ روزهای هفته باز است.",
        "انتهای پیام"}},
      {"link", "https://outlet.example/news/1"}};
  nlohmann::json other{
      {"title", "تجمع بازنشستگان تأمین اجتماعی"},
      {"abstract", "بازنشستگان تأمین اجتماعی در اعتراض به تأخیر در پرداخت مستمری مقابل اداره کل تجمع کردند."},
      {"paragraphs", {"تأخیر در پرداخت مستمری اعتراض بازنشستگان را برانگیخت."}},
      {"link", "https://outlet.example/news/2"}};
  auto stats = svc_->IngestDocument(council_, "file://x.jsonl", copy.dump() + "\n" + other.dump() + "\n", "");
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->inserted, 2);
  EXPECT_EQ(stats->pickups, 1);

  auto cov = svc_->ReleaseCoverage(As(manager_), release->id);
  ASSERT_TRUE(cov.ok()) << cov.status().ToString();
  ASSERT_EQ(cov->outlets.size(), 1u);
  EXPECT_EQ(cov->outlets[0].pickup.outlet, "outlet.example");
  EXPECT_EQ(*cov->first_delay_ms, 3600000);
  EXPECT_EQ(cov->paragraph_uses, (std::vector<int>{0, 1, 0, 1}));  // the lead and the second body paragraph
  EXPECT_GT(cov->reach_weighted, 0.3);
  // Another agency's manager does not see this release's coverage.
  EXPECT_EQ(svc_->ReleaseCoverage(As(ict_mgr_), release->id).status().code(), StatusCode::kNotFound);

  // Tone: the protest is negative; an analyst's correction overrides and becomes a label.
  auto items = svc_->Search(As(analyst_), {.q = "تجمع بازنشستگان"});
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->total, 1);
  EXPECT_EQ(items->items[0].tone, "negative");
  auto fixed = svc_->SetTone(As(analyst_), items->items[0].id, "neutral");
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  EXPECT_EQ(*fixed->tone_override, "neutral");
  auto neutral = svc_->Search(As(analyst_), {.tone = "neutral"});
  ASSERT_TRUE(neutral.ok());
  EXPECT_TRUE(std::any_of(neutral->items.begin(), neutral->items.end(),
                          [&](const store::MediaItem& m) { return m.id == items->items[0].id; }));
  EXPECT_EQ(svc_->Search(As(analyst_), {.q = "تجمع", .tone = "negative"})->total, 0);
  EXPECT_EQ(svc_->SetTone(As(ict_mgr_), items->items[0].id, "positive").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(svc_->SetTone(As(analyst_), items->items[0].id, "angry").status().api_code(), "invalid_field");

  // The burst rule fired once: the agency's PR manager got a console notification and the hook a call.
  ASSERT_EQ(sink_.alerts.size(), 1u);
  EXPECT_EQ(sink_.alerts[0].agency_id, tamin_);
  EXPECT_EQ(sink_.alerts[0].user_ids, std::vector<int64_t>{manager_.user_id});
  auto notes = releases_->Notifications(As(manager_), true, 10, 0);
  ASSERT_TRUE(notes.ok());
  bool found = false;
  for (const auto& n : notes->first) found = found || n.kind == "monitor.alert";
  EXPECT_TRUE(found);

  auto chart = svc_->Stats(As(analyst_), council_, std::nullopt, 0, env_.NowMillis() + 1);
  ASSERT_TRUE(chart.ok());
  EXPECT_FALSE(chart->mentions.empty());
  ASSERT_FALSE(chart->pickup_rates.empty());
  EXPECT_EQ(chart->pickup_rates[0].picked_up, 1);
}

TEST_F(MonitorTest, SourcesAreValidatedAndScheduled) {
  SourceInput in;
  in.council_id = council_;
  in.name = "خبرگزاری نمونه";
  in.url = "http://127.0.0.1:9/rss";
  in.tier = "provincial";
  auto s = svc_->CreateSource(As(analyst_), in);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->healthy);
  in.url = "ftp://x";
  EXPECT_EQ(svc_->CreateSource(As(analyst_), in).status().field(), "url");
  in.url = "http://127.0.0.1:9/other";
  EXPECT_EQ(svc_->CreateSource(As(manager_), in).status().code(), StatusCode::kPermissionDenied);
  auto n = svc_->ScheduleDue();
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  ASSERT_TRUE(svc_->ScheduleDue().ok());  // deduplicated within the interval: still one job
  auto jobs = queue_->List({.kind = std::string(kFetchJob)});
  ASSERT_TRUE(jobs.ok());
  EXPECT_EQ(jobs->size(), 1u);
  // Fetching through a failing fetcher marks the source unhealthy with a Persian reason.
  ASSERT_TRUE(svc_->FetchSource(s->id).ok());
  auto after = svc_->GetSource(As(analyst_), s->id);
  EXPECT_FALSE(after->healthy);
  EXPECT_EQ(after->last_error, "offline");
  ASSERT_TRUE(svc_->SeedDemo(council_).ok());
  auto all = svc_->ListSources(As(analyst_), council_);
  EXPECT_GT(all->size(), 10u);
}

TEST_F(MonitorTest, SearchCountsUpToTheCapThenListsTheNewest) {
  const int64_t n = store::kSearchCountCap + 5;
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   for (int64_t i = 0; i < n; ++i) {
                     store::MediaItem m;
                     m.council_id = council_;
                     m.outlet = "many.example";
                     m.url = m.canonical_url = "https://many.example/" + std::to_string(i);
                     m.fingerprint = "f" + std::to_string(i);
                     m.title = i % 2 == 0 ? "یارانه نان در قزوین" : "یارانه نان در استان";
                     m.body = "متن خبر شمارهٔ " + std::to_string(i);
                     m.fetched_at = 1000 + i;
                     POL_RETURN_IF_ERROR(store::InsertMediaItem(c, m).status());
                   }
                   return Status::Ok();
                 })
                  .ok());
  // Frequent words: counted up to the cap, newest first, with snippets for the page.
  auto broad = svc_->Search(As(analyst_), {.q = "یارانه نان", .limit = 10});
  ASSERT_TRUE(broad.ok()) << broad.status().ToString();
  EXPECT_TRUE(broad->total_capped);
  EXPECT_EQ(broad->total, store::kSearchCountCap);
  ASSERT_EQ(broad->items.size(), 10u);
  for (size_t i = 1; i < broad->items.size(); ++i) EXPECT_GT(broad->items[i - 1].id, broad->items[i].id);
  EXPECT_EQ(broad->items[0].body, "");
  EXPECT_NE(broad->items[0].snippet.find('\x01'), std::string::npos);
  // Under the cap: exact count, ranked.
  auto narrow = svc_->Search(As(analyst_), {.q = "یارانه قزوین"});
  ASSERT_TRUE(narrow.ok());
  EXPECT_FALSE(narrow->total_capped);
  EXPECT_EQ(narrow->total, (n + 1) / 2);
}

}  // namespace
}  // namespace pol::monitor
