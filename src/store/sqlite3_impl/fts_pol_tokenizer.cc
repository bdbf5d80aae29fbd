#include "store/sqlite3_impl/fts_pol_tokenizer.h"

#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/compounds.h"
#include "text/normalize.h"
#include "text/search_terms.h"
#include "text/tokenizer.h"

namespace pol::store {
namespace {

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

// The tokenizer has no state; one static object stands for every instance.
struct PolTokenizer {};
PolTokenizer g_instance;

int Create(void*, const char**, int, Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(&g_instance);
  return SQLITE_OK;
}

void Delete(Fts5Tokenizer*) {}

constexpr std::string_view kZwnj = "\xE2\x80\x8C";

// The terms of the parts of a ZWNJ compound ("بیمه‌شدگان" → بیمه), other than `whole`
// itself.
void CompoundPartTerms(std::string_view word, const std::string& whole, std::vector<std::string>* out) {
  out->clear();
  // Split before normalizing: display normalization drops a ZWNJ after a letter that does not join
  // (مدیر‌کل → مدیرکل), which would hide the parts.
  std::string_view rest = word;
  while (!rest.empty()) {
    const size_t cut = rest.find(kZwnj);
    text::AppendSearchTerms(rest.substr(0, cut), out);
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + kZwnj.size());
  }
  std::erase(*out, whole);
}

// True if only spaces separate tokens `a` and `b` of `input`.
bool OnlySpacesBetween(std::string_view input, const text::Token& a, const text::Token& b) {
  const size_t from = a.offset + a.length;
  if (b.offset <= from) return false;
  for (size_t k = from; k < b.offset; ++k) {
    if (input[k] != ' ') return false;
  }
  return true;
}

int Tokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int n,
             int (*emit)(void*, int, const char*, int, int, int)) {
  if (n <= 0 || text == nullptr) return SQLITE_OK;
  try {
    const std::string_view input(text, static_cast<size_t>(n));
    const bool document = (flags & FTS5_TOKENIZE_DOCUMENT) != 0;
    std::vector<std::string> terms, parts;
    const std::vector<text::Token> tokens = text::Tokenize(input);
    for (size_t i = 0; i < tokens.size(); ++i) {
      const text::Token& t = tokens[i];
      if (t.kind == text::TokenKind::kPunct || t.kind == text::TokenKind::kSymbol) continue;
      // A known compound written with a space (مدیر کل) is one term, as if written with ZWNJ; one
      // written joined (مدیرکل) has its parts indexed like a ZWNJ compound (text/compounds.h).
      std::optional<std::string> compound;
      size_t last = i;
      if (t.kind == text::TokenKind::kWord) {
        if (i + 1 < tokens.size() && tokens[i + 1].kind == text::TokenKind::kWord &&
            OnlySpacesBetween(input, t, tokens[i + 1])) {
          compound =
              text::JoinCompound(text::NormalizeDisplay(t.text), text::NormalizeDisplay(tokens[i + 1].text));
          if (compound) last = i + 1;
        }
        if (!compound) compound = text::SplitJoinedCompound(text::NormalizeDisplay(t.text));
      }
      const std::string_view word = compound ? std::string_view(*compound) : t.text;
      terms.clear();
      text::AppendSearchTerms(word, &terms);
      const int start = static_cast<int>(t.offset);
      const int end = static_cast<int>(tokens[last].offset + tokens[last].length);
      i = last;
      for (const std::string& term : terms) {
        if (term.empty()) continue;
        int rc = emit(ctx, 0, term.data(), static_cast<int>(term.size()), start, end);
        if (rc != SQLITE_OK) return rc;
      }
      // A compound written with ZWNJ is one term ("بیمه‌شدگان" → بیمهشده). In documents its parts
      // are indexed too, at the same position, so a query that spells it apart ("بیمه شدگان") or names one
      // part ("بیمه") finds it. Queries are not expanded, so the compound itself stays precise.
      if (document && terms.size() == 1 && word.find(kZwnj) != std::string_view::npos) {
        CompoundPartTerms(word, terms.front(), &parts);
        for (const std::string& part : parts) {
          int rc = emit(ctx, FTS5_TOKEN_COLOCATED, part.data(), static_cast<int>(part.size()), start, end);
          if (rc != SQLITE_OK) return rc;
        }
      }
    }
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

}  // namespace

Status RegisterPolFtsTokenizer(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr) return Internal("sqlite: FTS5 is not available");
  fts5_tokenizer tokenizer{Create, Delete, Tokenize};
  int rc = api->xCreateTokenizer(api, "pol", nullptr, &tokenizer, nullptr);
  if (rc != SQLITE_OK) return Internal("sqlite: registering the pol tokenizer failed: " + std::to_string(rc));
  return Status::Ok();
}

}  // namespace pol::store
