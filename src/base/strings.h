// Small ASCII string utilities, written once (abseil's strings/ in miniature).
//
// Contract: byte-wise on ASCII only; bytes >= 0x80 (UTF-8 Persian text) pass through unchanged,
// so these are safe on mixed text but are not Unicode case folding (that is text/fold.h).
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace pol {

// "Content-Type" → "content-type".
std::string AsciiLower(std::string_view s);
// Removes ASCII white space (space, \t, \n, \v, \f, \r) from both ends / one end.
std::string_view TrimAscii(std::string_view s);
std::string_view TrimAsciiLeft(std::string_view s);
std::string_view TrimAsciiRight(std::string_view s);
// Case-insensitive ASCII equality ("UTF-8" == "utf-8").
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// Percent-encodes every byte outside RFC 3986's unreserved set (A-Z a-z 0-9 - . _ ~), upper-case hex.
std::string UrlEncode(std::string_view s);

}  // namespace pol
