#include "text/stopwords.h"

#include <string>

#include "text/fold.h"
#include "text/internal/data.h"

namespace pol::text {

bool IsStopWord(std::string_view term) {
  if (internal::kStopWords.Contains(term)) return true;
  std::string folded = FoldChars(term);
  return folded != term && internal::kStopWords.Contains(folded);
}

size_t StopWordCount() { return internal::kStopWords.size; }

}  // namespace pol::text
