#include "distribution/mime.h"

#include <sodium.h>

#include <cctype>
#include <ctime>
#include <vector>

namespace pol::distribution {
namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char ch : s) {
    if (ch >= 0x80 || ch < 0x20) return false;
  }
  return true;
}

std::string B64(std::string_view data) {
  std::string out(sodium_base64_ENCODED_LEN(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

size_t Utf8Len(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 6) return 2;
  if ((lead >> 4) == 14) return 3;
  if ((lead >> 3) == 30) return 4;
  return 1;
}

std::string Crlf(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string Boundary(const MailMessage& m, const char* tag) {
  unsigned char hash[16];
  std::string seed = m.boundary_seed.empty() ? m.message_id : m.boundary_seed;
  seed += tag;
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(seed.data()), seed.size(),
                     nullptr, 0);
  static const char* hex = "0123456789abcdef";
  std::string b = "=_pol_";
  b += tag;
  b += "_";
  for (unsigned char ch : hash) {
    b.push_back(hex[ch >> 4]);
    b.push_back(hex[ch & 15]);
  }
  return b;
}

// RFC 2231 parameter value: attr-chars as they are, every other byte %XX; split into continuations
// (name*0*=UTF-8''…; name*1*=…) of at most 60 characters, never inside a %XX.
std::string Rfc2231Param(const std::string& name, std::string_view value) {
  static const char* hex = "0123456789ABCDEF";
  std::vector<std::string> pieces{"UTF-8''"};
  for (unsigned char ch : value) {
    std::string enc;
    if (std::isalnum(ch) ||
        std::string_view("!#$&+-.^_`|~").find(static_cast<char>(ch)) != std::string_view::npos) {
      enc.push_back(static_cast<char>(ch));
    } else {
      enc = std::string("%") + hex[ch >> 4] + hex[ch & 15];
    }
    if (pieces.back().size() + enc.size() > 60) pieces.emplace_back();
    pieces.back() += enc;
  }
  if (pieces.size() == 1) return name + "*=" + pieces[0];
  std::string out;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (i) out += ";\r\n ";
    out += name + "*" + std::to_string(i) + "*=" + pieces[i];
  }
  return out;
}

}  // namespace

std::string AttachmentHeaders(const std::string& filename, const std::string& content_type) {
  if (IsAscii(filename) && filename.find('"') == std::string::npos &&
      filename.find('\\') == std::string::npos) {
    return "Content-Type: " + content_type + "\r\nContent-Transfer-Encoding: base64\r\n" +
           "Content-Disposition: attachment; filename=\"" + filename + "\"\r\n";
  }
  // Readers of RFC 2231 (most) take filename*; older ones read the RFC 2047 words in Content-Type's name.
  return "Content-Type: " + content_type + ";\r\n name=\"" + EncodeHeaderWord(filename) + "\"\r\n" +
         "Content-Transfer-Encoding: base64\r\n" + "Content-Disposition: attachment;\r\n " +
         Rfc2231Param("filename", filename) + "\r\n";
}

std::string EncodeHeaderWord(std::string_view value) {
  if (IsAscii(value)) return std::string(value);
  // An encoded-word is "=?UTF-8?B?" + base64 + "?=" (12 characters of overhead). 39 bytes of text (a
  // multiple of 3) make at most 52 base64 characters, a 64-character word: with "Subject: " in front
  // the first line stays within 78. Split only between whole characters.
  constexpr size_t kMaxBytes = 39;
  std::string out;
  size_t i = 0;
  while (i < value.size()) {
    size_t j = i;
    while (j < value.size()) {
      size_t n = Utf8Len(static_cast<unsigned char>(value[j]));
      if (j + n - i > kMaxBytes) break;
      j += n;
    }
    if (j == i) j = std::min(value.size(), i + Utf8Len(static_cast<unsigned char>(value[i])));
    if (j < value.size()) {
      // Prefer to end a word just after a space, so that decoders that (wrongly) add a space between
      // encoded-words in a phrase never split a Persian word.
      size_t sp = value.rfind(' ', j - 1);
      if (sp != std::string_view::npos && sp >= i && sp + 1 > i + kMaxBytes / 2) j = sp + 1;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + B64(value.substr(i, j - i)) + "?=";
    i = j;
  }
  return out;
}

std::string FormatAddress(std::string_view name, std::string_view address) {
  if (name.empty()) return "<" + std::string(address) + ">";
  if (IsAscii(name)) {
    std::string quoted = "\"";
    for (char ch : name) {
      if (ch == '"' || ch == '\\') quoted.push_back('\\');
      quoted.push_back(ch);
    }
    return quoted + "\" <" + std::string(address) + ">";
  }
  return EncodeHeaderWord(name) + "\r\n <" + std::string(address) + ">";
}

std::string QuotedPrintable(std::string_view utf8) {
  static const char* hex = "0123456789ABCDEF";
  std::string text = Crlf(utf8), out, line;
  auto flush_soft = [&] {
    out += line + "=\r\n";
    line.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(text[i]);
    if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // Trailing white space before a line break must be encoded.
      if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        char last = line.back();
        line.pop_back();
        std::string enc = std::string("=") + hex[last >> 4] + hex[last & 15];
        if (line.size() + enc.size() > 75) flush_soft();
        line += enc;
      }
      out += line + "\r\n";
      line.clear();
      ++i;
      continue;
    }
    std::string enc;
    if ((ch >= 33 && ch <= 126 && ch != '=') || ch == ' ' || ch == '\t') {
      enc.push_back(static_cast<char>(ch));
    } else {
      // Keep the escapes of one UTF-8 character on one line.
      size_t n = Utf8Len(ch);
      for (size_t k = 0; k < n && i + k < text.size(); ++k) {
        unsigned char b = static_cast<unsigned char>(text[i + k]);
        enc += std::string("=") + hex[b >> 4] + hex[b & 15];
      }
      i += std::min(n, text.size() - i) - 1;
    }
    if (line.size() + enc.size() > 75) flush_soft();
    line += enc;
  }
  if (!line.empty()) {
    if (line.back() == ' ' || line.back() == '\t') {
      char last = line.back();
      line.pop_back();
      line += std::string("=") + hex[static_cast<unsigned char>(last) >> 4] + hex[last & 15];
    }
    out += line;
  }
  return out;
}

