// The delivery state machine (delivery.cc) with a fake channel adapter: success, the attempt budget and
// giving up, retry_after honoured (and the channel paused for the rest of the run), permanent errors,
// withdrawal and disabled channels cancelling queued sends, interrupted sends, a stopping worker; the list
// of failed deliveries the distribution screen shows.
#include <gtest/gtest.h>

#include <deque>
#include <filesystem>
#include <memory>

#include "base/fake_env.h"
#include "distribution/distributor.h"
#include "jobs/queue.h"
#include "newsroom/releases.h"
#include "store/council_repo.h"
#include "store/release_repo.h"
#include "store/test_database.h"
#include "store/user_repo.h"
#include "text/number_words.h"

namespace pol::distribution {
namespace {

using accounts::Actor;

// What the fake channel answers, in order (then OK), and what it was asked.
struct Script {
  std::deque<SendResult> answers;
  std::vector<OutMessage> sent;
};

class FakeAdapter : public ChannelAdapter {
 public:
  explicit FakeAdapter(Script* script) : script_(script) {}
  SendResult Send(const OutMessage& m) override {
    script_->sent.push_back(m);
    if (script_->answers.empty())
      return SendResult::Ok("m" + std::to_string(m.delivery_id), "https://t.me/x/1");
    SendResult r = script_->answers.front();
    script_->answers.pop_front();
    return r;
  }

 private:
  Script* script_;
};

// A fake clock whose "random" bytes are all 0xFF: full-jitter backoff then always waits its ceiling
// (2 s, 4 s, … with the default policy), so a retry's time is always past the claim's 1 s grace and the
// tests do not depend on the draw (with real randomness the first retry lands within the grace half
// the time, and a run "before the retry" may rightly take the row).
class CeilingJitterEnv final : public Env {
 public:
  int64_t NowMillis() override { return clock_.NowMillis(); }
  int64_t MonotonicNanos() override { return clock_.MonotonicNanos(); }
  std::string RandomBytes(size_t n) override { return std::string(n, '\xFF'); }
  void Set(int64_t ms) { clock_.Set(ms); }

