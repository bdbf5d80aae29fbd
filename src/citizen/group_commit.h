// Group commit: concurrent writers share one durable transaction.
//
// Run(fn) queues `fn`; the first waiting thread becomes the leader, takes everything queued and
// runs it in one Database::Write, each function in its own savepoint (store::InSavepoint) so one
// failing submission leaves the others in the batch intact. Run returns only after the
// transaction holding `fn`'s writes committed (or with `fn`'s error, or the commit's).
// A batch of one runs without a savepoint.
//
// Thread-safety: thread-safe; blocks on the database (worker threads only).
#pragma once

#include <functional>
#include <vector>

#include "base/mutex.h"
#include "store/db.h"

namespace pol::citizen {

class GroupCommit {
 public:
  using Fn = std::function<Status(store::Conn&)>;
  explicit GroupCommit(store::Database* db) : db_(db) {}

  Status Run(const Fn& fn) EXCLUDES(mu_);

 private:
  struct Waiter {
    const Fn* fn;
    Status result;
    bool done = false;
  };
  // Runs a batch in one transaction; the result of each waiter's function, in order.
  std::vector<Status> Commit(const std::vector<Waiter*>& batch) EXCLUDES(mu_);

  store::Database* const db_;
  Mutex mu_;
  CondVar cv_{&mu_};
  std::vector<Waiter*> pending_ GUARDED_BY(mu_);
  bool leader_ GUARDED_BY(mu_) = false;
};

}  // namespace pol::citizen
