// Internal to report/: lays a PdfDocument out into pages of drawing operations (so the page count is
// known before the footers «صفحه ۲ از ۵» are drawn) and draws a page with its header and footer.
// Units are PDF points; the page is A4 in the document's orientation.
// Thread-safety: the caller holds the Fonts lock for the life of the pages (they keep Pango layouts).
#pragma once

#include <cairo.h>

#include <functional>
#include <vector>

#include "base/status.h"
#include "report/pango_text.h"
#include "report/pdf_document.h"

namespace pol::report::internal {

using DrawOp = std::function<void(cairo_t*)>;

struct LaidOutPage {
  std::vector<DrawOp> ops;
};

struct PageSize {
  double width = 0;
  double height = 0;
};
PageSize PageSizeOf(Orientation orientation);

[[nodiscard]] StatusOr<std::vector<LaidOutPage>> LayOut(const PdfDocument& doc, const Fonts& fonts,
                                                        PangoContext* context);

// Paints the page white, then its header, footer (index is 0-based) and operations.
void DrawPage(cairo_t* cr, const PdfDocument& doc, PangoContext* context, const LaidOutPage& page, int index,
              int count);

}  // namespace pol::report::internal
