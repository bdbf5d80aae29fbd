// Build-time generator for pol_text's compiled-in data (no I/O at run time).
//
//   pol_text_gen OUT.cc DIC STOPWORDS EXCEPTIONS PAST_STEMS
//
// DIC is the myspell-fa word list (fa_IR.dic: a count line, then one word
// form a line, no affix flags). The output defines, in pol::text::internal,
// the StaticStringSets declared in text/internal/data.h:
//   kLexicon        every word form, folded (fold.h), ZWNJ removed;
//   kMiVerbs        verb forms X for which "می‌X" is a word (present tense from
//                   the lexicon, past continuous from PAST_STEMS), display form;
//   kStopWords      curated stop words, folded;
//   kStemExceptions folded word → forced stem (empty value: never stem).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "text/fold.h"
#include "text/internal/static_set.h"

namespace {

using Map = std::map<std::string, std::string>;

std::vector<std::string> ReadLines(const char* path, bool skip_first) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "pol_text_gen: cannot read " << path << "\n";
    std::exit(1);
  }
  std::vector<std::string> lines;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (first && skip_first) {
      first = false;
      continue;
    }
    first = false;
    // myspell entries may carry "/FLAGS"; this list has none, but be safe.
    if (auto slash = line.find('/'); slash != std::string::npos) line.resize(slash);
    size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line[b] == '#') continue;
    size_t e = line.find_last_not_of(" \t");
    lines.push_back(line.substr(b, e - b + 1));
  }
  return lines;
}

void EmitLiteralByte(unsigned char c, std::string* out) {
  if (c >= 0x80 || (c >= 0x20 && c < 0x7F && c != '\\' && c != '"' && c != '?')) {
    out->push_back(static_cast<char>(c));
  } else {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\%03o", c);
    out->append(buf);
  }
}

void EmitSet(const std::string& name, const Map& entries, std::string* out) {
  std::string blob;
  std::vector<uint32_t> offsets;
  std::vector<std::string_view> keys;
  for (const auto& [k, v] : entries) {
    if (k.empty() || k.size() > 255 || v.size() > 255) continue;
    offsets.push_back(static_cast<uint32_t>(blob.size()));
    blob.push_back(static_cast<char>(k.size()));
    blob += k;
    blob.push_back(static_cast<char>(v.size()));
    blob += v;
    keys.push_back(k);
  }
  uint32_t slots = 16;
  while (slots < keys.size() * 2) slots <<= 1;
  std::vector<uint32_t> table(slots, 0);
  for (size_t i = 0; i < keys.size(); ++i) {
    uint32_t h = static_cast<uint32_t>(pol::text::internal::HashBytes(keys[i])) & (slots - 1);
    while (table[h] != 0) h = (h + 1) & (slots - 1);
    table[h] = offsets[i] + 1;
  }
  // Blob as a string literal: length bytes as octal escapes, key and value
  // bytes (valid UTF-8) raw, one literal piece per ~4 KB.
  *out += "static const unsigned char k" + name + "Blob[] =\n\"";
  size_t col = 0;
  for (const auto& [k, v] : entries) {
    if (k.empty() || k.size() > 255 || v.size() > 255) continue;
    for (const std::string* part : {&k, &v}) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", static_cast<unsigned>(part->size()));
      *out += buf;
      for (unsigned char c : *part) EmitLiteralByte(c, out);
      col += part->size() + 4;
    }
    if (col > 4000) {
      *out += "\"\n\"";
      col = 0;
    }
  }
  *out += "\";\n";
  *out += "static const uint32_t k" + name + "Slots[] = {";
  for (uint32_t i = 0; i < slots; ++i) {
    if (i % 32 == 0) *out += "\n";
    *out += std::to_string(table[i]);
    *out += ",";
  }
  *out += "\n};\n";
  *out += "extern const StaticStringSet k" + name + ";\n";
  *out += "const StaticStringSet k" + name + " = {k" + name + "Blob, k" + name + "Slots, " +
          std::to_string(slots - 1) + "u, " + std::to_string(keys.size()) + "u};\n\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: pol_text_gen OUT.cc DIC STOPWORDS EXCEPTIONS PAST_STEMS\n";
    return 2;
  }
  const std::string kZwnj = "\xE2\x80\x8C";
  const std::string kMi = "\xD9\x85\xDB\x8C";  // می

  Map lexicon, mi_verbs, stop_words, exceptions;
  for (const std::string& w : ReadLines(argv[2], /*skip_first=*/true)) {
    lexicon[pol::text::FoldChars(w)] = "";
    if (w.size() > kMi.size() + kZwnj.size() && w.compare(0, kMi.size(), kMi) == 0 &&
        w.compare(kMi.size(), kZwnj.size(), kZwnj) == 0) {
      mi_verbs[w.substr(kMi.size() + kZwnj.size())] = "";
    }
  }
  static const char* kPastEndings[] = {"",
                                       "\xD9\x85",
                                       "\xDB\x8C",
                                       "\xDB\x8C\xD9\x85",
                                       "\xDB\x8C\xD8\xAF",
                                       "\xD9\x86\xD8\xAF"};  // "", م, ی, یم, ید, ند
  for (const std::string& stem : ReadLines(argv[5], false)) {
    for (const char* e : kPastEndings) mi_verbs[stem + e] = "";
  }
  for (const std::string& w : ReadLines(argv[3], false)) {
    if (w.find(' ') != std::string::npos) continue;
    stop_words[pol::text::FoldChars(w)] = "";
  }
  for (const std::string& line : ReadLines(argv[4], false)) {
    size_t sp = line.find_first_of(" \t");
    std::string word = line.substr(0, sp);
    std::string stem;
    if (sp != std::string::npos) {
      size_t b = line.find_first_not_of(" \t", sp);
      stem = line.substr(b);
    }
    exceptions[pol::text::FoldChars(word)] = pol::text::FoldChars(stem);
  }
  if (lexicon.size() < 1000) {
    std::cerr << "pol_text_gen: lexicon " << argv[2] << " has only " << lexicon.size() << " words\n";
    return 1;
  }

  std::string out;
  out += "// Generated by pol_text_gen from myspell-fa and src/text/data; do not edit.\n";
  out += "#include <cstdint>\n\n#include \"text/internal/data.h\"\n\nnamespace pol::text::internal {\n\n";
  EmitSet("Lexicon", lexicon, &out);
  EmitSet("MiVerbs", mi_verbs, &out);
  EmitSet("StopWords", stop_words, &out);
  EmitSet("StemExceptions", exceptions, &out);
  out += "}  // namespace pol::text::internal\n";

  std::string tmp = std::string(argv[1]) + ".tmp";
  {
    std::ofstream o(tmp, std::ios::binary);
    o << out;
    if (!o) {
      std::cerr << "pol_text_gen: cannot write " << tmp << "\n";
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), argv[1]) != 0) {
    std::cerr << "pol_text_gen: cannot rename to " << argv[1] << "\n";
    return 1;
  }
  std::cerr << "pol_text_gen: lexicon " << lexicon.size() << ", mi-verbs " << mi_verbs.size()
            << ", stop words " << stop_words.size() << ", exceptions " << exceptions.size() << "\n";
  return 0;
}
