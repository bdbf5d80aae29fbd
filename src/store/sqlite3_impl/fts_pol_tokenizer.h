// "pol": an FTS5 tokenizer built on the Persian text core. Each token of
// text::Tokenize becomes the search terms of text::AppendSearchTerms (display
// normalization, character folding, stop words dropped, stemming), reported
// with the byte span of the original token, so snippet()/highlight() mark the
// words as written. Any spelling variant a person may type (ي/ی, ك/ک, hamza
// forms, ZWNJ or not, Persian/Arabic/Latin digits) gives the same terms, so
// `تأمين اجتماعي` matches `تامین اجتماعی`:
//
//   CREATE VIRTUAL TABLE x USING fts5(title, body, tokenize = 'pol');
//
// Note: an index built with one version of the text core must be rebuilt
// ('rebuild' command) when a later version changes the terms it produces.
#pragma once

#include <sqlite3.h>

#include "base/status.h"

namespace pol::store {

// Registers the tokenizer on one connection (needs FTS5 in the linked SQLite).
Status RegisterPolFtsTokenizer(sqlite3* db);

}  // namespace pol::store
