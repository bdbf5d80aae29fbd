// The delivery engine through its jobs: the real worker pool and durable queue, the real Bot API adapter
// against a loopback channel service, and a fake clock (delivery_test.cc drives the state machine
// directly with a fake adapter). Covered: a 429's retry_after honoured by the queue (the retry job is
// not taken a millisecond before it), the attempt budget used up → failed and never sent again, and a
// withdrawal between attempts cancelling the queued send. No sleeps: "not taken yet" is judged after
// two lease passes of the pool that began after the clock was set.
#include <gtest/gtest.h>

#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <utility>

#include "base/fake_env.h"
#include "distribution/distributor.h"
#include "jobs/jobs_test_util.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "net/testing/allow_loopback.h"
#include "net/testing/loopback_http_peer.h"
#include "newsroom/releases.h"
#include "store/council_repo.h"
#include "store/test_database.h"

namespace pol::distribution {
namespace {

using jobs::testing::WaitFor;
using Peer = net::testing::LoopbackHttpPeer;

const net::testing::AllowLoopback kAllowLoopback;

// A fake clock whose random bytes are all 0xFF: full-jitter backoff always waits its ceiling (2 s, 4 s,
// …), so each retry's time is known exactly.
class CeilingJitterEnv final : public Env {
 public:
  int64_t NowMillis() override { return clock_.NowMillis(); }
  int64_t MonotonicNanos() override { return clock_.MonotonicNanos(); }
  std::string RandomBytes(size_t n) override { return std::string(n, '\xFF'); }
  void Set(int64_t ms) { clock_.Set(ms); }

