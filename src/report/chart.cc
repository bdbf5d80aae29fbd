#include "report/chart.h"

#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "report/pango_text.h"
#include "report/table.h"

namespace pol::report {
namespace {

using internal::DrawLayout;
using internal::HAlign;
using internal::LayoutHeight;
using internal::LayoutWidth;
using internal::MakeLayout;

constexpr Rgb kInk = {0.15, 0.15, 0.18};
constexpr Rgb kAxis = {0.45, 0.45, 0.48};
constexpr Rgb kGrid = {0.88, 0.88, 0.90};
constexpr size_t kMaxCategories = 1000;

Status BadChart(std::string message) { return InvalidArgument("report_bad_chart", std::move(message)); }

void SetColour(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }
Rgb SeriesColour(size_t i) { return kPalette[i % kPalette.size()]; }

int TickDecimals(const std::vector<double>& ticks) {
  if (ticks.size() < 2) return 0;
  double step = ticks[1] - ticks[0];
  int d = 0;
  while (d < 6 && std::fabs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-9) ++d;
  return d;
}

struct Box {
  double x, y, w, h;
};

class Painter {
 public:
  Painter(const ChartSpec& spec, const Fonts& fonts, cairo_t* cr)
      : spec_(spec), cr_(cr), context_(internal::MakeTextContext(fonts)) {}

  void Paint(Box box) {
    cairo_save(cr_);
    if (!spec_.title.empty()) {
      auto title = MakeLayout(context_.get(), spec_.title,
                              {.size = 11, .bold = true, .align = HAlign::kCenter}, box.w);
      SetColour(cr_, kInk);
      DrawLayout(cr_, title.get(), box.x, box.y);
      double th = LayoutHeight(title.get()) + 4;
      box.y += th;
      box.h -= th;
    }
    bool legend = spec_.kind == ChartKind::kDonut || (spec_.legend && spec_.series.size() >= 2);
    if (legend) box.h -= DrawLegend(box);
    switch (spec_.kind) {
      case ChartKind::kDonut:
        PaintDonut(box);
        break;
      case ChartKind::kHorizontalBar:
        PaintHorizontal(box);
        break;
      default:
        PaintVertical(box);
        break;
    }
    cairo_restore(cr_);
  }

 private:
  internal::LayoutPtr Text(std::string_view s, double size, HAlign align = HAlign::kCenter, double width = -1,
                           bool bold = false) {
    return MakeLayout(context_.get(), s, {.size = size, .bold = bold, .align = align}, width);
  }

  // Legend along the bottom, right to left; returns the height it took.
  double DrawLegend(Box box) {
    std::vector<std::string> names;
    if (spec_.kind == ChartKind::kDonut) {
      names = spec_.categories;
    } else {
      for (const Series& s : spec_.series) names.push_back(s.name);
    }
    double x = box.x + box.w, y = box.y + box.h - 14;
    for (size_t i = 0; i < names.size(); ++i) {
      auto label = Text(names[i], 8.5, HAlign::kRight);
      double lw = LayoutWidth(label.get());
      if (x - lw - 14 < box.x) break;  // no room: the rest of the legend is left out
      cairo_rectangle(cr_, x - 9, y + 3, 8, 8);
      SetColour(cr_, SeriesColour(i));
      cairo_fill(cr_);
      SetColour(cr_, kInk);
      DrawLayout(cr_, label.get(), x - 12 - lw, y);
      x -= lw + 28;
    }
    return 18;
  }

  // Min and max of what is drawn (stacked: the sums).
  void ValueRange(double* lo, double* hi) const {
    *lo = 0;
    *hi = 0;
    for (size_t c = 0; c < spec_.categories.size(); ++c) {
      double sum = 0;
      for (const Series& s : spec_.series) {
        sum += s.values[c];
        *lo = std::min(*lo, s.values[c]);
        *hi = std::max(*hi, s.values[c]);
      }
      if (spec_.kind == ChartKind::kStackedBar) *hi = std::max(*hi, sum);
    }
  }