std::string Base64Lines(std::string_view data) {
  std::string b = B64(data), out;
  for (size_t i = 0; i < b.size(); i += 76) out += b.substr(i, 76) + "\r\n";
  return out;
}

std::string MailDate(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

// "Name: value" + CRLF; a value that would make the first line longer than 78 characters starts on a
// folded line of its own (encoded-words and URLs are never broken).
std::string HeaderLine(std::string_view name, const std::string& value) {
  size_t first = value.find("\r\n");
  size_t first_len = first == std::string::npos ? value.size() : first;
  if (name.size() + 2 + first_len <= 78) return std::string(name) + ": " + value + "\r\n";
  return std::string(name) + ":\r\n " + value + "\r\n";
}

std::string BuildMail(const MailMessage& m) {
  std::string h;
  h += HeaderLine("From", FormatAddress(m.from_name, m.from_address));
  h += HeaderLine("To", FormatAddress(m.to_name, m.to_address));
  if (!m.reply_to.empty()) h += HeaderLine("Reply-To", "<" + m.reply_to + ">");
  h += HeaderLine("Subject", EncodeHeaderWord(m.subject));
  h += "Date: " + MailDate(m.date_ms) + "\r\n";
  h += HeaderLine("Message-ID", "<" + m.message_id + ">");
  h += "MIME-Version: 1.0\r\n";
  for (const auto& [k, v] : m.extra_headers) h += HeaderLine(k, v);

  const std::string alt = Boundary(m, "alt");
  std::string alternative;
  alternative += "Content-Type: multipart/alternative;\r\n boundary=\"" + alt + "\"\r\n\r\n";
  alternative += "--" + alt + "\r\n";
  alternative +=
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
  alternative += QuotedPrintable(m.text) + "\r\n";
  alternative += "--" + alt + "\r\n";
  alternative += "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  alternative += Base64Lines(m.html);
  alternative += "--" + alt + "--\r\n";

  if (m.attachments.empty()) return h + alternative;
  const std::string mixed = Boundary(m, "mix");
  std::string body = "Content-Type: multipart/mixed;\r\n boundary=\"" + mixed + "\"\r\n\r\n";
  body += "--" + mixed + "\r\n" + alternative;
  for (const auto& a : m.attachments) {
    body += "--" + mixed + "\r\n";
    body += AttachmentHeaders(a.filename, a.content_type) + "\r\n";
    body += Base64Lines(a.data);
  }
  body += "--" + mixed + "--\r\n";
  return h + body;
}

std::string MaskEmail(std::string_view a) {
  const size_t at = a.rfind('@');
  if (at == std::string_view::npos || at == 0) return "***";
  return std::string(a.substr(0, 1)) + "***" + std::string(a.substr(at));
}

bool ValidEmail(std::string_view a) {
  if (a.empty() || a.size() > 254) return false;
  size_t at = a.find('@');
  if (at == std::string_view::npos || at == 0 || a.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view local = a.substr(0, at), domain = a.substr(at + 1);
  if (local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  for (unsigned char ch : local) {
    if (!(std::isalnum(ch) ||
          std::string_view("!#$%&'*+-/=?^_`{|}~.").find(static_cast<char>(ch)) != std::string_view::npos)) {
      return false;
    }
  }
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.' || domain.find("..") != std::string_view::npos) {
    return false;
  }
  for (unsigned char ch : domain) {
    if (!(std::isalnum(ch) || ch == '-' || ch == '.')) return false;
  }
  return true;
}

}  // namespace pol::distribution
