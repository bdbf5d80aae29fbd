// Word-level diff for release revisions: the longest common subsequence of
// whitespace-separated words, after trimming the common prefix and suffix.
#include <algorithm>
#include <string>
#include <vector>

#include "newsroom/releases.h"

namespace pol::newsroom {
namespace {

constexpr size_t kMaxCells = 4'000'000;  // beyond this the middle is shown as one deletion and one insertion

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\n' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

void Push(std::vector<DiffOp>& ops, const char* op, std::string_view word) {
  if (!ops.empty() && ops.back().op == op) {
    ops.back().text += ' ';
    ops.back().text += word;
  } else {
    ops.push_back({op, std::string(word)});
  }
}

}  // namespace

std::vector<DiffOp> DiffWords(std::string_view before, std::string_view after) {
  const auto a = SplitWords(before), b = SplitWords(after);
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf])
    ++suf;
  std::vector<DiffOp> ops;
  for (size_t i = 0; i < pre; ++i) Push(ops, "eq", a[i]);
  const size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= kMaxCells) {
    // lcs[i][j]: LCS length of a[pre+i..] and b[pre+j..].
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        at(i, j) = a[pre + i] == b[pre + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    size_t i = 0, j = 0;
    while (i < n && j < m) {
      if (a[pre + i] == b[pre + j]) {
        Push(ops, "eq", a[pre + i]);
        ++i, ++j;
      } else if (at(i + 1, j) >= at(i, j + 1)) {
        Push(ops, "del", a[pre + i++]);
      } else {
        Push(ops, "ins", b[pre + j++]);
      }
    }
    for (; i < n; ++i) Push(ops, "del", a[pre + i]);
    for (; j < m; ++j) Push(ops, "ins", b[pre + j]);
  } else {
    for (size_t i = 0; i < n; ++i) Push(ops, "del", a[pre + i]);
    for (size_t j = 0; j < m; ++j) Push(ops, "ins", b[pre + j]);
  }
  for (size_t i = a.size() - suf; i < a.size(); ++i) Push(ops, "eq", a[i]);
  return ops;
}

}  // namespace pol::newsroom
