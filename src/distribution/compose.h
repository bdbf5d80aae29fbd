// What a release looks like on each channel, composed from the release (no I/O).
//
// Messengers (Telegram, Bale: Bot API HTML subset; Eitaa: plain text): over-title and title in bold, the
// lead and body, and a link to the full article. A caption (with a photo) may hold 1,024 characters and a
// text message 4,096 (counted as Telegram does, in UTF-16 code units of the visible text, after entities
// are parsed); a longer release is cut at the last whole sentence that fits (text/sentences.h; at a word
// when a single sentence is too long), followed by "…" and the link, which always stays. HTML is escaped
// with text::EscapeHtml (text/html_escape.h), the one escaper.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pol::distribution {

inline constexpr size_t kCaptionLimit = 1024;
inline constexpr size_t kTextLimit = 4096;

struct ReleaseContent {
  int64_t release_id = 0;
  std::string agency_name, over_title, title, lead, body_text, article_url;
  std::vector<std::string> photo_urls;
  int64_t published_at = 0;
};

struct ComposedMessage {
  std::string text;    // what is sent
  size_t visible = 0;  // its length as the channel counts it
  bool cut = false;    // shortened to fit
};

// Length as the Bot API counts it: UTF-16 code units.
size_t Utf16Length(std::string_view utf8);

// `html`: Bot API HTML (bold, link); otherwise plain text with the URL on its own line.
ComposedMessage ComposeMessenger(const ReleaseContent& c, size_t limit, bool html);

// The press e-mail's subject, plain-text and RTL HTML bodies.
struct ComposedMail {
  std::string subject, text, html;
};
ComposedMail ComposeMail(const ReleaseContent& c, std::string_view unsubscribe_url);

}  // namespace pol::distribution
