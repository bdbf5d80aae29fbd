// The demo newsroom: the council's founding article, as the first published
// release of the directorate-general (agency slug "tkr"). The caller reads the
// article file; this code does no I/O.
#pragma once

#include <string_view>

#include "newsroom/releases.h"

namespace pol::newsroom {

// Title: the article's first sentence; lead: its first paragraph; body: the
// rest, one <p> per paragraph; source line «بین نیوز». Does nothing when the
// agency already has a release with that title.
StatusOr<store::Release> LoadFoundingArticle(store::Database* db, ReleaseService* releases,
                                             int64_t council_id, std::string_view article);

}  // namespace pol::newsroom
