// `pol text normalize|terms|tokens|jalali`: the Persian text core for people
// and scripts. Reads UTF-8 lines on stdin and prints one line per input line
// on stdout (invalid UTF-8 becomes U+FFFD; nothing crashes on bad input).
//
//   normalize        display normalization (text/normalize.h)
//   terms            search terms separated by single spaces
//   tokens [--kinds] tokens separated by single spaces (text/KIND with --kinds)
//   jalali [--latin] a Gregorian date (2024-10-06) → Jalali (۱۴۰۳/۰۷/۱۵);
//                    a Jalali date in any accepted spelling → Gregorian ISO;
//                    @UNIX_SECONDS → Jalali date and Tehran time.
//                    Lines that do not parse print "error: invalid_date …"
//                    and the exit status is 1.
//
// Thread-safety: runs on the calling thread; uses stdin/stdout.
#pragma once

namespace pol::cli {

int TextCommand(int argc, char** argv);

}  // namespace pol::cli
