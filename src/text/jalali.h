// Jalali (Solar Hijri) calendar on top of ICU's Persian calendar, with the
// Iranian week and Tehran local time.
//
// CivilDate is a proleptic Gregorian date. Conversions go through day numbers
// (days since 1970-01-01), so they are exact for any date ICU supports.
// ParseJalali accepts what people type: ۱۴۰۳/۷/۱۵, 1403-07-15, 15/7/1403,
// 15 مهر 1403, ۱۵ مهرماه ۱۴۰۳, ۱۵ مهر ماه سال ۱۴۰۳, دوشنبه ۱۵ مهر ۱۴۰۳, in
// any digit script and spelling (ي/ك, ZWNJ); errors carry api code
// "invalid_date" and a Persian message.
//
// Thread-safety: all functions are safe from any thread (each thread keeps
// its own ICU calendar objects).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace pol::text {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

struct JalaliDate {
  int year = 1348;
  int month = 10;  // 1 = فروردین … 12 = اسفند
  int day = 11;
  friend bool operator==(const JalaliDate&, const JalaliDate&) = default;
  friend auto operator<=>(const JalaliDate&, const JalaliDate&) = default;
};

// Day numbers: days since 1970-01-01 (proleptic Gregorian).
int64_t DaysFromCivil(CivilDate d);
CivilDate CivilFromDays(int64_t days);

JalaliDate ToJalali(CivilDate d);
CivilDate FromJalali(JalaliDate j);  // j must be valid (IsValidJalali)
JalaliDate JalaliFromDays(int64_t days);
int64_t DaysFromJalali(JalaliDate j);

bool IsJalaliLeapYear(int year);
int JalaliMonthLength(int year, int month);  // 31, 30, or 29/30 for اسفند
bool IsValidJalali(JalaliDate j);

// Iranian week: 0 = شنبه (Saturday) … 6 = جمعه (Friday).
int IranianWeekday(CivilDate d);
int IranianWeekdayFromDays(int64_t days);

std::string_view JalaliMonthName(int month);       // 1..12 → فروردین … اسفند
std::string_view IranianWeekdayName(int weekday);  // 0..6 → شنبه … جمعه

// Tehran local time (Asia/Tehran, with the historical DST rules ICU knows).
struct LocalDateTime {
  CivilDate date;
  int second_of_day = 0;  // 0..86399
};
LocalDateTime TehranFromUnix(int64_t unix_seconds);
int64_t UnixFromTehran(const LocalDateTime& local);
JalaliDate JalaliFromUnix(int64_t unix_seconds);

// Formats with a pattern of: yyyy (year), yy (two digits), MMMM (month name),
// MM / M (month with / without zero padding), dd / d, EEEE (weekday name);
// other characters are copied. Digits are Persian unless latin_digits.
//   FormatJalali({1403,7,15}) == "۱۵ مهر ۱۴۰۳"
//   FormatJalali({1403,7,15}, "yyyy/MM/dd") == "۱۴۰۳/۰۷/۱۵"
std::string FormatJalali(JalaliDate j, std::string_view pattern = "d MMMM yyyy", bool latin_digits = false);

StatusOr<JalaliDate> ParseJalali(std::string_view text);

}  // namespace pol::text