  void PaintVertical(Box box) {
    double lo = 0, hi = 0;
    ValueRange(&lo, &hi);
    std::vector<double> ticks = NiceTicks(lo, hi);
    int decimals = TickDecimals(ticks);
    // The value axis on the right: tick labels take the right margin.
    double axis_w = 8;
    std::vector<internal::LayoutPtr> tick_labels;
    for (double t : ticks) {
      tick_labels.push_back(Text(FormatNumber(t, decimals), 8, HAlign::kLeft));
      axis_w = std::max(axis_w, LayoutWidth(tick_labels.back().get()) + 8);
    }
    double label_h = 16;
    Box plot{box.x + 4, box.y + 6, box.w - axis_w - 4, box.h - label_h - 10};
    if (!spec_.value_label.empty()) {
      auto unit = Text(spec_.value_label, 8, HAlign::kRight);
      SetColour(cr_, kAxis);
      DrawLayout(cr_, unit.get(), plot.x + plot.w + axis_w - LayoutWidth(unit.get()), box.y - 4);
      plot.y += 10;
      plot.h -= 10;
    }
    double v0 = ticks.front(), v1 = ticks.back();
    auto ymap = [&](double v) { return plot.y + plot.h - (v - v0) / (v1 - v0) * plot.h; };
    cairo_set_line_width(cr_, 0.5);
    for (size_t i = 0; i < ticks.size(); ++i) {
      double y = ymap(ticks[i]);
      SetColour(cr_, ticks[i] == 0 ? kAxis : kGrid);
      cairo_move_to(cr_, plot.x, y);
      cairo_line_to(cr_, plot.x + plot.w, y);
      cairo_stroke(cr_);
      SetColour(cr_, kAxis);
      DrawLayout(cr_, tick_labels[i].get(), plot.x + plot.w + 6, y - LayoutHeight(tick_labels[i].get()) / 2);
    }
    size_t n = spec_.categories.size();
    double band = plot.w / static_cast<double>(n);
    auto xcenter = [&](size_t c) { return plot.x + plot.w - (static_cast<double>(c) + 0.5) * band; };
    DrawCategoryLabels(n, band, xcenter, plot.y + plot.h + 3);
    if (spec_.kind == ChartKind::kLine) {
      PaintLines(n, xcenter, ymap, band);
      return;
    }
    double group = band * 0.72;
    size_t ns = spec_.series.size();
    for (size_t c = 0; c < n; ++c) {
      double base_pos = 0, base_neg = 0;
      for (size_t s = 0; s < ns; ++s) {
        double v = spec_.series[s].values[c];
        double left, width, top, bottom;
        if (spec_.kind == ChartKind::kStackedBar) {
          left = xcenter(c) - group / 2;
          width = group;
          top = ymap(base_pos + v);
          bottom = ymap(base_pos);
          base_pos += v;
        } else {
          width = group / static_cast<double>(ns);
          // The first series stands at the right of its group.
          left = xcenter(c) + group / 2 - static_cast<double>(s + 1) * width;
          top = ymap(std::max(v, 0.0));
          bottom = ymap(std::min(v, 0.0));
        }
        (void)base_neg;
        cairo_rectangle(cr_, left, top, width, std::max(bottom - top, 0.0));
        SetColour(cr_, SeriesColour(s));
        cairo_fill(cr_);
        if (spec_.value_labels && spec_.kind == ChartKind::kBar) {
          auto label = Text(FormatNumber(v, spec_.decimals), 7.5, HAlign::kCenter);
          SetColour(cr_, kInk);
          DrawLayout(cr_, label.get(), left + width / 2 - LayoutWidth(label.get()) / 2, top - 11);
        }
      }
    }
  }

  template <typename XMap, typename YMap>
  void PaintLines(size_t n, XMap xcenter, YMap ymap, double band) {
    double radius = std::clamp(band / 4, 1.2, 3.0);
    for (size_t s = 0; s < spec_.series.size(); ++s) {
      const Series& series = spec_.series[s];
      SetColour(cr_, SeriesColour(s));
      cairo_set_line_width(cr_, 1.8);
      cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
      for (size_t c = 0; c < n; ++c) {
        if (c == 0) {
          cairo_move_to(cr_, xcenter(c), ymap(series.values[c]));
        } else {
          cairo_line_to(cr_, xcenter(c), ymap(series.values[c]));
        }
      }
      cairo_stroke(cr_);
      for (size_t c = 0; c < n; ++c) {
        cairo_new_sub_path(cr_);
        cairo_arc(cr_, xcenter(c), ymap(series.values[c]), radius, 0, 2 * std::numbers::pi);
        cairo_fill(cr_);
      }
      // Spike markers: a red triangle above the point and a ring around it.
      for (size_t c : series.spikes) {
        double x = xcenter(c), y = ymap(series.values[c]);
        SetColour(cr_, kSpikeColour);
        cairo_set_line_width(cr_, 1.2);
        cairo_new_sub_path(cr_);
        cairo_arc(cr_, x, y, radius + 3, 0, 2 * std::numbers::pi);
        cairo_stroke(cr_);
        cairo_move_to(cr_, x, y - radius - 6);
        cairo_line_to(cr_, x - 4, y - radius - 13);
        cairo_line_to(cr_, x + 4, y - radius - 13);
        cairo_close_path(cr_);
        cairo_fill(cr_);
        SetColour(cr_, SeriesColour(s));
      }
    }
  }

