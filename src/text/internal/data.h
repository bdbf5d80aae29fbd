// Data compiled into pol_text by tools/gen_data.cc (see that file for what
// each set holds). Thread-safety: immutable.
#pragma once

#include "text/internal/static_set.h"

namespace pol::text::internal {

extern const StaticStringSet kLexicon;
extern const StaticStringSet kMiVerbs;
extern const StaticStringSet kStopWords;
extern const StaticStringSet kStemExceptions;

}  // namespace pol::text::internal
