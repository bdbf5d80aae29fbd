#include "jobs/worker_pool.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <utility>

#include "store/job_lease_repo.h"
#include "store/row_locked_write.h"

namespace pol::jobs {
namespace {

constexpr char kPermanentApiCode[] = "job_permanent_failure";
constexpr size_t kMaxErrorBytes = 2000;
constexpr int kRecordTries = 3;

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
std::string TruncateUtf8(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  s.resize(end);
  return s + "…";
}

std::string ErrorText(const Status& s) { return TruncateUtf8(s.ToString(), kMaxErrorBytes); }

std::string MakeOwnerId(const std::string& name, Env* env) {
  char host[256] = {};
  if (::gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  return name + "@" + host + ":" + std::to_string(::getpid()) + ":" + RandomHex(env, 4);
}

}  // namespace

Status PermanentError(std::string detail) {
  return {StatusCode::kFailedPrecondition, kPermanentApiCode, "این کار قابل انجام نیست.", std::move(detail)};
}

bool IsPermanentError(const Status& status) { return status.api_code() == kPermanentApiCode; }

WorkerPool::WorkerPool(Queue* queue, WorkerPoolOptions options)
    : queue_(queue), options_(std::move(options)), owner_id_(MakeOwnerId(options_.name, queue->env())) {}

WorkerPool::~WorkerPool() { Stop(-1); }

Status WorkerPool::Register(const std::string& kind, Handler handler) {
  MutexLock lock(&mu_);
  if (started_)
    return FailedPrecondition("pool_started", "کارگزار پیش‌تر آغاز شده است.");
  if (!handler) return InvalidArgument("invalid_handler", "گرداننده خالی است.", "handler");
  if (!handlers_.emplace(kind, std::move(handler)).second) {
    return AlreadyExists("handler_exists",
                         "برای این نوع کار پیش‌تر گرداننده ثبت شده است.",
                         "kind");
  }
  return Status::Ok();
}

Status WorkerPool::Start() {
  if (options_.workers < 1 || options_.batch_size < 1 || options_.lease_ms < 1 ||
      options_.poll_interval_ms < 1 || options_.queues.empty()) {
    return InvalidArgument("invalid_pool_options", "تنظیمات کارگزار نامعتبر است.");
  }
  MutexLock stop_lock(&stop_mu_);
  {
    MutexLock lock(&mu_);
    if (started_)
      return FailedPrecondition("pool_started", "کارگزار پیش‌تر آغاز شده است.");
    started_ = true;
    active_workers_ = options_.workers;
  }
  for (int i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { WorkerLoop(); });
  keeper_ = std::thread([this] { KeeperLoop(); });
  listener_token_ = queue_->AddListener([this] { Notify(); });
  std::string queues;
  for (const auto& q : options_.queues) queues += (queues.empty() ? "" : ",") + q;
  spdlog::info("jobs: pool {} started: {} workers, queues {}", owner_id_, options_.workers, queues);
  return Status::Ok();
}

bool WorkerPool::Stop() { return Stop(options_.stop_timeout_ms); }

bool WorkerPool::Stop(int64_t timeout_ms) {
  MutexLock stop_lock(&stop_mu_);
  std::vector<store::JobRow> unstarted;
  {
    MutexLock lock(&mu_);
    if (!started_ || joined_) return true;
    if (!stopping_) {
      stopping_ = true;
      stopping_flag_ = true;
      unstarted.assign(std::make_move_iterator(buffer_.begin()), std::make_move_iterator(buffer_.end()));
      buffer_.clear();
      cv_.SignalAll();
    }
  }
  if (listener_token_ != 0) {
    queue_->RemoveListener(listener_token_);  // not under mu_: Queue::Notify() holds its lock, then ours
    listener_token_ = 0;
  }
  Release(unstarted);
  {
    MutexLock lock(&mu_);
    if (timeout_ms < 0) {
      while (active_workers_ != 0) cv_.Wait();
    } else {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
      while (active_workers_ != 0 && cv_.WaitUntil(deadline)) {
      }
      if (active_workers_ != 0) {
        spdlog::warn("jobs: pool {} stop deadline passed with {} handlers still running", owner_id_,
                     running_);
        return false;
      }
    }
    keeper_exit_ = true;
    keeper_cv_.SignalAll();
  }
  for (auto& t : workers_) t.join();
  keeper_.join();
  joined_ = true;
  spdlog::info("jobs: pool {} stopped", owner_id_);
  return true;
}

void WorkerPool::Notify() {
  MutexLock lock(&mu_);
  ++wake_seq_;
  cv_.SignalAll();
}

PoolSnapshot WorkerPool::Snapshot() const {
  MutexLock lock(&mu_);
  return PoolSnapshot{.owner_id = owner_id_,
                      .workers = options_.workers,
                      .running = running_,
                      .buffered = static_cast<int>(buffer_.size()),
                      .started = started_,
                      .stopping = stopping_,
                      .lease_passes = lease_passes_,
                      .lease_errors = lease_errors_,
                      .renewals = renewals_,
                      .store_errors = store_errors_,
                      .by_kind = counters_};
}

void WorkerPool::WorkerLoop() {
  mu_.Lock();
  while (!stopping_) {
    if (!buffer_.empty()) {
      store::JobRow row = std::move(buffer_.front());
      buffer_.pop_front();
      ++running_;
      mu_.Unlock();
      RunJob(std::move(row));
      mu_.Lock();
      --running_;
      continue;
    }
    if (fetching_) {  // another worker is leasing; it will fill the buffer or go idle
      while (!stopping_ && fetching_ && buffer_.empty()) cv_.Wait();
      continue;
    }
    fetching_ = true;
    const uint64_t seen = wake_seq_;
    const int limit = std::clamp(options_.workers - running_, 1, options_.batch_size);
    mu_.Unlock();
    StatusOr<std::vector<store::JobRow>> leased = LeaseBatch(limit);
    mu_.Lock();
    fetching_ = false;
    ++lease_passes_;
    cv_.SignalAll();
    const auto idle_until =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.poll_interval_ms);
    if (!leased.ok()) {
      ++lease_errors_;
      spdlog::error("jobs: pool {} lease failed: {}", owner_id_, leased.status().ToString());
      while (!stopping_ && cv_.WaitUntil(idle_until)) {
      }
      continue;
    }
    std::vector<store::JobRow> give_back;
    bool got_new = false;
    for (store::JobRow& row : *leased) {
      auto it = held_.find(row.id);
      if (it != held_.end()) {
        // Our own lease on this job expired and we took it over again (the keeper fell behind): the
        // worker that has it carries on under the new token.
        it->second.token = *row.lease_owner;
        it->second.lease_until = row.lease_until.value_or(0);
        continue;
      }
      if (stopping_) {
        give_back.push_back(std::move(row));
        continue;
      }
      held_.emplace(row.id, Held{.token = *row.lease_owner, .lease_until = row.lease_until.value_or(0)});
      buffer_.push_back(std::move(row));
      got_new = true;
    }
    if (!give_back.empty()) {
      mu_.Unlock();
      Release(give_back);
      mu_.Lock();
    }
    if (got_new) {
      cv_.SignalAll();
    } else if (leased->empty()) {
      while (!stopping_ && wake_seq_ == seen && cv_.WaitUntil(idle_until)) {
      }
    }
  }
  --active_workers_;
  cv_.SignalAll();
  mu_.Unlock();
}

StatusOr<std::vector<store::JobRow>> WorkerPool::LeaseBatch(int limit) {
  size_t first;
  {
    MutexLock lock(&mu_);
    first = next_queue_;
    next_queue_ = (next_queue_ + 1) % options_.queues.size();
  }
  const std::string token = owner_id_ + "/" + std::to_string(++lease_seq_);
  std::vector<store::JobRow> out;
  // Row-locked on PostgreSQL (FOR UPDATE SKIP LOCKED: pools of every node claim side by side).
  const bool row_locks = store::SupportsRowLocks(*queue_->db());
  Status s = store::WriteRowLocked(*queue_->db(), [&](store::Conn& c) -> Status {
    out.clear();
    const int64_t now = queue_->env()->NowMillis();
    for (size_t i = 0; i < options_.queues.size() && static_cast<int>(out.size()) < limit; ++i) {
      const std::string& q = options_.queues[(first + i) % options_.queues.size()];
      POL_ASSIGN_OR_RETURN(auto rows, store::ClaimJobs(c, row_locks, q, token, now, options_.lease_ms,
                                                       limit - static_cast<int64_t>(out.size())));
      for (auto& r : rows) out.push_back(std::move(r));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

void WorkerPool::Count(const std::string& kind, const std::function<void(KindCounters&)>& f) {
  MutexLock lock(&mu_);
  f(counters_[kind]);
}

Status WorkerPool::Record(
    int64_t id, const std::function<Status(store::Conn&, const std::string& token, int64_t now)>& w) {
  Status s;
  for (int attempt = 0; attempt < kRecordTries; ++attempt) {
    std::string token;
    {
      MutexLock lock(&mu_);
      auto it = held_.find(id);
      if (it == held_.end()) return NotFound();
      token = it->second.token;
    }
    s = store::WriteRowLocked(*queue_->db(),
                              [&](store::Conn& c) { return w(c, token, queue_->env()->NowMillis()); });
    if (s.code() != StatusCode::kUnavailable) break;
  }
  return s;
}

WorkerPool::Outcome WorkerPool::Execute(const store::JobRow& row,
                                        const std::shared_ptr<std::atomic<bool>>& lost) {
  Outcome o;
  const std::string& kind = row.kind;
  auto handler = handlers_.find(kind);
  if (row.attempts > row.max_attempts) {
    o.bury_reason = "abandoned: leased " + std::to_string(row.attempts) + " times (max_attempts " +
                    std::to_string(row.max_attempts) +
                    ") without a recorded outcome; its worker crashed or stalled past the lease";
    if (!row.last_error.empty()) *o.bury_reason += "; last error: " + row.last_error;
    o.bury_reason = TruncateUtf8(*o.bury_reason, kMaxErrorBytes);
  } else if (handler == handlers_.end()) {
    o.bury_reason = "no handler registered for job kind '" + kind + "'";
  } else {
    Count(kind, [](KindCounters& k) { ++k.started; });
    Job job = JobFromStore(row);
    JobContext ctx(&stopping_flag_, lost, queue_->env());
    const auto t0 = std::chrono::steady_clock::now();
    try {
      o.result = handler->second(job, ctx);
    } catch (const std::exception& e) {
      o.result = Internal(std::string("handler threw: ") + e.what());
    } catch (...) {
      o.result = Internal("handler threw a non-standard exception");
    }
    const int64_t nanos =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
    Count(kind, [&](KindCounters& k) {
      k.run_nanos += nanos;
      if (!o.result.ok()) ++k.failed;
    });
    o.ran = true;
    if (!o.result.ok() && (IsPermanentError(o.result) || row.attempts >= row.max_attempts)) {
      o.bury_reason = ErrorText(o.result);
    }
  }
  return o;
}

void WorkerPool::RecordOutcome(const store::JobRow& row, const Outcome& o) {
  const std::string& kind = row.kind;
  Status written;
  enum { kCompleted, kRetried, kBuried } outcome;
  if (o.bury_reason) {
    outcome = kBuried;
    written = Record(row.id, [&](store::Conn& c, const std::string& token, int64_t now) {
      return store::BuryJob(c, row.id, token, *o.bury_reason, now);
    });
  } else if (o.ran && o.result.ok()) {
    outcome = kCompleted;
    written = Record(row.id, [&](store::Conn& c, const std::string& token, int64_t now) {
      return store::CompleteJob(c, row.id, token, now);
    });
  } else {
    outcome = kRetried;
    const double u = options_.jitter ? options_.jitter() : UniformRandom(queue_->env());
    const int64_t delay = BackoffDelayMs(options_.backoff, row.attempts, u);
    const std::string error = ErrorText(o.result);
    written = Record(row.id, [&](store::Conn& c, const std::string& token, int64_t now) {
      return store::RetryJob(c, row.id, token, now + delay, error, now);
    });
  }

  if (written.code() == StatusCode::kNotFound) {
    spdlog::warn("jobs: job {} ({}) lost its lease while running; its outcome was dropped", row.id, kind);
    Count(kind, [](KindCounters& k) { ++k.lost; });
  } else if (!written.ok()) {
    // The lease will expire and the job will run again.
    spdlog::error("jobs: job {} ({}): recording the outcome failed: {}", row.id, kind, written.ToString());
    MutexLock lock(&mu_);
    ++store_errors_;
  } else if (outcome == kCompleted) {
    Count(kind, [](KindCounters& k) { ++k.succeeded; });
  } else if (outcome == kRetried) {
    spdlog::warn("jobs: job {} ({}) attempt {}/{} failed, will retry: {}", row.id, kind, row.attempts,
                 row.max_attempts, o.result.ToString());
    Count(kind, [](KindCounters& k) { ++k.retried; });
  } else {
    spdlog::error("jobs: job {} ({}) is dead after attempt {}/{}: {}", row.id, kind, row.attempts,
                  row.max_attempts, *o.bury_reason);
    Count(kind, [](KindCounters& k) { ++k.dead; });
  }
}

void WorkerPool::RunJob(store::JobRow row) {
  std::shared_ptr<std::atomic<bool>> lost;
  {
    MutexLock lock(&mu_);
    auto it = held_.find(row.id);
    if (it != held_.end()) lost = it->second.lost;
  }
  const std::string kind = row.kind;
  auto finish = [&] {
    MutexLock lock(&mu_);
    held_.erase(row.id);
  };
  if (!lost || lost->load()) {
    spdlog::warn("jobs: job {} ({}) lost its lease before it started", row.id, kind);
    Count(kind, [](KindCounters& k) { ++k.lost; });
    finish();
    return;
  }

  RecordOutcome(row, Execute(row, lost));
  finish();
}

void WorkerPool::Release(const std::vector<store::JobRow>& rows) {
  if (rows.empty()) return;
  std::vector<std::pair<int64_t, std::string>> leases;
  {
    MutexLock lock(&mu_);
    for (const auto& row : rows) {
      auto it = held_.find(row.id);
      if (it == held_.end()) continue;
      leases.emplace_back(row.id, it->second.token);
      held_.erase(it);
    }
  }
  Status s = store::WriteRowLocked(*queue_->db(), [&](store::Conn& c) -> Status {
    const int64_t now = queue_->env()->NowMillis();
    for (const auto& [id, token] : leases) {
      Status r = store::ReleaseJob(c, id, token, now);
      if (!r.ok() && r.code() != StatusCode::kNotFound) return r;
    }
    return Status::Ok();
  });
  if (!s.ok()) {
    // Not fatal: the leases expire and the jobs run later, one attempt charged.
    spdlog::error("jobs: pool {} could not give back {} unstarted jobs: {}", owner_id_, leases.size(),
                  s.ToString());
    MutexLock lock(&mu_);
    ++store_errors_;
  }
}

void WorkerPool::KeeperLoop() {
  const int64_t interval_ms = options_.renew_interval_ms > 0 ? options_.renew_interval_ms
                                                             : std::max<int64_t>(options_.lease_ms / 4, 1);
  mu_.Lock();
  while (!keeper_exit_) {
    const auto wake_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(interval_ms);
    while (!keeper_exit_ && keeper_cv_.WaitUntil(wake_at)) {
    }
    if (keeper_exit_) break;
    const int64_t now = queue_->env()->NowMillis();
    struct Renewal {
      int64_t id;
      std::string token;
      bool renewed = false;
    };
    std::vector<Renewal> due;
    for (const auto& [id, held] : held_) {
      if (held.lease_until - now < options_.lease_ms / 2) due.push_back({id, held.token});
    }
    if (due.empty()) continue;
    mu_.Unlock();
    const int64_t until = now + options_.lease_ms;
    Status s = store::WriteRowLocked(*queue_->db(), [&](store::Conn& c) -> Status {
      for (Renewal& r : due) {
        Status e = store::ExtendJobLease(c, r.id, r.token, until, now);
        if (!e.ok() && e.code() != StatusCode::kNotFound) return e;
        r.renewed = e.ok();
      }
      return Status::Ok();
    });
    mu_.Lock();
    if (!s.ok()) {
      ++store_errors_;
      spdlog::error("jobs: pool {} could not renew leases: {}", owner_id_, s.ToString());
      continue;
    }
    for (const Renewal& r : due) {
      auto it = held_.find(r.id);
      if (it == held_.end() || it->second.token != r.token) continue;  // finished or re-leased meanwhile
      if (r.renewed) {
        it->second.lease_until = until;
        ++renewals_;
      } else {
        it->second.lost->store(true);
        spdlog::warn("jobs: pool {} lost the lease of job {}", owner_id_, r.id);
      }
    }
  }
  mu_.Unlock();
}

}  // namespace pol::jobs
