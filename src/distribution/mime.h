// MIME for the press e-mail (RFC 5322 / 2045 / 2046 / 2047 / 8058), built by hand so every byte is known:
//   multipart/alternative with a text/plain part (UTF-8, quoted-printable) and an RTL text/html part
//   (UTF-8, base64), wrapped in multipart/mixed when there are attachments (base64; Persian filenames in
//   RFC 2231 and RFC 2047 form, AttachmentHeaders).
// Header values that are not plain ASCII (the Persian subject, display names) are RFC 2047 encoded-words
// ("=?UTF-8?B?...?="), each at most 75 characters and split only between whole UTF-8 characters; header
// lines are folded below 78 characters. Every body line is at most 76 characters and ends in CRLF.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pol::distribution {

struct MailAttachment {
  std::string filename, content_type, data;
};

struct MailMessage {
  std::string from_name, from_address;
  std::string to_name, to_address;
  std::string reply_to;
  std::string subject;
  std::string message_id;  // without angle brackets, e.g. "pol.d12.r3@example.ir"
  int64_t date_ms = 0;
  std::string text, html;
  std::vector<std::pair<std::string, std::string>> extra_headers;  // e.g. List-Unsubscribe (ASCII values)
  std::vector<MailAttachment> attachments;
  std::string boundary_seed;  // makes boundaries deterministic for tests
};

// RFC 2047 B-encoding of a header value; ASCII-only values are returned as they are. Encoded-words are
// separated by CRLF + space (folding).
std::string EncodeHeaderWord(std::string_view value);
// "Name <addr>" with the name encoded as needed (then the address goes on a folded line).
std::string FormatAddress(std::string_view name, std::string_view address);
std::string QuotedPrintable(std::string_view utf8);
std::string Base64Lines(std::string_view data);
// RFC 5322 date, UTC: "Thu, 26 Nov 2026 06:30:00 +0000".
std::string MailDate(int64_t ms);

std::string BuildMail(const MailMessage& m);
// The header lines of an attachment part (ending in CRLF, without the blank line): Content-Type,
// Content-Transfer-Encoding base64, Content-Disposition attachment. A plain ASCII filename is
// filename="…"; any other is RFC 2231 (filename*0*=UTF-8''%D8%A8…, continued below 78 characters a line)
// with the RFC 2047 encoded-words in Content-Type's name="…" for older readers.
std::string AttachmentHeaders(const std::string& filename, const std::string& content_type);
// One header field, folded so that its first line stays within 78 characters where possible.
std::string HeaderLine(std::string_view name, const std::string& value);

// A plausible mailbox: one '@', a non-empty local part of atext/dots, a domain with a dot and
// letters/digits/hyphens; no spaces, quotes or angle brackets; at most 254 bytes.
bool ValidEmail(std::string_view address);

// A press contact's address as shown to readers who may not manage the press list: the first character
// of the local part, "***", and the domain ("r***@irna.example.ir"); "***" when there is no '@'.
std::string MaskEmail(std::string_view address);

}  // namespace pol::distribution
