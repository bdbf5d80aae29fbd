// `pol demo --week`: the demo council's last seven days, so a new user sees a living product — a
// release a day from six member agencies, each with a photo (drawn here, stored through the media
// library), published on its day; the outlets' reprints of them and other items about the agencies
// (and some that are not) in monitoring, dated over the week, with the pickups found as `pol serve` finds
// them; citizens' requests in every state (open and overdue, assigned, answered, closed with each
// outcome, merged duplicates, transferred).
//
// Idempotent: a second run finds the week's first release and changes nothing. Plain `pol demo` (what
// the tests load) does not include the week.
//
// Thread-safety: single-threaded (the CLI).
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"
#include "cli/config.h"
#include "store/db.h"

namespace pol::cli {

struct DemoWeekResult {
  bool already_loaded = false;
  int releases = 0, items = 0, requests = 0;
};

StatusOr<DemoWeekResult> LoadDemoWeek(store::Database* db, const Config& config, int64_t council_id);

// A real (decodable) RGB PNG of `width` × `height`: a diagonal gradient from (r, g, b) with a pale disc,
// deflate-stored (no compression library needed). The media library decodes it like any upload
// (tests/e2e/demo_week.test.mjs fetches the resulting JPEG variant).
std::string DemoPhotoPng(int width, int height, uint8_t r, uint8_t g, uint8_t b);

}  // namespace pol::cli
