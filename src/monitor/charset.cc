#include "monitor/charset.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>

#include "base/strings.h"
#include "text/utf8.h"

namespace pol::monitor {
namespace {

// The value after `charset=` / `encoding=` in `s` from `pos`, without quotes.
std::string ValueAfter(const std::string& s, size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '=' || s[pos] == '"' || s[pos] == '\'')) ++pos;
  size_t end = pos;
  while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '-' ||
                            s[end] == '_' || s[end] == ':' || s[end] == '.')) {
    ++end;
  }
  return s.substr(pos, end - pos);
}

std::string Canonical(std::string name) {
  if (name == "utf8") return "utf-8";
  if (name == "cp1256" || name == "windows1256" || name == "x-cp1256") return "windows-1256";
  return name;
}

std::string DeclaredInDocument(std::string_view bytes) {
  const std::string head = AsciiLower(bytes.substr(0, std::min<size_t>(bytes.size(), 4096)));
  if (head.starts_with("<?xml")) {
    size_t end = head.find("?>");
    size_t p = head.find("encoding");
    if (p != std::string::npos && p < end) return ValueAfter(head, p + 8);
  }
  for (size_t p = head.find("<meta"); p != std::string::npos; p = head.find("<meta", p + 5)) {
    size_t end = head.find('>', p);
    if (end == std::string::npos) break;
    size_t cs = head.find("charset", p);
    if (cs != std::string::npos && cs < end) return ValueAfter(head, cs + 7);
  }
  return "";
}

}  // namespace

std::string DetectCharset(std::string_view bytes, std::string_view content_type) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return "utf-8";
  if (bytes.starts_with("\xFF\xFE")) return "utf-16le";
  if (bytes.starts_with("\xFE\xFF")) return "utf-16be";
  std::string declared;
  const std::string ct = AsciiLower(content_type);
  if (size_t p = ct.find("charset"); p != std::string::npos) declared = ValueAfter(ct, p + 7);
  if (declared.empty()) declared = DeclaredInDocument(bytes);
  declared = Canonical(declared);
  const bool valid_utf8 = text::IsValidUtf8(bytes);
  if (declared.empty() || declared == "utf-8") return valid_utf8 ? "utf-8" : "windows-1256";
  return declared;
}

StatusOr<std::string> ToUtf8(std::string_view bytes, std::string_view charset) {
  if (bytes.starts_with("\xEF\xBB\xBF") && (charset == "utf-8" || charset == "utf8")) bytes.remove_prefix(3);
  if (charset == "utf-8" || charset == "us-ascii") return text::SanitizeUtf8(bytes);
  UErrorCode err = U_ZERO_ERROR;
  const std::string name(charset);
  UConverter* from = ucnv_open(name.c_str(), &err);
  if (U_FAILURE(err) || from == nullptr) {
    return InvalidArgument("unknown_charset", "نویسه‌گذاری «" + name + "» شناخته نیست.");
  }
  err = U_ZERO_ERROR;
  UConverter* to = ucnv_open("UTF-8", &err);
  if (U_FAILURE(err) || to == nullptr) {
    ucnv_close(from);
    return Internal("icu: cannot open the UTF-8 converter");
  }
  std::string out(bytes.size() * 3 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  err = U_ZERO_ERROR;
  ucnv_convertEx(to, from, &target, out.data() + out.size(), &source, bytes.data() + bytes.size(), nullptr,
                 nullptr, nullptr, nullptr, /*reset=*/true, /*flush=*/true, &err);
  ucnv_close(from);
  ucnv_close(to);
  if (U_FAILURE(err)) return Internal(std::string("icu: conversion failed: ") + u_errorName(err));
  out.resize(static_cast<size_t>(target - out.data()));
  if (out.starts_with("\xEF\xBB\xBF")) out.erase(0, 3);
  return out;
}

StatusOr<std::string> DecodeDocument(std::string_view bytes, std::string_view content_type,
                                     std::string* charset) {
  std::string cs = DetectCharset(bytes, content_type);
  auto out = ToUtf8(bytes, cs);
  if (!out.ok() && cs != "utf-8") {
    cs = text::IsValidUtf8(bytes) ? "utf-8" : "windows-1256";
    out = ToUtf8(bytes, cs);
  }
  if (charset != nullptr) *charset = cs;
  return out;
}

}  // namespace pol::monitor
