// A cache of rendered public pages (portal, agency, article, tag pages and feeds), so a page is
// rendered once per version of the site's content rather than once per request.
//
// Entries are tagged with a content generation; a lookup with another generation misses and the
// page is rendered again. Generation() moves the generation forward whenever the content stamp
// (store::ContentStamp: newest audit id, release id and release change — every publish, correction,
// withdrawal, scheduled publication, agency or council change moves it) differs from the last look,
// and when an embargo ends (the next end is looked up only after such a change). The stamp is read
// only when this process has committed a write since the last look (store::CommittedWrites) or
// kRecheckMs have passed: a write of this server shows at once, one of another process or node
// (a `pol` command, a second PostgreSQL node) within kRecheckMs — well inside the pages'
// Cache-Control max-age. Bounded by bytes; the oldest entries go first.
//
// Thread-safety: thread-safe (one mutex; rendering happens outside it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>

#include "base/env.h"
#include "base/mutex.h"
#include "base/status.h"
#include "site/site.h"
#include "store/db.h"

namespace pol::site {

class PageCache {
 public:
  static constexpr int64_t kRecheckMs = 1000;

  PageCache(store::Database* db, Env* env, size_t max_bytes = 32u << 20)
      : db_(db), env_(env), max_bytes_(max_bytes) {}

  // The current content generation: no read while nothing changed (see above); else one indexed read,
  // and a second one only after a change.
  StatusOr<uint64_t> Generation() EXCLUDES(gen_mu_);
  // Get() at the current generation; on a database error the page is rendered uncached.
  Page GetCurrent(const std::string& key, const std::function<Page()>& render);

  // The page stored under `key` for `generation`, or render() stored and returned. 5xx pages
  // are never stored.
  Page Get(const std::string& key, uint64_t generation, const std::function<Page()>& render) EXCLUDES(mu_);
  size_t size() const EXCLUDES(mu_);

 private:
  struct Entry {
    uint64_t generation = 0;
    Page page;
  };
  store::Database* const db_;
  Env* const env_;
  const size_t max_bytes_;
  Mutex gen_mu_;
  uint64_t generation_ GUARDED_BY(gen_mu_) = 1;
  std::string known_stamp_ GUARDED_BY(gen_mu_);
  uint64_t looked_writes_ GUARDED_BY(gen_mu_) = 0;    // store::CommittedWrites() before the last look
  int64_t looked_at_ GUARDED_BY(gen_mu_) = -1;        // when; -1: never
  int64_t next_embargo_end_ GUARDED_BY(gen_mu_) = 0;  // 0: none
  mutable Mutex mu_;
  std::map<std::string, Entry> entries_ GUARDED_BY(mu_);
  std::deque<std::string> order_ GUARDED_BY(mu_);
  size_t bytes_ GUARDED_BY(mu_) = 0;
};

}  // namespace pol::site
