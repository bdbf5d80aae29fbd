// Dashboard periods in the Jalali calendar: a day, an Iranian week (Saturday to Friday), a Jalali
// month, a season (three months from فروردین, تیر, مهر or دی), a Jalali year, or a custom range of
// whole days; each as the half-open instant range [from_ms, to_ms) in Tehran time, with the period
// before it (same kind; a custom range's predecessor has the same number of days).
//
// ParsePeriod validates what a person sent: an unknown kind, a date that does not exist (۳۱ اسفند
// of a common year), a custom range that ends before it starts or spans more than kMaxCustomDays are
// InvalidArgument with the api code "invalid_period" (or text's "invalid_date") and a Persian message.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "text/jalali.h"

namespace pol::insight {

enum class PeriodKind { kDay, kWeek, kMonth, kSeason, kYear, kCustom };

inline constexpr int64_t kMaxCustomDays = 3 * 366;

struct Period {
  PeriodKind kind = PeriodKind::kDay;
  text::JalaliDate first, last;  // the first and the last day, inclusive
  int64_t from_ms = 0, to_ms = 0;
  int64_t days() const;
};

std::string_view PeriodKindName(PeriodKind k);  // "day", "week", …
std::optional<PeriodKind> ParsePeriodKind(std::string_view s);

struct PeriodRequest {
  std::string kind = "month";       // day|week|month|season|year|custom
  std::optional<std::string> date;  // any day inside the period (Jalali, as people type it); default today
  std::optional<std::string> from, to;  // custom only: the first and last day (Jalali)
};

// `now_ms` gives "today" (Tehran) when the request names no date.
StatusOr<Period> ParsePeriod(const PeriodRequest& req, int64_t now_ms);
// The period of `kind` containing the Tehran day `day` (days since 1970-01-01); not for kCustom.
Period PeriodContaining(PeriodKind kind, int64_t day);
// The period right before `p`.
Period PreviousPeriod(const Period& p);
// A Persian label: «مهر ۱۴۰۳», «پاییز ۱۴۰۳», «هفتهٔ ۱۵ مهر ۱۴۰۳», «۱ تا ۱۰ مهر ۱۴۰۳», …
std::string PeriodLabel(const Period& p);
// The Tehran day (days since 1970-01-01) of an instant.
int64_t TehranDay(int64_t unix_ms);

}  // namespace pol::insight
