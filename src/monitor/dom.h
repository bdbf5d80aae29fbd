// Small helpers over gumbo's DOM shared by the article extractor (extract.cc): attributes, class
// words, an iterative walk (no recursion: hostile pages nest deeply), block-aware text, and the simple
// selector syntax of a source's extraction settings. Internal to monitor/; stateless and thread-safe.
#pragma once

#include <gumbo.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pol::monitor::dom {

const char* Attr(const GumboNode* n, const char* name);
bool HasClassWord(const GumboNode* n, std::string_view word);
bool ClassOrIdContains(const GumboNode* n, std::string_view part);
// Pre-order over elements (and the document); `fn` returning false skips the node's children.
// Iterative: the depth of a page never reaches the call stack.
void Walk(const GumboNode* root, const std::function<bool(const GumboNode*)>& fn);
bool IsBlock(GumboTag t);
void AppendRun(const char* text, std::string* out);
void Newline(std::string* out);
// Text with whitespace collapsed; block boundaries become '\n'. Iterative (explicit stack); a null
// entry marks the end of a block element.
void AppendText(const GumboNode* root, std::string* out);
std::string TextOf(const GumboNode* n);
std::vector<std::string> SplitLines(const std::string& s);
// Simple selectors: tag, .class, #id, tag.class, [attr=value].
bool Matches(const GumboNode* n, const std::string& sel);
const GumboNode* FindFirst(const GumboNode* root, const std::function<bool(const GumboNode*)>& pred);

}  // namespace pol::monitor::dom
