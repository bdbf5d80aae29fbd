// Internal to report/: a PNG or JPEG file as a cairo image surface (the type from the magic bytes).
// A JPEG keeps its original bytes attached as CAIRO_MIME_TYPE_JPEG, so the PDF embeds the JPEG as is.
// Errors: "report_bad_image" (unreadable, neither PNG nor JPEG, corrupt, over 40 megapixels).
// Thread-safety: pure function.
#pragma once

#include <cairo.h>

#include <memory>
#include <string>

#include "base/status.h"

namespace pol::report::internal {

struct SurfaceDestroy {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDestroy>;

[[nodiscard]] StatusOr<std::shared_ptr<cairo_surface_t>> LoadImage(const std::string& path);

}  // namespace pol::report::internal
