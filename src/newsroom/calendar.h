// The council's shared editorial calendar: releases planned or published per
// day (Tehran time, with Jalali dates), the occasions that fall on each day,
// and conflicts — two agencies with releases on the same day whose titles share
// most of their search terms (Jaccard similarity of text::SearchTerms ≥ 0.5).
// Occasions are shared (council_id NULL, preloaded by migration 3, managed by
// system admins) or a council's own (managed by its council admins).
//
// Thread-safety: thread-safe; blocks: worker threads only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "base/env.h"
#include "store/release_repo.h"

namespace pol::newsroom {

struct CalendarDay {
  std::string date;          // Gregorian yyyy-mm-dd (Tehran)
  std::string jalali;        // yyyy/mm/dd, Latin digits
  std::string jalali_label;  // «۱۱ اردیبهشت ۱۴۰۴»
  int weekday = 0;           // 0 = شنبه … 6 = جمعه
  std::vector<int64_t> release_ids;
  std::vector<int64_t> occasion_ids;
};

struct CalendarConflict {
  std::string date;
  std::vector<int64_t> release_ids;  // two releases
  std::vector<int64_t> agency_ids;
  double similarity = 0;
  std::vector<std::string> shared_terms;
};

struct CalendarView {
  int64_t from = 0, to = 0;
  std::vector<CalendarDay> days;
  std::vector<store::Release> releases;
  std::vector<store::Occasion> occasions;  // those falling in the range
  std::vector<CalendarConflict> conflicts;
};

struct OccasionInput {
  std::optional<int64_t> version, council_id, month, day;
  std::optional<std::string> name, description;
};

// Jaccard similarity of the search-term sets of two titles, with the shared terms.
double TitleSimilarity(std::string_view a, std::string_view b, std::vector<std::string>* shared = nullptr);

class CalendarService {
 public:
  CalendarService(store::Database* db, Env* env) : db_(db), env_(env) {}

  // [from, to) in unix ms; at most 400 days.
  StatusOr<CalendarView> Calendar(const accounts::Actor& actor, int64_t council_id, int64_t from, int64_t to);

  StatusOr<std::vector<store::Occasion>> ListOccasions(const accounts::Actor& actor, int64_t council_id);
  StatusOr<store::Occasion> CreateOccasion(const accounts::Actor& actor, const OccasionInput& in);
  StatusOr<store::Occasion> UpdateOccasion(const accounts::Actor& actor, int64_t id, const OccasionInput& in);
  Status DeleteOccasion(const accounts::Actor& actor, int64_t id, std::optional<int64_t> version);

 private:
  store::Database* const db_;
  Env* const env_;
};

}  // namespace pol::newsroom
