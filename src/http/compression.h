// Response compression: brotli and gzip, negotiated from Accept-Encoding.
//
// The pipeline calls CompressResponse() on every answer after the handler. A body is compressed when
//   - its type is text-like (text/*, JSON, JavaScript, XML/RSS/Atom, SVG, web manifest),
//   - it is at least kMinCompressBytes long and carries no Content-Encoding of its own,
//   - the client accepts br (preferred) or gzip with a non-zero q,
//   - and it is not a BREACH-prone answer: nothing that sets a cookie (login) and nothing whose body
//     contains the session's CSRF token (passed as `secret`). Such answers carry a secret that an
//     attacker could learn byte by byte from compressed sizes when the same body reflects their
//     input; everything else the server sends either carries no secret (public pages, feeds,
//     static assets) or no secret beside reflected input in the same body.
// Every text-like answer gets `Vary: Accept-Encoding`, compressed or not, so caches keep the
// representations apart. A compressed answer's ETag gets a "-br" / "-gz" suffix inside the quotes
// (a different representation needs a different strong tag); StripEncodingSuffix() undoes it on
// If-None-Match before the handler compares, so 304s keep working.
//
// Answers with an ETag are compressed once: the result is kept in a bounded cache keyed by the
// SHA-256 of the body and the encoding (never by the ETag, which a handler may derive from a version
// number that other resources share), so static assets and cached public pages cost one compression
// per version.
// PrecompressForCache() fills that cache ahead (the console's assets at start).
//
// Thread-safety: all functions are thread-safe (the cache has its own lock).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "http/message.h"

namespace pol::http {

inline constexpr size_t kMinCompressBytes = 1024;

enum class Encoding { kIdentity, kGzip, kBrotli };

// The best encoding the client accepts ("br" over "gzip"; q=0 refuses; "*" counts for both).
Encoding NegotiateEncoding(std::string_view accept_encoding);

// Is this content type worth compressing?
bool CompressibleType(std::string_view content_type);

// Raw compressors (quality: brotli 0–11, gzip level 1–9). Empty on failure.
std::string GzipCompress(std::string_view in, int level = 6);
std::string BrotliCompress(std::string_view in, int quality = 5);

// If-None-Match with the suffix of `enc` removed from each tag ("\"abc-br\"" → "\"abc\"").
std::string StripEncodingSuffix(std::string_view if_none_match, Encoding enc);

// Compresses `r` in place for the client of `req` (see the header comment). `secret`: a value
// whose presence in the body forbids compression (the session's CSRF token); empty for none.
void CompressResponse(const Request& req, Response& r, std::string_view secret);

// Compresses `body` (tagged `etag`) with both encodings into the cache, at the quality used for
// cached bodies (brotli 11 / gzip 9: done once per version).
void PrecompressForCache(std::string_view body, const std::string& etag, std::string_view content_type);

}  // namespace pol::http
