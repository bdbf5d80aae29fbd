#include "cli/text_cmd.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "text/jalali.h"
#include "text/normalize.h"
#include "text/number_words.h"
#include "text/search_terms.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace pol::cli {
namespace {

constexpr size_t kReadSize = 4 << 20;          // read stdin 4 MB at a time
constexpr size_t kFlushSize = 4 << 20;         // write stdout 4 MB at a time
constexpr size_t kNormalizeSlice = 256 << 10;  // normalize cache-sized slices cut at newlines

int Usage() {
  std::fputs(
      "usage: pol text normalize|terms|tokens [--kinds]|jalali [--latin]  < lines\n"
      "  normalize  display-normalize each line (Persian letters, digits, ZWNJ, spacing)\n"
      "  terms      search terms of each line, separated by spaces\n"
      "  tokens     tokens of each line, separated by spaces (--kinds: token/kind)\n"
      "  jalali     2024-10-06 → ۱۴۰۳/۰۷/۱۵; ۱۵ مهر ۱۴۰۳ → 2024-10-06; @1728172800 → Tehran time\n",
      stderr);
  return 2;
}

class Output {
 public:
  Output() { buf_.reserve(kFlushSize + (1 << 16)); }
  ~Output() { Flush(); }
  std::string& buf() { return buf_; }
  void MaybeFlush() {
    if (buf_.size() >= kFlushSize) Flush();
  }
  void Flush() {
    if (!buf_.empty() && !failed_) {
      if (std::fwrite(buf_.data(), 1, buf_.size(), stdout) != buf_.size()) failed_ = true;
    }
    buf_.clear();
  }
  bool failed() const { return failed_ || std::ferror(stdout); }

 private:
  std::string buf_;
  bool failed_ = false;
};

// Calls on_block(block) for stdin in blocks that end at a newline (the last
// block may lack one).
template <typename F>
bool ForEachBlock(F on_block) {
  std::vector<char> buf(kReadSize);
  std::string carry;
  while (true) {
    size_t n = std::fread(buf.data(), 1, buf.size(), stdin);
    if (n == 0) break;
    std::string_view chunk(buf.data(), n);
    size_t last_nl = chunk.rfind('\n');
    if (last_nl == std::string_view::npos) {
      carry.append(chunk);
      continue;
    }
    if (!carry.empty()) {
      carry.append(chunk.substr(0, last_nl + 1));
      on_block(std::string_view(carry));
      carry.clear();
    } else {
      on_block(chunk.substr(0, last_nl + 1));
    }
    carry.assign(chunk.substr(last_nl + 1));
  }
  if (std::ferror(stdin)) return false;
  if (!carry.empty()) {
    carry.push_back('\n');
    on_block(std::string_view(carry));
  }
  return true;
}

template <typename F>
void ForEachLine(std::string_view block, F on_line) {
  size_t start = 0;
  while (start < block.size()) {
    size_t nl = block.find('\n', start);
    if (nl == std::string_view::npos) nl = block.size();
    std::string_view line = block.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    on_line(line);
    start = nl + 1;
  }
}

bool IsAsciiDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// One line of `pol text jalali`; returns false on a parse error.
bool JalaliLine(std::string_view line, bool latin, std::string* out) {
  std::string s = text::ToLatinDigits(text::SanitizeUtf8(line));
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return true;
  s = s.substr(b, s.find_last_not_of(" \t") - b + 1);
  auto digits = [&](std::string v) { return latin ? v : text::ToPersianDigits(v); };
  if (s[0] == '@' && IsAsciiDigits(s.substr(1)) && s.size() <= 13) {
    int64_t t = std::stoll(s.substr(1));
    text::LocalDateTime local = text::TehranFromUnix(t);
    text::JalaliDate j = text::ToJalali(local.date);
    *out += text::FormatJalali(j, "yyyy/MM/dd", latin);
    *out += ' ';
    char hms[32];
    std::snprintf(hms, sizeof hms, "%02d:%02d:%02d", local.second_of_day / 3600,
                  local.second_of_day / 60 % 60, local.second_of_day % 60);
    *out += digits(hms);
    return true;
  }
  // Gregorian ISO date: a year of 1700 or later (Jalali years are ~1300-1500).
  if (s.size() >= 8 && s.size() <= 10 && IsAsciiDigits(s.substr(0, 4)) && s[4] == '-') {
    int y = std::stoi(s.substr(0, 4));
    size_t dash = s.find('-', 5);
    if (y >= 1700 && dash != std::string::npos && IsAsciiDigits(s.substr(5, dash - 5)) &&
        IsAsciiDigits(s.substr(dash + 1)) && dash - 5 <= 2 && s.size() - dash - 1 <= 2) {
      text::CivilDate g{y, std::stoi(s.substr(5, dash - 5)), std::stoi(s.substr(dash + 1))};
      if (g.month < 1 || g.month > 12 || g.day < 1 || g.day > 31 ||
          text::CivilFromDays(text::DaysFromCivil(g)) != g) {
        *out += "error: invalid_date: تاریخ میلادی نامعتبر است";
        return false;
      }
      *out += text::FormatJalali(text::ToJalali(g), "yyyy/MM/dd", latin);
      return true;
    }
  }
  auto j = text::ParseJalali(s);
  if (!j.ok()) {
    out->append("error: ");
    out->append(j.status().api_code());
    out->append(": ");
    out->append(j.status().message());
    return false;
  }
  text::CivilDate g = text::FromJalali(*j);
  char iso[32];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", g.year, g.month, g.day);
  *out += iso;
  return true;
}

}  // namespace

