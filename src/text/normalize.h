// Display normalization of Persian text: what Pol stores and shows.
//
// NormalizeDisplay rewrites text into one canonical Persian spelling without
// losing information a reader would want (diacritics, ة, hamza forms and
// Latin digits stay; the search folding in fold.h removes them). Rules, each
// documented with examples in docs/text.md:
//   - Arabic ي ى ك ھ ہ ە ڪ → Persian ی ک ه; Arabic-Indic digits → Persian digits;
//   - presentation forms and ligatures expanded (ﻧﺎﻥ → نان, ﷲ → الله, ﷼ → ریال);
//   - tatweel, BOM, bidi controls, soft hyphens, zero-width spaces removed;
//     space variants (NBSP, thin spaces, tabs) → one space; CR LF → LF;
//   - ZWNJ: runs collapsed; removed beside spaces, at word edges and after
//     letters that do not join to the left (بندر‌ها → بندرها);
//   - verb prefixes می/نمی joined with ZWNJ when the rest is a known verb form
//     (میروم, می روم → می‌روم; میز stays); suffixes ها/های/…, تر/ترین (if
//     the lexicon knows the comparative) and ی/ای after ه joined to the word before;
//   - spaces collapsed and trimmed per line; no space after ( [ { « or before
//     ) ] } » . , : ; ! ? ، ؛ ؟ (after a word); a space after : ، ؛ ! ? ؟ . ) »
//     when a Persian letter follows and before ( « after a Persian word;
//   - URLs (http://, https://, www.) are copied untouched; numbers, dates,
//     times, percentages, e-mails, hashtags and mentions pass through whole;
//   - newlines (paragraphs) are kept: the output has as many lines as the input;
//   - invalid UTF-8 becomes U+FFFD.
// NormalizeDisplay is idempotent: NormalizeDisplay(NormalizeDisplay(x)) == NormalizeDisplay(x).
//
// Thread-safety: pure functions (a read-only table is built once, thread-safely, on first use).
#pragma once

#include <string>
#include <string_view>

namespace pol::text {

std::string NormalizeDisplay(std::string_view utf8);

// Appends NormalizeDisplay(utf8) to *out (as if `utf8` started a new line).
// Normalizing text line by line or in chunks cut at newlines gives the same
// bytes as normalizing it whole.
void NormalizeDisplayAppend(std::string_view utf8, std::string* out);

}  // namespace pol::text
