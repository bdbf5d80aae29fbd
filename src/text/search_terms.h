// Search terms: what the search index stores and queries with.
//
// SearchTerms(x) = NormalizeDisplay → Tokenize → per token:
//   words     FoldChars, drop stop words, Stem (ZWNJ-aware), drop if the stem is a stop word;
//   Latin     lower-cased;
//   numbers, percentages, dates, times: folded to ASCII digits ("۱۴۰۲" → "1402",
//             "۱۲٫۵" → "12.5"; thousands separators removed: "1,250,000" → "1250000");
//   URLs, e-mails, mentions: lower-cased, whole;
//   hashtags: the words of the tag (#حقوق_کارگران → حقوق, کارگر);
//   punctuation and symbols dropped.
// Terms come out in text order (duplicates kept), so they can be shingled.
// Spellings of one word give the same terms: كتابها, کتاب ها, کتاب‌ها → کتاب.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pol::text {

std::vector<std::string> SearchTerms(std::string_view utf8);

// Appends the terms of `utf8` to *terms.
void AppendSearchTerms(std::string_view utf8, std::vector<std::string>* terms);

// The search term of one query word (same pipeline; empty if it is a stop word).
std::string SearchTerm(std::string_view word);

// FoldChars(NormalizeDisplay(utf8)).
std::string FoldForSearch(std::string_view utf8);

// The words of a search box query, in display normalization, split at spaces and line breaks, keeping
// only words that carry at least one search term (stop words and punctuation alone are dropped), at
// most `max_words` of them. Each word is meant to be matched as a phrase of its own terms
// ("بیمه‌شدگان" → بیمه شده), so any spelling variant of it finds the same documents.
std::vector<std::string> QueryWords(std::string_view query, size_t max_words = 12);

}  // namespace pol::text
