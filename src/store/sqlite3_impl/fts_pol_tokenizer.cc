#include "store/sqlite3_impl/fts_pol_tokenizer.h"

#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "store/search_document.h"

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

int Tokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int n,
             int (*emit)(void*, int, const char*, int, int, int)) {
  if (n <= 0 || text == nullptr) return SQLITE_OK;
  try {
    const bool document = (flags & FTS5_TOKENIZE_DOCUMENT) != 0;
    int rc = SQLITE_OK;
    ForEachSearchTerm(std::string_view(text, static_cast<size_t>(n)), document,
                      [&](const std::string& term, bool colocated, size_t start, size_t end) {
                        rc = emit(ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, term.data(),
                                  static_cast<int>(term.size()), static_cast<int>(start),
                                  static_cast<int>(end));
                        return rc == SQLITE_OK;
                      });
    return rc;
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
