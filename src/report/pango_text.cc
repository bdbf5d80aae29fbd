#include "report/pango_text.h"

#include <string>

namespace pol::report::internal {

ContextPtr MakeTextContext(const Fonts& fonts) {
  ContextPtr context(pango_font_map_create_context(fonts.font_map()));
  pango_cairo_context_set_resolution(context.get(), 72);
  pango_context_set_base_dir(context.get(), PANGO_DIRECTION_RTL);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context.get(), options);
  cairo_font_options_destroy(options);
  return context;
}

LayoutPtr MakeLayout(PangoContext* context, std::string_view text, const TextStyle& style, double width) {
  LayoutPtr layout(pango_layout_new(context));
  pango_layout_set_auto_dir(layout.get(), FALSE);  // every paragraph reads right to left
  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, std::string(kFontFamily).c_str());
  pango_font_description_set_weight(desc, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(desc, style.size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), desc);
  pango_font_description_free(desc);
  if (width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  }
  switch (style.align) {
    case HAlign::kRight:
      pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
      break;
    case HAlign::kCenter:
      pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
      break;
    case HAlign::kLeft:
      pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT);
      break;
  }
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

double LayoutHeight(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

double LayoutWidth(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(w) / PANGO_SCALE;
}

int LineCount(PangoLayout* layout) { return pango_layout_get_line_count(layout); }

void LineSpan(PangoLayout* layout, int line, double* top, double* bottom) {
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  for (int i = 0; i < line && pango_layout_iter_next_line(it);) ++i;
  int y0 = 0, y1 = 0;
  pango_layout_iter_get_line_yrange(it, &y0, &y1);
  pango_layout_iter_free(it);
  *top = static_cast<double>(y0) / PANGO_SCALE;
  *bottom = static_cast<double>(y1) / PANGO_SCALE;
}

void DrawLayout(cairo_t* cr, PangoLayout* layout, double x, double y) {
  DrawLayoutLines(cr, layout, x, y, 0, LineCount(layout));
}

void DrawLayoutLines(cairo_t* cr, PangoLayout* layout, double x, double y, int first, int last) {
  pango_cairo_update_layout(cr, layout);
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  double offset = 0;
  int i = 0;
  do {
    if (i >= last) break;
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    int y0 = 0, y1 = 0;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    if (i == first) offset = static_cast<double>(y0) / PANGO_SCALE;
    if (i >= first) {
      double baseline = static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
      cairo_move_to(cr, x + static_cast<double>(logical.x) / PANGO_SCALE, y + baseline - offset);
      pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
    }
    ++i;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
}

}  // namespace pol::report::internal
