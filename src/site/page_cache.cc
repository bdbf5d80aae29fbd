#include "site/page_cache.h"

#include <utility>

#include "store/site_repo.h"
#include "store/write_count.h"

namespace pol::site {

Page PageCache::Get(const std::string& key, uint64_t generation, const std::function<Page()>& render) {
  {
    MutexLock l(&mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.generation == generation) return it->second.page;
  }
  Page page = render();
  if (page.status >= 500 || page.body.size() > max_bytes_ / 8) return page;
  MutexLock l(&mu_);
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    bytes_ -= it->second.page.body.size();
    it->second = Entry{generation, page};
  } else {
    entries_.emplace(key, Entry{generation, page});
    order_.push_back(key);
  }
  bytes_ += page.body.size();
  while (bytes_ > max_bytes_ && !order_.empty()) {
    auto old = entries_.find(order_.front());
    order_.pop_front();
    if (old == entries_.end()) continue;
    bytes_ -= old->second.page.body.size();
    entries_.erase(old);
  }
  return page;
}

StatusOr<uint64_t> PageCache::Generation() {
  const int64_t now = env_->NowMillis();
  // Read before the stamp: a write committing meanwhile is looked at again next time.
  const uint64_t writes = store::CommittedWrites();
  {
    MutexLock l(&gen_mu_);
    const bool embargo_ended = next_embargo_end_ > 0 && now >= next_embargo_end_;
    if (looked_at_ >= 0 && writes == looked_writes_ && now - looked_at_ < kRecheckMs && !embargo_ended)
      return generation_;
  }
  std::string stamp;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(stamp, store::ContentStamp(c));
    return Status::Ok();
  }));
  MutexLock l(&gen_mu_);
  looked_writes_ = writes;
  looked_at_ = now;
  const bool embargo_ended = next_embargo_end_ > 0 && now >= next_embargo_end_;
  if (stamp == known_stamp_ && !embargo_ended) return generation_;
  int64_t next = 0;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(next, store::NextEmbargoEnd(c, now));
    return Status::Ok();
  }));
  ++generation_;
  known_stamp_ = stamp;
  next_embargo_end_ = next;
  return generation_;
}

Page PageCache::GetCurrent(const std::string& key, const std::function<Page()>& render) {
  auto gen = Generation();
  if (!gen.ok()) return render();
  return Get(key, *gen, render);
}

size_t PageCache::size() const {
  MutexLock l(&mu_);
  return entries_.size();
}

}  // namespace pol::site
