// Iran's official dates of the lunar holidays for the published years, as data.
//
// The lunar holidays of Iran are fixed by the official calendar (published each year by the University
// of Tehran's Geophysics Institute, calendar centre, and approved by the Supreme Council of Public
// Culture), which follows moon sighting and can be a day off the tabular Islamic calendar: Tasua and
// Ashura 1403 were 25–26 Tir where the tabular calculation gives 26–27 Tir. This table ships the
// official date of each lunar-holiday occurrence we could source for Jalali 1402–1405; an occurrence
// that is not listed (a later year, or one the sources did not give) falls back to the tabular
// calculation in holidays.cc. Sources are cited beside the table in holidays_official.cc and in
// docs/calendar.md.
//
// Thread-safety: immutable data and pure functions.
#pragma once

#include <span>

#include "text/jalali.h"

namespace pol::text {

// Day number used for "the last day of Safar" (29 or 30, whichever ends the month).
inline constexpr int kLastDayOfMonth = 99;

struct OfficialLunarHoliday {
  int hijri_year, hijri_month, hijri_day;  // the occurrence (hijri_day may be kLastDayOfMonth)
  JalaliDate date;                         // its date in the official calendar
};

// Every shipped occurrence, in date order.
std::span<const OfficialLunarHoliday> OfficialLunarHolidays();

// The first and last Jalali year the table covers (1402, 1405).
int FirstOfficialYear();
int LastOfficialYear();

}  // namespace pol::text