 private:
  FakeEnv clock_;
};

SendResult Temporary(int64_t retry_after_ms = 0) {
  SendResult r = SendResult::Fail(true, "channel_error", "خطای موقت", "HTTP 502");
  r.retry_after_ms = retry_after_ms;
  return r;
}

class DeliveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::FreshTestDir("delivery-test");
    auto db = store::OpenTestDatabase(dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    queue_ = std::make_unique<jobs::Queue>(db_.get(), &env_);
    releases_ = std::make_unique<newsroom::ReleaseService>(db_.get(), &env_, queue_.get());
    DistributorOptions options{.public_url = "https://news.example.ir", .max_attempts = 3};
    options.make_adapter = [this](const ChannelConfig&, const std::string& secret) {
      EXPECT_EQ(secret, kToken) << "the adapter gets the opened secret";
      return std::make_unique<FakeAdapter>(&script_);
    };
    dist_ = std::make_unique<Distributor>(db_.get(), &env_, queue_.get(), releases_.get(),
                                          SecretBox::FromKey(std::string(32, 'k')), options);
    ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(
                         council_, store::InsertCouncil(c, {.slug = "q", .name = "شورا", .created_at = 1}));
                     POL_ASSIGN_OR_RETURN(
                         agency_,
                         store::InsertAgency(
                             c, {.council_id = council_, .slug = "tamin", .name = "تأمین", .created_at = 1}));
                     return Status::Ok();
                   })
                    .ok());
    ChannelInput in;
    in.agency_id = agency_;
    in.kind = "telegram";
    in.name = "کانال تلگرام";
    in.config = nlohmann::json{{"chat_id", "@qazvin_news"}};
    in.secret = kToken;
    auto ch = dist_->CreateChannel(system_, in);
    ASSERT_TRUE(ch.ok()) << ch.status().ToString();
    channel_ = ch->channel;
  }
  void TearDown() override {
    dist_.reset();
    releases_.reset();
    queue_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Publishes a release the way the publish hook does; returns its delivery id.
  int64_t Publish(const std::string& title = "افزایش مستمری بازنشستگان", int64_t agency = 0) {
    newsroom::ReleaseInput in;
    in.title = title;
    in.lead = "لید خبر";
    in.body_html = "<p>متن خبر</p>";
    auto r = releases_->CreatePublished(agency ? agency : agency_, in);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    release_ = *r;
    EXPECT_TRUE(db_->Write([&](store::Conn& c) { return dist_->OnPublished(c, *r, env_.NowMillis()); }).ok());
    auto view = dist_->ForRelease(system_, r->id);
    EXPECT_TRUE(view.ok());
    EXPECT_EQ(view->deliveries.size(), 1u);
    return view->deliveries.empty() ? 0 : view->deliveries[0].delivery.id;
  }

  store::Delivery Get(int64_t id) {
    store::Delivery d;
    EXPECT_TRUE(db_->Read([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(d, store::GetDelivery(c, id));
                     return Status::Ok();
                   })
                    .ok());
    return d;
  }

  Status Deliver(std::vector<int64_t> ids, bool stopping = false) {
    return dist_->Deliver(ids, [stopping] { return stopping; });
  }

  // Deliver jobs due at `run_at` for this delivery (the retries the state machine scheduled).
  size_t RetryJobsAt(int64_t run_at) {
    auto jobs = queue_->List({.kind = std::string(kDeliverJob)});
    EXPECT_TRUE(jobs.ok());
    size_t n = 0;
    for (const auto& j : *jobs) n += j.run_at == run_at;
    return n;
  }

  static constexpr char kToken[] = "123456:ABCdefGHIjklMNOpqrSTUvwx";
  CeilingJitterEnv env_;
  Script script_;
  Actor system_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<jobs::Queue> queue_;
  std::unique_ptr<newsroom::ReleaseService> releases_;
  std::unique_ptr<Distributor> dist_;
  int64_t council_ = 0, agency_ = 0;
  store::Channel channel_;
  store::Release release_;
};

TEST_F(DeliveryTest, SuccessRecordsTheMessage) {
  const int64_t id = Publish();
  ASSERT_TRUE(Deliver({id}).ok());
  store::Delivery d = Get(id);
  EXPECT_EQ(d.state, "sent");
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.message_id, "m" + std::to_string(id));
  EXPECT_EQ(d.url, "https://t.me/x/1");
  EXPECT_EQ(d.sent_at, env_.NowMillis());
  ASSERT_EQ(script_.sent.size(), 1u);
  EXPECT_EQ(script_.sent[0].delivery_id, id);
  EXPECT_EQ(script_.sent[0].content.title, "افزایش مستمری بازنشستگان");
  EXPECT_EQ(script_.sent[0].content.agency_name, "تأمین");
  EXPECT_EQ(script_.sent[0].content.article_url,
            "https://news.example.ir/news/" + std::to_string(release_.id));
  // A second run finds nothing to do: sent is final.
  ASSERT_TRUE(Deliver({id}).ok());
  EXPECT_EQ(script_.sent.size(), 1u);
}

