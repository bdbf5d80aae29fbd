// How many write transactions this process has committed, on any store::Database: a cheap "did anything
// change here since I last looked" for caches of data derived from the database (the public site's page
// cache). Writes of other processes (a `pol` command beside the server) and of other nodes are not
// counted, so such a cache must still look at the database itself now and then.
//
// Thread-safety: thread-safe (one relaxed atomic).
#pragma once

#include <cstdint>

namespace pol::store {

// Monotonic; moves after every committed Write/WriteRowLocked transaction of this process.
uint64_t CommittedWrites();
// Called by the backends after a commit.
void CountCommittedWrite();

}  // namespace pol::store