int TextCommand(int argc, char** argv) {
  if (argc < 2) return Usage();
  std::string_view verb = argv[1];
  bool kinds = false, latin = false;
  for (int i = 2; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--kinds" && verb == "tokens") {
      kinds = true;
    } else if (a == "--latin" && verb == "jalali") {
      latin = true;
    } else {
      return Usage();
    }
  }
  Output out;
  bool ok = true;
  bool read_ok = true;
  if (verb == "normalize") {
    read_ok = ForEachBlock([&](std::string_view block) {
      // Normalizing text cut at newlines gives the same bytes as whole;
      // cache-sized slices are faster than one big pass.
      while (!block.empty()) {
        size_t cut = block.size();
        if (cut > kNormalizeSlice) {
          cut = block.rfind('\n', kNormalizeSlice);
          cut = cut == std::string_view::npos ? block.size() : cut + 1;
        }
        text::NormalizeDisplayAppend(block.substr(0, cut), &out.buf());
        block.remove_prefix(cut);
        out.MaybeFlush();
      }
    });
  } else if (verb == "terms") {
    std::vector<std::string> terms;
    read_ok = ForEachBlock([&](std::string_view block) {
      ForEachLine(block, [&](std::string_view line) {
        terms.clear();
        text::AppendSearchTerms(line, &terms);
        for (size_t i = 0; i < terms.size(); ++i) {
          if (i) out.buf().push_back(' ');
          out.buf().append(text::SanitizeUtf8(terms[i]));
        }
        out.buf().push_back('\n');
        out.MaybeFlush();
      });
    });
  } else if (verb == "tokens") {
    read_ok = ForEachBlock([&](std::string_view block) {
      ForEachLine(block, [&](std::string_view line) {
        std::string clean = text::SanitizeUtf8(line);
        bool first = true;
        for (const text::Token& t : text::Tokenize(clean)) {
          if (!first) out.buf().push_back(' ');
          first = false;
          out.buf().append(t.text);
          if (kinds) {
            out.buf().push_back('/');
            out.buf().append(text::TokenKindName(t.kind));
          }
        }
        out.buf().push_back('\n');
        out.MaybeFlush();
      });
    });
  } else if (verb == "jalali") {
    read_ok = ForEachBlock([&](std::string_view block) {
      ForEachLine(block, [&](std::string_view line) {
        if (!JalaliLine(line, latin, &out.buf())) ok = false;
        out.buf().push_back('\n');
        out.MaybeFlush();
      });
    });
  } else {
    return Usage();
  }
  out.Flush();
  if (!read_ok || out.failed() || std::fflush(stdout) != 0) {
    std::fputs("pol text: I/O error\n", stderr);
    return 1;
  }
  return ok ? 0 : 1;
}

}  // namespace pol::cli