TEST_F(DeliveryTest, AttemptBudgetThenGiveUp) {
  // The agency's PR manager hears of the failure; an editor of the agency does not.
  int64_t manager = 0, editor = 0;
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(
                       manager, store::InsertUser(c, {.username = "m",
                                                      .name = "مدیر",
                                                      .roles = {{"agency_pr_manager", council_, agency_}}}));
                   POL_ASSIGN_OR_RETURN(
                       editor, store::InsertUser(c, {.username = "e",
                                                     .name = "دبیر",
                                                     .roles = {{"agency_editor", council_, agency_}}}));
                   return Status::Ok();
                 })
                  .ok());
  auto notifications = [&](int64_t user) {
    std::vector<store::Notification> out;
    EXPECT_TRUE(db_->Read([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(auto page, store::ListNotifications(c, user, false, 10, 0));
                     out = page.first;
                     return Status::Ok();
                   })
                    .ok());
    return out;
  };
  const int64_t id = Publish();
  script_.answers = {Temporary(), Temporary(), Temporary()};
  for (int attempt = 1; attempt <= 3; ++attempt) {
    ASSERT_TRUE(Deliver({id}).ok());
    store::Delivery d = Get(id);
    EXPECT_EQ(d.attempts, attempt);
    EXPECT_EQ(d.error_code, "channel_error");
    if (attempt < 3) {
      EXPECT_EQ(d.state, "queued");
      EXPECT_TRUE(notifications(manager).empty()) << "no notification while it will be retried";
      EXPECT_EQ(d.error_fa, "خطای موقت دوباره تلاش می‌شود (تلاش " +
                                text::PersianNumber(attempt + 1) + " از ۳).")
          << "the cause, then what happens next, in Persian digits";
      EXPECT_GT(d.next_at, env_.NowMillis());
      EXPECT_EQ(RetryJobsAt(d.next_at), 1u) << "a retry job at the next attempt's time";
      // Before that time the row belongs to the retry: a run now leaves it alone.
      ASSERT_TRUE(Deliver({id}).ok());
      EXPECT_EQ(script_.sent.size(), static_cast<size_t>(attempt));
      env_.Set(d.next_at);
    } else {
      EXPECT_EQ(d.state, "failed") << "attempts used up: give up";
      EXPECT_EQ(d.error_fa, "خطای موقت پس از ۳ تلاش، ارسال متوقف شد.");
      const auto told = notifications(manager);
      ASSERT_EQ(told.size(), 1u) << "the PR manager is told once, when the delivery stops";
      EXPECT_EQ(told[0].kind, "distribution.failed");
      EXPECT_EQ(told[0].title, "ارسال «افزایش مستمری بازنشستگان» به «کانال تلگرام» ناموفق ماند");
      EXPECT_EQ(told[0].body, d.error_fa);
      EXPECT_EQ(told[0].link, "/console/releases/" + std::to_string(release_.id));
      EXPECT_TRUE(notifications(editor).empty());
    }
  }
  EXPECT_EQ(script_.sent.size(), 3u);
  ASSERT_TRUE(Deliver({id}).ok());
  EXPECT_EQ(script_.sent.size(), 3u) << "failed is final until a person retries";
}

TEST_F(DeliveryTest, RetryAfterIsHonouredAndPausesTheChannel) {
  const int64_t first = Publish("خبر یکم");
  const int64_t second = Publish("خبر دوم");
  script_.answers = {Temporary(/*retry_after_ms=*/60000)};
  const int64_t now = env_.NowMillis();
  ASSERT_TRUE(Deliver({first, second}).ok());
  ASSERT_EQ(script_.sent.size(), 1u) << "the channel asked to wait: the second is not sent in this run";
  store::Delivery a = Get(first), b = Get(second);
  EXPECT_EQ(a.state, "queued");
  EXPECT_EQ(a.attempts, 1);
  EXPECT_EQ(a.next_at, now + 60000) << "retry_after (60 s) is longer than the first backoff (≤ 2 s)";
  EXPECT_EQ(b.state, "queued");
  EXPECT_EQ(b.attempts, 0) << "not attempted: the attempt is given back";
  EXPECT_EQ(b.next_at, now + 60000);
  EXPECT_EQ(RetryJobsAt(now + 60000), 2u);
  env_.Set(now + 60000);
  ASSERT_TRUE(Deliver({first, second}).ok());
  EXPECT_EQ(Get(first).state, "sent");
  EXPECT_EQ(Get(second).state, "sent");
}

