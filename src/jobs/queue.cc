#include "jobs/queue.h"

#include <nlohmann/json.hpp>

#include <utility>

#include "store/job_lease_repo.h"
#include "store/job_repo.h"
#include "store/notifications.h"

namespace pol::jobs {
namespace {

constexpr size_t kMaxNameBytes = 100;
constexpr size_t kMaxPayloadBytes = 1 << 20;
constexpr size_t kMaxDedupKeyBytes = 500;
constexpr int64_t kMaxAttemptsLimit = 1000;

Status ValidateName(const std::string& value, const char* field) {
  if (value.empty() || value.size() > kMaxNameBytes) {
    return InvalidArgument("invalid_job", "نام صف یا نوع کار باید بین ۱ تا ۱۰۰ نویسه باشد.", field);
  }
  for (char ch : value) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                    ch == '.' || ch == '_' || ch == '-' || ch == ':' || ch == '/';
    if (!ok) return InvalidArgument("invalid_job", "نام صف یا نوع کار نویسهٔ نامجاز دارد.", field);
  }
  return Status::Ok();
}

Status Validate(const JobSpec& spec) {
  POL_RETURN_IF_ERROR(ValidateName(spec.queue, "queue"));
  POL_RETURN_IF_ERROR(ValidateName(spec.kind, "kind"));
  if (spec.payload_json.size() > kMaxPayloadBytes || !nlohmann::json::accept(spec.payload_json)) {
    return InvalidArgument("invalid_job", "دادهٔ کار باید JSON معتبر و کمتر از یک مگابایت باشد.", "payload");
  }
  if (spec.max_attempts < 1 || spec.max_attempts > kMaxAttemptsLimit) {
    return InvalidArgument(
        "invalid_job", "شمار تلاش‌ها باید بین ۱ تا ۱۰۰۰ باشد.", "max_attempts");
  }
  if (spec.dedup_key && (spec.dedup_key->empty() || spec.dedup_key->size() > kMaxDedupKeyBytes)) {
    return InvalidArgument("invalid_job", "کلید یکتایی کار باید بین ۱ تا ۵۰۰ نویسه باشد.", "dedup_key");
  }
  if (spec.run_at && *spec.run_at < 0) {
    return InvalidArgument("invalid_job", "زمان اجرای کار نامعتبر است.", "run_at");
  }
  return Status::Ok();
}

}  // namespace

Job JobFromStore(store::JobRow r) {
  return Job{.id = r.id,
             .queue = std::move(r.queue),
             .kind = std::move(r.kind),
             .payload_json = std::move(r.payload),
             .dedup_key = std::move(r.dedup_key),
             .state = std::move(r.state),
             .run_at = r.run_at,
             .attempts = r.attempts,
             .max_attempts = r.max_attempts,
             .lease_owner = std::move(r.lease_owner),
             .lease_until = r.lease_until,
             .last_error = std::move(r.last_error),
             .created_at = r.created_at,
             .updated_at = r.updated_at};
}

Queue::Queue(store::Database* db, Env* env) : db_(db), env_(env) {}

StatusOr<int64_t> Queue::Enqueue(const JobSpec& spec) {
  int64_t id = 0;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(id, EnqueueIn(c, spec));
    return Status::Ok();
  }));
  Notify();
  return id;
}

StatusOr<int64_t> Queue::EnqueueIn(store::Conn& c, const JobSpec& spec) {
  POL_RETURN_IF_ERROR(Validate(spec));
  const int64_t now = env_->NowMillis();
  store::JobRow row{.queue = spec.queue,
                    .kind = spec.kind,
                    .payload = spec.payload_json,
                    .dedup_key = spec.dedup_key,
                    .run_at = spec.run_at.value_or(now),
                    .max_attempts = spec.max_attempts,
                    .created_at = now};
  POL_ASSIGN_OR_RETURN(int64_t id, store::InsertJob(c, row));
  // Several nodes (PostgreSQL): a NOTIFY, delivered at commit, wakes the idle workers of every node
  // (app/app.cc listens). Only a wake-up: workers poll anyway.
  if (row.run_at <= now && store::NotificationsOf(*db_) != nullptr)
    POL_RETURN_IF_ERROR(store::NotifyJobsChannel(c, spec.queue));
  return id;
}

Status Queue::Retry(int64_t id) {
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) { return store::ReviveJob(c, id, env_->NowMillis()); }));
  Notify();
  return Status::Ok();
}

Status Queue::Cancel(int64_t id) {
  return db_->Write([&](store::Conn& c) { return store::CancelJob(c, id, env_->NowMillis()); });
}

StatusOr<Job> Queue::Get(int64_t id) {
  Job job;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::JobRow row, store::GetJob(c, id));
    job = JobFromStore(std::move(row));
    return Status::Ok();
  }));
  return job;
}

StatusOr<std::vector<Job>> Queue::List(const ListOptions& options) {
  if (options.limit < 1 || options.limit > 500) {
    return InvalidArgument("invalid_limit", "اندازهٔ صفحه باید بین ۱ تا ۵۰۰ باشد.", "limit");
  }
  std::vector<Job> out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto rows, store::ListJobs(c, store::JobFilter{.queue = options.queue,
                                                                        .state = options.state,
                                                                        .kind = options.kind,
                                                                        .before_id = options.before_id,
                                                                        .limit = options.limit}));
    out.clear();
    for (auto& r : rows) out.push_back(JobFromStore(std::move(r)));
    return Status::Ok();
  }));
  return out;
}

StatusOr<std::vector<QueueDepth>> Queue::Stats() {
  std::vector<QueueDepth> out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto counts, store::CountJobsByQueueAndState(c));
    out.clear();
    for (auto& n : counts) {
      out.push_back(QueueDepth{.queue = std::move(n.queue),
                               .state = std::move(n.state),
                               .count = n.count,
                               .oldest_run_at = n.oldest_run_at});
    }
    return Status::Ok();
  }));
  return out;
}

StatusOr<int64_t> Queue::PurgeFinished(int64_t older_than_ms, int64_t limit) {
  int64_t n = 0;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(n, store::PurgeFinishedJobs(c, env_->NowMillis() - older_than_ms, limit));
    return Status::Ok();
  }));
  return n;
}

void Queue::Notify() {
  MutexLock lock(&mu_);
  for (auto& [token, listener] : listeners_) listener();
}

int Queue::AddListener(std::function<void()> listener) {
  MutexLock lock(&mu_);
  const int token = next_token_++;
  listeners_.emplace(token, std::move(listener));
  return token;
}

void Queue::RemoveListener(int token) {
  MutexLock lock(&mu_);
  listeners_.erase(token);
}

}  // namespace pol::jobs