 private:
  FakeEnv clock_;
};

constexpr char kToken[] = "123456:ABCdefGHIjklMNOpqrSTUvwx";
constexpr char kOk[] =
    R"({"ok":true,"result":{"message_id":42,"chat":{"id":-1001,"type":"channel","username":"qazvin_news"}}})";
constexpr char k429[] =
    R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 30","parameters":{"retry_after":30}})";
constexpr char k502[] = "<html>bad gateway</html>";

class DeliveryQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::FreshTestDir("delivery-queue-test");
    auto db = store::OpenTestDatabase(dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    queue_ = std::make_unique<jobs::Queue>(db_.get(), &env_);
    releases_ = std::make_unique<newsroom::ReleaseService>(db_.get(), &env_, queue_.get());
    dist_ = std::make_unique<Distributor>(
        db_.get(), &env_, queue_.get(), releases_.get(), SecretBox::FromKey(std::string(32, 'k')),
        DistributorOptions{.public_url = "https://news.example.ir", .max_attempts = 3});
    int64_t council = 0;
    ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(
                         council, store::InsertCouncil(c, {.slug = "q", .name = "شورا", .created_at = 1}));
                     POL_ASSIGN_OR_RETURN(
                         agency_,
                         store::InsertAgency(
                             c, {.council_id = council, .slug = "tamin", .name = "تأمین", .created_at = 1}));
                     return Status::Ok();
                   })
                    .ok());
    ChannelInput in;
    in.agency_id = agency_;
    in.kind = "telegram";
    in.name = "کانال تلگرام";
    in.config = nlohmann::json{{"chat_id", "@qazvin_news"}, {"base_url", peer_.base()}};
    in.secret = kToken;
    auto ch = dist_->CreateChannel(system_, in);
    ASSERT_TRUE(ch.ok()) << ch.status().ToString();
    pool_ = std::make_unique<jobs::WorkerPool>(
        queue_.get(), jobs::WorkerPoolOptions{.queues = {kQueue}, .workers = 1, .poll_interval_ms = 20});
    ASSERT_TRUE(RegisterDistributionJobs(*pool_, dist_.get()).ok());
    ASSERT_TRUE(pool_->Start().ok());
  }
  void TearDown() override {
    pool_->Stop();
    pool_.reset();
    dist_.reset();
    releases_.reset();
    queue_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  // The channel service answers these (status, body) in order, then kOk.
  void Script(std::deque<std::pair<int, std::string>> answers) {
    std::lock_guard lock(mu_);
    answers_ = std::move(answers);
  }
  Peer::Response Answer(const Peer::Request&) {
    std::pair<int, std::string> a{200, kOk};
    {
      std::lock_guard lock(mu_);
      if (!answers_.empty()) {
        a = answers_.front();
        answers_.pop_front();
      }
    }
    Peer::Response res{static_cast<boost::beast::http::status>(a.first), 11};
    res.set(boost::beast::http::field::content_type, "application/json");
    res.body() = a.second;
    return res;
  }
  size_t Sends() { return peer_.received().size(); }

  // Publishes a release the way the publish hook does (its deliver job is due now); the delivery id.
  int64_t Publish() {
    newsroom::ReleaseInput in;
    in.title = "افزایش مستمری بازنشستگان";
    in.lead = "لید خبر";
    in.body_html = "<p>متن خبر</p>";
    auto r = releases_->CreatePublished(agency_, in);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    release_ = *r;
    EXPECT_TRUE(db_->Write([&](store::Conn& c) { return dist_->OnPublished(c, *r, env_.NowMillis()); }).ok());
    queue_->Notify();
    auto view = dist_->ForRelease(system_, r->id);
    EXPECT_TRUE(view.ok());
    return view.ok() && view->deliveries.size() == 1 ? view->deliveries[0].delivery.id : 0;
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
  // Waits until the delivery is in `state` with `attempts` (and its job has finished with it).
  bool WaitForDelivery(int64_t id, const std::string& state, int64_t attempts) {
    return WaitFor([&] {
      store::Delivery d = Get(id);
      return d.state == state && d.attempts == attempts && pool_->Snapshot().running == 0;
    });
  }
  // Sets the clock and returns once two lease passes began after it: anything due by then was leased.
  void SettleAt(int64_t now) {
    env_.Set(now);
    const int64_t passes = pool_->Snapshot().lease_passes;
    pool_->Notify();
    ASSERT_TRUE(WaitFor([&] {
      pool_->Notify();
      return pool_->Snapshot().lease_passes >= passes + 2;
    }));
  }
  // The deliver jobs still waiting to run.
  std::vector<jobs::Job> ReadyDeliverJobs() {
    auto list = queue_->List({.state = std::string("ready"), .kind = std::string(kDeliverJob), .limit = 500});
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<jobs::Job>{};
  }

  CeilingJitterEnv env_;
  std::mutex mu_;
  std::deque<std::pair<int, std::string>> answers_;
  Peer peer_{[this](const Peer::Request& r) { return Answer(r); }};
  accounts::Actor system_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<jobs::Queue> queue_;
  std::unique_ptr<newsroom::ReleaseService> releases_;
  std::unique_ptr<Distributor> dist_;
  std::unique_ptr<jobs::WorkerPool> pool_;
  int64_t agency_ = 0;
  store::Release release_;
};

TEST_F(DeliveryQueueTest, RetryAfterOfA429IsHonouredByTheQueue) {
  Script({{429, k429}});
  const int64_t t0 = env_.NowMillis();
  const int64_t id = Publish();
  ASSERT_TRUE(WaitForDelivery(id, "queued", 1)) << "the first attempt is answered 429";
  ASSERT_EQ(Sends(), 1u);
  store::Delivery d = Get(id);
  EXPECT_EQ(d.error_code, "rate_limited");
  EXPECT_EQ(d.next_at, t0 + 30000) << "retry_after (30 s) is longer than the first backoff (2 s)";
  auto ready = ReadyDeliverJobs();
  ASSERT_EQ(ready.size(), 1u);
  EXPECT_EQ(ready[0].run_at, t0 + 30000) << "the retry job waits for the channel";

  // A millisecond before: the pool passes the job by, and nothing is sent.
  SettleAt(t0 + 29999);
  ready = ReadyDeliverJobs();
  ASSERT_EQ(ready.size(), 1u) << "the retry job is still waiting";
  EXPECT_EQ(ready[0].attempts, 0) << "never leased";
  EXPECT_EQ(Sends(), 1u);
  EXPECT_EQ(Get(id).state, "queued");

  // At retry_after: sent.
  env_.Set(t0 + 30000);
  pool_->Notify();
  ASSERT_TRUE(WaitForDelivery(id, "sent", 2));
  EXPECT_EQ(Sends(), 2u);
  EXPECT_EQ(Get(id).message_id, "42");
}

TEST_F(DeliveryQueueTest, AttemptBudgetUsedUpFailsAndIsNotRetried) {
  Script({{502, k502}, {502, k502}, {502, k502}, {502, k502}});
  const int64_t id = Publish();
  for (int64_t attempt = 1; attempt <= 2; ++attempt) {
    ASSERT_TRUE(WaitForDelivery(id, "queued", attempt)) << "attempt " << attempt;
    EXPECT_EQ(Sends(), static_cast<size_t>(attempt));
    env_.Set(Get(id).next_at);
    pool_->Notify();
  }
  ASSERT_TRUE(WaitForDelivery(id, "failed", 3)) << "the third failure uses up the budget of 3";
  EXPECT_EQ(Sends(), 3u);
  store::Delivery d = Get(id);
  EXPECT_EQ(d.error_code, "channel_error");
  EXPECT_NE(d.error_fa.find("پس از ۳ تلاش"), std::string::npos) << d.error_fa;
  EXPECT_TRUE(ReadyDeliverJobs().empty()) << "no retry is scheduled";
  // A day later nothing has gone out again.
  SettleAt(env_.NowMillis() + 86400000);
  EXPECT_EQ(Sends(), 3u);
  EXPECT_EQ(Get(id).state, "failed");
}

TEST_F(DeliveryQueueTest, WithdrawalBetweenAttemptsCancelsTheQueuedSend) {
  Script({{502, k502}});
  const int64_t id = Publish();
  ASSERT_TRUE(WaitForDelivery(id, "queued", 1));
  const int64_t retry_at = Get(id).next_at;
  auto current = releases_->Get(system_, release_.id);
  ASSERT_TRUE(current.ok());
  ASSERT_TRUE(
      releases_->Withdraw(system_, release_.id, {.version = current->version, .reason = "خطا در متن"}).ok());
  // The retry comes due: it finds the release withdrawn and cancels instead of sending.
  env_.Set(retry_at);
  pool_->Notify();
  ASSERT_TRUE(WaitForDelivery(id, "cancelled", 1));
  EXPECT_EQ(Get(id).error_code, "release_withdrawn");
  SettleAt(retry_at + 86400000);
  EXPECT_EQ(Sends(), 1u) << "nothing goes out after the withdrawal";
  EXPECT_TRUE(ReadyDeliverJobs().empty());
}

}  // namespace
}  // namespace pol::distribution
