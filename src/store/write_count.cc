#include "store/write_count.h"

#include <atomic>

namespace pol::store {
namespace {

std::atomic<uint64_t> committed{0};

}  // namespace

uint64_t CommittedWrites() { return committed.load(std::memory_order_acquire); }

void CountCommittedWrite() { committed.fetch_add(1, std::memory_order_acq_rel); }

}  // namespace pol::store
