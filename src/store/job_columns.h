// The jobs table's column list and its row mapping, shared by the job repository (job_repo.cc) and
// the lease claims (job_lease_repo.cc) so the two SELECTs and their reading cannot drift apart.
// Thread-safety: pure.
#pragma once

#include "store/db.h"
#include "store/job_repo.h"

namespace pol::store {

// "id, queue, kind, …, updated_at": the columns JobFromRow reads, in its order.
extern const char kJobColumns[];
JobRow JobFromRow(const Row& r);

}  // namespace pol::store