  // Category labels under the plot; when they would collide only every k-th is drawn.
  template <typename XMap>
  void DrawCategoryLabels(size_t n, double band, XMap xcenter, double y) {
    double widest = 1;
    std::vector<internal::LayoutPtr> labels;
    for (const std::string& c : spec_.categories) {
      labels.push_back(Text(c, 7.5, HAlign::kCenter));
      widest = std::max(widest, LayoutWidth(labels.back().get()));
    }
    size_t every = std::max<size_t>(1, static_cast<size_t>(std::ceil((widest + 4) / band)));
    SetColour(cr_, kAxis);
    for (size_t c = 0; c < n; c += every) {
      DrawLayout(cr_, labels[c].get(), xcenter(c) - LayoutWidth(labels[c].get()) / 2, y);
    }
  }

  void PaintHorizontal(Box box) {
    double lo = 0, hi = 0;
    ValueRange(&lo, &hi);
    std::vector<double> ticks = NiceTicks(lo, hi);
    int decimals = TickDecimals(ticks);
    size_t n = spec_.categories.size();
    // Category labels at the right, in a column up to a third of the width.
    double label_w = 0;
    std::vector<internal::LayoutPtr> labels;
    for (const std::string& c : spec_.categories) {
      labels.push_back(Text(c, 8, HAlign::kRight));
      label_w = std::max(label_w, LayoutWidth(labels.back().get()));
    }
    label_w = std::min(label_w + 8, box.w / 3);
    Box plot{box.x + 6, box.y + 4, box.w - label_w - 6, box.h - 18};
    double v0 = ticks.front(), v1 = ticks.back();
    // Values grow leftwards from the right edge of the plot.
    auto xmap = [&](double v) { return plot.x + plot.w - (v - v0) / (v1 - v0) * plot.w; };
    cairo_set_line_width(cr_, 0.5);
    for (double t : ticks) {
      double x = xmap(t);
      SetColour(cr_, t == 0 ? kAxis : kGrid);
      cairo_move_to(cr_, x, plot.y);
      cairo_line_to(cr_, x, plot.y + plot.h);
      cairo_stroke(cr_);
      auto label = Text(FormatNumber(t, decimals), 7.5, HAlign::kCenter);
      SetColour(cr_, kAxis);
      DrawLayout(cr_, label.get(), x - LayoutWidth(label.get()) / 2, plot.y + plot.h + 3);
    }
    double band = plot.h / static_cast<double>(n);
    double group = band * 0.72;
    size_t ns = spec_.series.size();
    for (size_t c = 0; c < n; ++c) {
      double top = plot.y + static_cast<double>(c) * band + (band - group) / 2;
      SetColour(cr_, kInk);
      pango_layout_set_width(labels[c].get(), static_cast<int>((label_w - 8) * PANGO_SCALE));
      pango_layout_set_ellipsize(labels[c].get(), PANGO_ELLIPSIZE_END);
      DrawLayout(cr_, labels[c].get(), plot.x + plot.w + 6,
                 top + group / 2 - LayoutHeight(labels[c].get()) / 2);
      double h = group / static_cast<double>(ns);
      for (size_t s = 0; s < ns; ++s) {
        double v = spec_.series[s].values[c];
        double a = xmap(std::max(v, 0.0)), b = xmap(std::min(v, 0.0));
        cairo_rectangle(cr_, a, top + static_cast<double>(s) * h, std::max(b - a, 0.0), h);
        SetColour(cr_, SeriesColour(s));
        cairo_fill(cr_);
        if (spec_.value_labels) {
          auto label = Text(FormatNumber(v, spec_.decimals), 7.5, HAlign::kLeft);
          SetColour(cr_, kInk);
          DrawLayout(cr_, label.get(), a - LayoutWidth(label.get()) - 3,
                     top + static_cast<double>(s) * h + h / 2 - LayoutHeight(label.get()) / 2);
        }
      }
    }
  }

  void PaintDonut(Box box) {
    const Series& s = spec_.series.front();
    double total = 0;
    for (double v : s.values) total += v;
    double r = std::min(box.w, box.h) / 2 - 4;
    double cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    double angle = -std::numbers::pi / 2;
    for (size_t i = 0; i < s.values.size() && total > 0; ++i) {
      // Slices run counter-clockwise from the top: the reading direction of an RTL page.
      double sweep = s.values[i] / total * 2 * std::numbers::pi;
      if (sweep <= 0) continue;
      cairo_new_path(cr_);
      cairo_arc_negative(cr_, cx, cy, r, angle, angle - sweep);
      cairo_arc(cr_, cx, cy, r * 0.55, angle - sweep, angle);
      cairo_close_path(cr_);
      SetColour(cr_, SeriesColour(i));
      cairo_fill(cr_);
      angle -= sweep;
    }
    auto label = Text(FormatNumber(total, spec_.decimals), 12, HAlign::kCenter, -1, true);
    SetColour(cr_, kInk);
    DrawLayout(cr_, label.get(), cx - LayoutWidth(label.get()) / 2, cy - LayoutHeight(label.get()) / 2);
  }

