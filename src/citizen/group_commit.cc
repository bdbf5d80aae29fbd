#include "citizen/group_commit.h"

#include "store/citizen_repo.h"

namespace pol::citizen {

Status GroupCommit::Run(const Fn& fn) {
  Waiter me{&fn};
  MutexLock lock(&mu_);
  pending_.push_back(&me);
  while (!me.done) {
    if (leader_) {
      cv_.Wait();
      continue;
    }
    leader_ = true;
    std::vector<Waiter*> batch;
    batch.swap(pending_);
    mu_.Unlock();
    std::vector<Status> results = Commit(batch);
    mu_.Lock();
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i]->result = std::move(results[i]);
      batch[i]->done = true;
    }
    leader_ = false;
    cv_.SignalAll();
  }
  return me.result;
}

std::vector<Status> GroupCommit::Commit(const std::vector<Waiter*>& batch) {
  std::vector<Status> results(batch.size());
  Status s = db_->Write([&](store::Conn& c) -> Status {
    if (batch.size() == 1) {
      results[0] = (*batch[0]->fn)(c);
      return results[0];
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      POL_ASSIGN_OR_RETURN(store::SavepointOutcome out, store::InSavepoint(c, *batch[i]->fn));
      results[i] = std::move(out.status);
    }
    return Status::Ok();
  });
  // A batch of one answers the transaction's status (its own error or the commit's); in a larger
  // batch a failed commit fails everyone, else each gets its own function's result.
  for (Status& r : results) {
    if (batch.size() == 1 || !s.ok()) r = s;
  }
  return results;
}

}  // namespace pol::citizen
