// Internal to report/: Pango text set right to left with Vazirmatn, shared by the PDF and the charts.
//
// Contract: a TextContext is a PangoContext over the Fonts' font map, base direction RTL, resolution
// 72 dpi (1 Pango point = 1 user unit), hint metrics off (the same layout on PDF, PNG and SVG).
// MakeLayout sets plain text (pango_layout_set_text: markup is never parsed) with the given size,
// weight, width (wrapping at words, then characters) and physical alignment. DrawLayout draws a
// layout's lines [first, last) with its top at y after skipping the lines before `first`.
// Thread-safety: the caller holds the Fonts lock while any of these objects lives.
#pragma once

#include <pango/pangocairo.h>

#include <memory>
#include <string_view>

#include "report/fonts.h"

namespace pol::report::internal {

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;

ContextPtr MakeTextContext(const Fonts& fonts);

enum class HAlign { kRight, kCenter, kLeft };

struct TextStyle {
  double size = 10;  // points
  bool bold = false;
  HAlign align = HAlign::kRight;
};

// width <= 0: no wrapping (the layout is as wide as its text).
LayoutPtr MakeLayout(PangoContext* context, std::string_view text, const TextStyle& style, double width);

// Size of a layout in user units.
double LayoutHeight(PangoLayout* layout);
double LayoutWidth(PangoLayout* layout);
int LineCount(PangoLayout* layout);
// Top and bottom (user units, from the layout's top) of line i.
void LineSpan(PangoLayout* layout, int line, double* top, double* bottom);

// Draws the whole layout with its top-left corner at (x, y) in the current source colour.
void DrawLayout(cairo_t* cr, PangoLayout* layout, double x, double y);
// Draws lines [first, last) so that line `first`'s top lands at y.
void DrawLayoutLines(cairo_t* cr, PangoLayout* layout, double x, double y, int first, int last);

}  // namespace pol::report::internal
