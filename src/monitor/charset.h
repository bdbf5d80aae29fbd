// Charsets of fetched documents: detection and conversion to UTF-8 (ICU ucnv).
//
// Detection order: a byte-order mark; the HTTP Content-Type charset; the
// document's own declaration (<meta charset>, <meta http-equiv>, <?xml
// encoding?>); valid UTF-8; otherwise windows-1256, the legacy charset of
// Persian sites. A declared UTF-8 that is not valid UTF-8 falls back to
// windows-1256 too (sites that lie about their charset).
//
// Thread-safety: pure functions (ICU converters are opened per call).
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace pol::monitor {

// A lower-case charset name ("utf-8", "windows-1256", ...).
std::string DetectCharset(std::string_view bytes, std::string_view content_type);

// Converts `bytes` in `charset` to UTF-8 without a BOM. Invalid sequences
// become U+FFFD. An unknown charset is InvalidArgument "unknown_charset".
StatusOr<std::string> ToUtf8(std::string_view bytes, std::string_view charset);

// DetectCharset + ToUtf8; *charset (optional) receives the charset used.
StatusOr<std::string> DecodeDocument(std::string_view bytes, std::string_view content_type,
                                     std::string* charset = nullptr);

}  // namespace pol::monitor
