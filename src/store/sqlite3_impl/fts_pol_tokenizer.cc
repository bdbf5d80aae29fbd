#include "store/sqlite3_impl/fts_pol_tokenizer.h"

#include <new>
#include <string>
#include <vector>

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

int Tokenize(Fts5Tokenizer*, void* ctx, int /*flags*/, const char* text, int n,
             int (*emit)(void*, int, const char*, int, int, int)) {
  if (n <= 0 || text == nullptr) return SQLITE_OK;
  try {
    const std::string_view input(text, static_cast<size_t>(n));
    std::vector<std::string> terms;
    for (const text::Token& t : text::Tokenize(input)) {
      if (t.kind == text::TokenKind::kPunct || t.kind == text::TokenKind::kSymbol) continue;
      terms.clear();
      text::AppendSearchTerms(t.text, &terms);
      const int start = static_cast<int>(t.offset);
      const int end = static_cast<int>(t.offset + t.length);
      for (const std::string& term : terms) {
        if (term.empty()) continue;
        int rc = emit(ctx, 0, term.data(), static_cast<int>(term.size()), start, end);
        if (rc != SQLITE_OK) return rc;
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
