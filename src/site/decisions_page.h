// The committee's public page on the site (issue 13 §8, docs/committee.md "Public page"): the decisions
// (مصوبات) the committee's secretary or chair published, with their follow-up state (open, in progress,
// done, cancelled, overdue), progress, the owner agency, the deadline, and the meeting's number and date —
// nothing else of a decision (no owner person, no follow-up notes, no votes). Server-rendered in the
// site's layout: no JavaScript, right to left, Persian digits, Jalali dates. The page exists only while
// the council has turned it on (store/committee_repo_public.h); otherwise Render gives nullopt and the
// caller answers the site's 404.
//
// Thread-safety: thread-safe; blocks on the database (worker threads only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "base/env.h"
#include "site/site.h"
#include "store/db.h"

namespace pol::site {

class DecisionsPage {
 public:
  // `council_slug`: the council the site shows (SiteOptions::council_slug); `font_path`: Site::FontPath().
  DecisionsPage(store::Database* db, Env* env, std::string council_slug, std::string font_path,
                int64_t page_size = 30)
      : db_(db),
        env_(env),
        council_slug_(std::move(council_slug)),
        font_path_(std::move(font_path)),
        page_size_(page_size) {}

  // /decisions?page=N; nullopt while the page is off, for an unknown council or past the last page.
  std::optional<Page> Render(const std::string& base, int64_t page);

 private:
  store::Database* const db_;
  Env* const env_;
  const std::string council_slug_, font_path_;
  const int64_t page_size_;
};

}  // namespace pol::site
