// libFuzzer target: ParseJalali on arbitrary bytes. Checks: a parsed date is
// valid, survives a round trip through the Gregorian calendar, and its
// formatted form parses back to the same date; errors carry "invalid_date".
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "text/jalali.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto r = pol::text::ParseJalali(in);
  if (!r.ok()) {
    if (r.status().api_code() != "invalid_date") std::abort();
    return 0;
  }
  const pol::text::JalaliDate j = *r;
  if (!pol::text::IsValidJalali(j)) std::abort();
  if (pol::text::ToJalali(pol::text::FromJalali(j)) != j) std::abort();
  auto back = pol::text::ParseJalali(pol::text::FormatJalali(j, "d MMMM yyyy"));
  if (!back.ok() || *back != j) std::abort();
  auto numeric = pol::text::ParseJalali(pol::text::FormatJalali(j, "yyyy/MM/dd", true));
  if (!numeric.ok() || *numeric != j) std::abort();
  return 0;
}
