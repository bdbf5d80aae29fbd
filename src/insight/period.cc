#include "insight/period.h"

#include <array>

namespace pol::insight {
namespace {

int64_t DayStartMs(int64_t day) {
  return text::UnixFromTehran({.date = text::CivilFromDays(day), .second_of_day = 0}) * 1000;
}

Period FromDays(PeriodKind kind, int64_t first_day, int64_t last_day) {
  Period p;
  p.kind = kind;
  p.first = text::JalaliFromDays(first_day);
  p.last = text::JalaliFromDays(last_day);
  p.from_ms = DayStartMs(first_day);
  p.to_ms = DayStartMs(last_day + 1);
  return p;
}

Status BadPeriod(std::string message, std::string field) {
  return InvalidArgument("invalid_period", std::move(message), std::move(field));
}

StatusOr<int64_t> ParseDay(const std::string& text, const std::string& field) {
  StatusOr<text::JalaliDate> j = text::ParseJalali(text);
  if (!j.ok())
    return InvalidArgument("invalid_period", "تاریخ «" + text + "» در تقویم نیست: " + j.status().message(),
                           field);
  return text::DaysFromJalali(*j);
}

}  // namespace

int64_t Period::days() const { return text::DaysFromJalali(last) - text::DaysFromJalali(first) + 1; }

std::string_view PeriodKindName(PeriodKind k) {
  static constexpr std::array<std::string_view, 6> kNames = {"day",    "week", "month",
                                                             "season", "year", "custom"};
  return kNames[static_cast<size_t>(k)];
}

std::optional<PeriodKind> ParsePeriodKind(std::string_view s) {
  for (int i = 0; i < 6; ++i) {
    auto k = static_cast<PeriodKind>(i);
    if (PeriodKindName(k) == s) return k;
  }
  return std::nullopt;
}

int64_t TehranDay(int64_t unix_ms) {
  int64_t secs = unix_ms >= 0 ? unix_ms / 1000 : -((-unix_ms + 999) / 1000);
  return text::DaysFromCivil(text::TehranFromUnix(secs).date);
}

Period PeriodContaining(PeriodKind kind, int64_t day) {
  text::JalaliDate j = text::JalaliFromDays(day);
  switch (kind) {
    case PeriodKind::kDay:
    case PeriodKind::kCustom:
      return FromDays(kind, day, day);
    case PeriodKind::kWeek: {
      int64_t first = day - text::IranianWeekdayFromDays(day);
      return FromDays(kind, first, first + 6);
    }
    case PeriodKind::kMonth: {
      int64_t first = text::DaysFromJalali({j.year, j.month, 1});
      return FromDays(kind, first, first + text::JalaliMonthLength(j.year, j.month) - 1);
    }
    case PeriodKind::kSeason: {
      int m0 = (j.month - 1) / 3 * 3 + 1;
      int64_t first = text::DaysFromJalali({j.year, m0, 1});
      int64_t last = text::DaysFromJalali({j.year, m0 + 2, text::JalaliMonthLength(j.year, m0 + 2)});
      return FromDays(kind, first, last);
    }
    case PeriodKind::kYear: {
      int64_t first = text::DaysFromJalali({j.year, 1, 1});
      return FromDays(kind, first, text::DaysFromJalali({j.year, 12, text::JalaliMonthLength(j.year, 12)}));
    }
  }
  return FromDays(kind, day, day);
}

StatusOr<Period> ParsePeriod(const PeriodRequest& req, int64_t now_ms) {
  std::optional<PeriodKind> kind = ParsePeriodKind(req.kind);
  if (!kind) {
    return BadPeriod(
        "نوع دوره باید یکی از روز، هفته، ماه، فصل، سال یا بازهٔ دلخواه باشد (day|week|month|season|year|custom).",
        "period");
  }
  if (*kind == PeriodKind::kCustom) {
    if (!req.from || !req.to)
      return BadPeriod("برای بازهٔ دلخواه، تاریخ آغاز و پایان را بدهید.", req.from ? "to" : "from");
    POL_ASSIGN_OR_RETURN(int64_t first, ParseDay(*req.from, "from"));
    POL_ASSIGN_OR_RETURN(int64_t last, ParseDay(*req.to, "to"));
    if (last < first) return BadPeriod("تاریخ پایان پیش از تاریخ آغاز است.", "to");
    if (last - first + 1 > kMaxCustomDays) return BadPeriod("بازهٔ دلخواه حداکثر سه سال است.", "to");
    return FromDays(PeriodKind::kCustom, first, last);
  }
  if (req.from || req.to)
    return BadPeriod("تاریخ آغاز و پایان فقط برای بازهٔ دلخواه (custom) است.", req.from ? "from" : "to");
  int64_t day = TehranDay(now_ms);
  if (req.date) {
    POL_ASSIGN_OR_RETURN(day, ParseDay(*req.date, "date"));
  }
  return PeriodContaining(*kind, day);
}

Period PreviousPeriod(const Period& p) {
  int64_t first = text::DaysFromJalali(p.first);
  if (p.kind == PeriodKind::kCustom) return FromDays(p.kind, first - p.days(), first - 1);
  return PeriodContaining(p.kind, first - 1);
}

std::string PeriodLabel(const Period& p) {
  static constexpr std::array<std::string_view, 4> kSeasons = {"بهار", "تابستان", "پاییز", "زمستان"};
  switch (p.kind) {
    case PeriodKind::kDay:
      return text::FormatJalali(p.first, "EEEE d MMMM yyyy");
    case PeriodKind::kWeek:
      return "هفتهٔ " + text::FormatJalali(p.first) + " تا " + text::FormatJalali(p.last);
    case PeriodKind::kMonth:
      return text::FormatJalali(p.first, "MMMM yyyy");
    case PeriodKind::kSeason:
      return std::string(kSeasons[(p.first.month - 1) / 3]) + " " + text::FormatJalali(p.first, "yyyy");
    case PeriodKind::kYear:
      return "سال " + text::FormatJalali(p.first, "yyyy");
    case PeriodKind::kCustom:
      return text::FormatJalali(p.first) + " تا " + text::FormatJalali(p.last);
  }
  return {};
}

}  // namespace pol::insight