  const ChartSpec& spec_;
  cairo_t* cr_;
  internal::ContextPtr context_;
};

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

Status CheckSize(int width, int height) {
  if (width < 100 || height < 80 || width > 4000 || height > 4000) {
    return BadChart("اندازهٔ نمودار باید بین ۱۰۰×۸۰ و ۴۰۰۰×۴۰۰۰ باشد.");
  }
  return Status::Ok();
}

}  // namespace

Status ValidateChart(const ChartSpec& spec) {
  if (spec.categories.empty()) return BadChart("نمودار دسته‌ای ندارد.");
  if (spec.categories.size() > kMaxCategories) return BadChart("نمودار بیش از ۱۰۰۰ دسته دارد.");
  if (spec.series.empty()) return BadChart("نمودار سری داده‌ای ندارد.");
  if (spec.kind == ChartKind::kDonut && spec.series.size() != 1)
    return BadChart("نمودار حلقه‌ای یک سری دارد.");
  for (const Series& s : spec.series) {
    if (s.values.size() != spec.categories.size()) {
      return BadChart("شمار مقدارهای سری «" + s.name +
                      "» با شمار دسته‌ها برابر نیست.");
    }
    for (double v : s.values) {
      if (!std::isfinite(v)) return BadChart("سری «" + s.name + "» مقدار نامعتبر دارد.");
      if (v < 0 && (spec.kind == ChartKind::kStackedBar || spec.kind == ChartKind::kDonut)) {
        return BadChart(
            "نمودار انباشته یا حلقه‌ای مقدار منفی نمی‌پذیرد.");
      }
    }
    for (size_t i : s.spikes) {
      if (i >= s.values.size())
        return BadChart("نشانگر جهش بیرون از دسته‌های نمودار است.");
    }
  }
  return Status::Ok();
}

std::vector<double> NiceTicks(double min, double max, int target) {
  double lo = std::min(0.0, min), hi = std::max(0.0, max);
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {0, 1};
  if (hi - lo <= 0) hi = lo + 1;
  target = std::clamp(target, 2, 20);
  double raw = (hi - lo) / target;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * mag >= raw * (1 - 1e-9)) {
      step = m * mag;
      break;
    }
  }
  double start = std::floor(lo / step + 1e-9) * step;
  double end = std::ceil(hi / step - 1e-9) * step;
  std::vector<double> ticks;
  for (double t = start; t <= end + step * 1e-6; t += step) {
    ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : std::round(t / step) * step);
  }
  return ticks;
}

Status DrawChart(const ChartSpec& spec, const Fonts& fonts, cairo_t* cr, double x, double y, double w,
                 double h) {
  POL_RETURN_IF_ERROR(ValidateChart(spec));
  Painter(spec, fonts, cr).Paint({x, y, w, h});
  return Status::Ok();
}

StatusOr<std::string> ChartSvg(const ChartSpec& spec, const Fonts& fonts, int width, int height) {
  POL_RETURN_IF_ERROR(CheckSize(width, height));
  POL_RETURN_IF_ERROR(ValidateChart(spec));
  MutexLock lock(&fonts.lock());
  std::string out;
  cairo_surface_t* surface = cairo_svg_surface_create_for_stream(AppendToString, &out, width, height);
  cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
  cairo_t* cr = cairo_create(surface);
  Painter(spec, fonts, cr).Paint({8, 8, width - 16.0, height - 16.0});
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Status(StatusCode::kInternal, "report_render_failed", "نمودار ساخته نشد.");
  }
  return out;
}

StatusOr<std::string> ChartPng(const ChartSpec& spec, const Fonts& fonts, int width, int height) {
  POL_RETURN_IF_ERROR(CheckSize(width, height));
  POL_RETURN_IF_ERROR(ValidateChart(spec));
  MutexLock lock(&fonts.lock());
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  Painter(spec, fonts, cr).Paint({8, 8, width - 16.0, height - 16.0});
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  std::string out;
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream(surface, AppendToString, &out);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Status(StatusCode::kInternal, "report_render_failed", "نمودار ساخته نشد.");
  }
  return out;
}

}  // namespace pol::report