TEST_F(DeliveryTest, PermanentErrorFailsAtOnce) {
  const int64_t id = Publish();
  script_.answers = {
      SendResult::Fail(false, "chat_not_found", "کانال پیدا نشد.", "HTTP 400: chat not found")};
  ASSERT_TRUE(Deliver({id}).ok());
  store::Delivery d = Get(id);
  EXPECT_EQ(d.state, "failed");
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.error_code, "chat_not_found");
  EXPECT_EQ(d.error_fa, "کانال پیدا نشد.");
  EXPECT_EQ(d.error_detail, "HTTP 400: chat not found");
}

TEST_F(DeliveryTest, WithdrawalCancelsQueuedSends) {
  const int64_t id = Publish();
  auto current = releases_->Get(system_, release_.id);
  ASSERT_TRUE(current.ok());
  auto w = releases_->Withdraw(system_, release_.id, {.version = current->version, .reason = "خطا در متن"});
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  ASSERT_TRUE(Deliver({id}).ok());
  store::Delivery d = Get(id);
  EXPECT_EQ(d.state, "cancelled");
  EXPECT_EQ(d.error_code, "release_withdrawn");
  EXPECT_EQ(d.attempts, 0);
  EXPECT_TRUE(script_.sent.empty()) << "nothing goes out for a withdrawn release";
}

TEST_F(DeliveryTest, DisabledChannelCancelsQueuedSends) {
  const int64_t id = Publish();
  ChannelInput off;
  off.version = channel_.version;
  off.enabled = false;
  ASSERT_TRUE(dist_->UpdateChannel(system_, channel_.id, off).ok());
  ASSERT_TRUE(Deliver({id}).ok());
  EXPECT_EQ(Get(id).state, "cancelled");
  EXPECT_EQ(Get(id).error_code, "channel_disabled");
  EXPECT_TRUE(script_.sent.empty());
}

TEST_F(DeliveryTest, InterruptedSendIsResentThenGivenUp) {
  const int64_t id = Publish();
  // A crash after the claim: the row stays in `sending`. The next run sends it again (same delivery id).
  store::Delivery d = Get(id);
  d.state = "sending";
  d.attempts = 1;
  ASSERT_TRUE(db_->Write([&](store::Conn& c) { return store::SaveDelivery(c, d); }).ok());
  ASSERT_TRUE(Deliver({id}).ok());
  EXPECT_EQ(Get(id).state, "sent");
  EXPECT_EQ(Get(id).attempts, 2);
  // Out of attempts while interrupted: failed, state unknown, not sent again.
  const int64_t other = Publish("خبر دیگر");
  d = Get(other);
  d.state = "sending";
  d.attempts = 3;
  ASSERT_TRUE(db_->Write([&](store::Conn& c) { return store::SaveDelivery(c, d); }).ok());
  const size_t before = script_.sent.size();
  ASSERT_TRUE(Deliver({other}).ok());
  EXPECT_EQ(Get(other).state, "failed");
  EXPECT_EQ(Get(other).error_code, "interrupted");
  EXPECT_EQ(script_.sent.size(), before);
}

TEST_F(DeliveryTest, StoppingWorkerGivesTheRowsBack) {
  const int64_t id = Publish();
  ASSERT_TRUE(Deliver({id}, /*stopping=*/true).ok());
  store::Delivery d = Get(id);
  EXPECT_EQ(d.state, "queued");
  EXPECT_EQ(d.attempts, 0);
  EXPECT_EQ(d.next_at, env_.NowMillis());
  EXPECT_TRUE(script_.sent.empty());
  EXPECT_GE(RetryJobsAt(env_.NowMillis()), 1u);
  ASSERT_TRUE(Deliver({id}).ok());
  EXPECT_EQ(Get(id).state, "sent");
}

