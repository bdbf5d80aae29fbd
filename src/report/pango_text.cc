#include "report/pango_text.h"

#include <algorithm>
#include <string>
#include <vector>

namespace pol::report::internal {
namespace {

// Draws one line run by run with cairo_show_text_glyphs, the glyphs in visual order (left to right)
// and one text cluster per Pango cluster in the same order: a PDF then carries the glyphs as a
// reader expects of right-to-left text (increasing x, each glyph mapped to its characters), so
// pdftotext and viewers' search give the words in logical order. (Pango's own renderer hands cairo
// the clusters backwards; cairo then writes the glyphs in logical order, moving left, and poppler
// breaks every shaped Persian word apart.) Other surfaces just draw the glyphs.
void ShowLine(cairo_t* cr, PangoLayout* layout, PangoLayoutLine* line, double x, double baseline) {
  const char* text = pango_layout_get_text(layout);
  std::vector<cairo_glyph_t> glyphs;
  std::vector<cairo_text_cluster_t> clusters;
  std::string utf8;
  for (GSList* l = line->runs; l != nullptr; l = l->next) {
    auto* run = static_cast<PangoGlyphItem*>(l->data);
    PangoGlyphString* gs = run->glyphs;
    const PangoItem* item = run->item;
    glyphs.clear();
    clusters.clear();
    utf8.clear();
    // Each cluster's text is [start, the next cluster start in logical order).
    std::vector<int> starts(gs->log_clusters, gs->log_clusters + gs->num_glyphs);
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    auto end_of = [&](int start) {
      auto next = std::upper_bound(starts.begin(), starts.end(), start);
      return next == starts.end() ? item->length : *next;
    };
    int cursor = 0;
    for (int i = 0; i < gs->num_glyphs; ++i) {
      int start = gs->log_clusters[i];
      if (i == 0 || start != gs->log_clusters[i - 1]) {
        int bytes = end_of(start) - start;
        utf8.append(text + item->offset + start, static_cast<size_t>(bytes));
        clusters.push_back({bytes, 0});
      }
      const PangoGlyphInfo& g = gs->glyphs[i];
      if (g.glyph != PANGO_GLYPH_EMPTY && (g.glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0) {
        glyphs.push_back({g.glyph, x + static_cast<double>(cursor + g.geometry.x_offset) / PANGO_SCALE,
                          baseline + static_cast<double>(g.geometry.y_offset) / PANGO_SCALE});
        clusters.back().num_glyphs++;
      }
      cursor += g.geometry.width;
    }
    if (!glyphs.empty()) {
      cairo_set_scaled_font(cr, pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(item->analysis.font)));
      cairo_show_text_glyphs(cr, utf8.data(), static_cast<int>(utf8.size()), glyphs.data(),
                             static_cast<int>(glyphs.size()), clusters.data(),
                             static_cast<int>(clusters.size()), static_cast<cairo_text_cluster_flags_t>(0));
    }
    x += static_cast<double>(cursor) / PANGO_SCALE;
  }
}

}  // namespace

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
      ShowLine(cr, layout, pango_layout_iter_get_line_readonly(it),
               x + static_cast<double>(logical.x) / PANGO_SCALE, y + baseline - offset);
    }
    ++i;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
}

}  // namespace pol::report::internal
