#include "jobs/periodic.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <limits>

namespace pol::jobs {

PeriodicScheduler::PeriodicScheduler(Env* env, PeriodicOptions options) : env_(env), options_(options) {}

PeriodicScheduler::~PeriodicScheduler() { Stop(); }

Status PeriodicScheduler::Add(PeriodicTask task) {
  if (task.name.empty() || task.every_ms <= 0 || !task.fn)
    return InvalidArgument("periodic_task", "a periodic task needs a name, a cadence > 0 and a function");
  MutexLock lock(&mu_);
  if (started_) return FailedPrecondition("periodic_task", "add periodic tasks before Start(): " + task.name);
  for (const Entry& e : entries_) {
    if (e.task.name == task.name)
      return AlreadyExists("periodic_task", "periodic task added twice: " + task.name);
  }
  stats_.push_back({.name = task.name, .every_ms = task.every_ms});
  entries_.push_back({.task = std::move(task)});
  return Status::Ok();
}

void PeriodicScheduler::SetLeader(LeaderLease* leader) {
  MutexLock lock(&mu_);
  leader_ = leader;
}

Status PeriodicScheduler::Start() {
  MutexLock thread_lock(&thread_mu_);
  {
    MutexLock lock(&mu_);
    if (started_) return FailedPrecondition("periodic_started", "the periodic scheduler starts once");
    started_ = true;
    const int64_t now = env_->MonotonicNanos();
    for (Entry& e : entries_) e.next_due_ns = now;  // every task runs once at start
    next_renew_ns_ = now;
  }
  thread_ = std::thread([this] { Run(); });
  return Status::Ok();
}

void PeriodicScheduler::Stop() {
  MutexLock thread_lock(&thread_mu_);
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  cv_.SignalAll();
  if (thread_.joinable()) thread_.join();
  LeaderLease* leader;
  {
    MutexLock lock(&mu_);
    leader = leader_;
  }
  if (leader != nullptr) leader->Resign();
}

void PeriodicScheduler::Wake(const std::string& key) {
  bool woke = false;
  {
    MutexLock lock(&mu_);
    const int64_t now = env_->MonotonicNanos();
    for (Entry& e : entries_) {
      if (std::find(e.task.wake_on.begin(), e.task.wake_on.end(), key) == e.task.wake_on.end()) continue;
      e.next_due_ns = std::min(e.next_due_ns, now);
      woke = true;
    }
  }
  if (woke) cv_.SignalAll();
}

std::vector<PeriodicTaskStats> PeriodicScheduler::Snapshot() const {
  MutexLock lock(&mu_);
  return stats_;
}

void PeriodicScheduler::Run() {
  mu_.Lock();
  while (!stopping_) {
    int64_t now = env_->MonotonicNanos();
    if (leader_ != nullptr && now >= next_renew_ns_) {
      LeaderLease* leader = leader_;
      next_renew_ns_ = now + leader->options().renew_every_ms * 1000000;
      mu_.Unlock();
      leader->Refresh();
      mu_.Lock();
      continue;  // the clock moved while the database answered
    }
    size_t due = entries_.size();
    int64_t soonest = leader_ != nullptr ? next_renew_ns_ : std::numeric_limits<int64_t>::max();
    for (size_t i = 0; i < entries_.size(); ++i) {
      if (entries_[i].next_due_ns <= now) {
        due = i;
        break;
      }
      soonest = std::min(soonest, entries_[i].next_due_ns);
    }
    if (due < entries_.size()) {
      Entry& e = entries_[due];
      e.next_due_ns = now + e.task.every_ms * 1000000;
      if (e.task.once_per_cluster && leader_ != nullptr && !leader_->IsLeader()) {
        ++stats_[due].skipped;
        continue;
      }
      const std::function<Status()> fn = e.task.fn;  // entries_ does not change after Start()
      mu_.Unlock();
      Status st = fn();
      mu_.Lock();
      PeriodicTaskStats& stats = stats_[due];
      ++stats.runs;
      if (!st.ok()) {
        ++stats.failures;
        stats.last_error = st.ToString();
        spdlog::warn("{}: {}", stats.name, stats.last_error);
      }
      continue;
    }
    int64_t sleep_ms = options_.max_sleep_ms;
    if (soonest != std::numeric_limits<int64_t>::max())
      sleep_ms = std::clamp<int64_t>((soonest - now + 999999) / 1000000, 1, options_.max_sleep_ms);
    cv_.WaitFor(std::chrono::milliseconds(sleep_ms));
  }
  mu_.Unlock();
}

}  // namespace pol::jobs