TEST_F(DeliveryTest, FailedListIsScopedNewestFirstAndSaysWhetherARetryIsPossible) {
  int64_t other = 0;
  ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                   POL_ASSIGN_OR_RETURN(other, store::InsertAgency(c, {.council_id = council_,
                                                                       .slug = "behzisti",
                                                                       .name = "بهزیستی",
                                                                       .created_at = 1}));
                   return Status::Ok();
                 })
                  .ok());
  ChannelInput in;
  in.agency_id = other;
  in.kind = "telegram";
  in.name = "کانال بهزیستی";
  in.config = nlohmann::json{{"chat_id", "@behzisti"}};
  in.secret = kToken;
  ASSERT_TRUE(dist_->CreateChannel(system_, in).ok());
  const SendResult not_found =
      SendResult::Fail(false, "chat_not_found", "کانال پیدا نشد.", "HTTP 400: chat not found");
  const int64_t sent = Publish("خبر رسیده");
  ASSERT_TRUE(Deliver({sent}).ok());
  const int64_t mine = Publish("خبر ناموفق");
  const int64_t mine_release = release_.id;
  script_.answers = {not_found};
  ASSERT_TRUE(Deliver({mine}).ok());
  env_.Set(env_.NowMillis() + 1000);
  const int64_t theirs = Publish("خبر بهزیستی", other);
  script_.answers = {not_found};
  ASSERT_TRUE(Deliver({theirs}).ok());

  auto ids = [](const std::pair<std::vector<FailedDeliveryView>, int64_t>& page) {
    std::vector<int64_t> out;
    for (const auto& f : page.first) out.push_back(f.view.delivery.id);
    return out;
  };
  auto with = [&](const char* role, int64_t agency) {
    accounts::Principal p;
    p.user_id = 9;
    p.name = role;
    p.grants = {{role, council_, agency}};
    return p;
  };
  // The agency's PR manager: only the agency's failure, with its release, channel and cause.
  const accounts::Principal manager = with("agency_pr_manager", agency_);
  auto page = dist_->ListFailed(Actor{&manager, ""}, std::nullopt, 50, 0);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->second, 1);
  ASSERT_EQ(ids(*page), std::vector<int64_t>{mine});
  const FailedDeliveryView& f = page->first[0];
  EXPECT_EQ(f.release_title, "خبر ناموفق");
  EXPECT_EQ(f.view.channel_name, "کانال تلگرام");
  EXPECT_EQ(f.view.delivery.error_fa, "کانال پیدا نشد.");
  EXPECT_EQ(f.agency_id, agency_);
  EXPECT_TRUE(f.retryable);
  // The system sees both, newest failure first; an agency filter narrows; paging counts the total.
  page = dist_->ListFailed(system_, std::nullopt, 50, 0);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(ids(*page), (std::vector<int64_t>{theirs, mine}));
  page = dist_->ListFailed(system_, other, 50, 0);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(ids(*page), std::vector<int64_t>{theirs});
  page = dist_->ListFailed(system_, std::nullopt, 1, 1);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->second, 2);
  EXPECT_EQ(ids(*page), std::vector<int64_t>{mine});
  // An editor manages no channel: nothing.
  const accounts::Principal editor = with("agency_editor", agency_);
  page = dist_->ListFailed(Actor{&editor, ""}, std::nullopt, 50, 0);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->first.empty());
  EXPECT_EQ(page->second, 0);
  // A withdrawn release's failure stays listed, but cannot be retried (the API would refuse it).
  auto current = releases_->Get(system_, mine_release);
  ASSERT_TRUE(current.ok());
  ASSERT_TRUE(
      releases_->Withdraw(system_, mine_release, {.version = current->version, .reason = "خطا"}).ok());
  page = dist_->ListFailed(Actor{&manager, ""}, std::nullopt, 50, 0);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(ids(*page), std::vector<int64_t>{mine});
  EXPECT_FALSE(page->first[0].retryable);
  EXPECT_EQ(page->first[0].release_status, "withdrawn");
  // A retried delivery leaves the list.
  ASSERT_TRUE(dist_->Retry(system_, theirs).ok());
  page = dist_->ListFailed(system_, std::nullopt, 50, 0);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(ids(*page), std::vector<int64_t>{mine});
}

}  // namespace
}  // namespace pol::distribution
