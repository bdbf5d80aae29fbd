// The job queue as system admins see it in the console: list, retry a dead
// job, cancel a waiting one. Every action is audited.
#pragma once

#include "accounts/actor.h"
#include "jobs/queue.h"

namespace pol::ops {

class JobAdmin {
 public:
  JobAdmin(jobs::Queue* queue, store::Database* db, Env* env) : queue_(queue), db_(db), env_(env) {}

  StatusOr<std::vector<jobs::Job>> List(const accounts::Actor& actor, const jobs::ListOptions& options);
  StatusOr<std::vector<jobs::QueueDepth>> Stats(const accounts::Actor& actor);
  StatusOr<jobs::Job> Get(const accounts::Actor& actor, int64_t id);
  StatusOr<jobs::Job> Retry(const accounts::Actor& actor, int64_t id);
  StatusOr<jobs::Job> Cancel(const accounts::Actor& actor, int64_t id);

 private:
  StatusOr<jobs::Job> AfterAction(const accounts::Actor& actor, int64_t id, const char* action);

  jobs::Queue* const queue_;
  store::Database* const db_;
  Env* const env_;
};

}  // namespace pol::ops
