// The one chart module: bar (vertical; grouped when there are several series), stacked bar, line
// (one or more series, optional spike markers), horizontal bar (ranked lists) and donut, drawn with
// Cairo onto a cairo_t (the PDF uses this) and exported as SVG (the console shows the server's SVG,
// so console and reports share one drawing) and PNG.
//
// Contract:
// - The caller supplies every label (Persian series names, category labels such as Jalali days or
//   months already formatted); the module draws values and ticks in Persian digits (FormatNumber).
// - Right-to-left: the first category is drawn at the right and categories run leftwards; the value
//   axis and its ticks are on the right. Horizontal bars are ranked top-down in the caller's order,
//   labels at the right, bars growing leftwards.
// - The value axis has "nice" ticks (1, 2, 2.5, 5 × 10^k) from NiceTicks, always including zero.
// - Colours come from one palette (kPalette: Okabe–Ito, colour-blind safe), series i takes colour
//   i mod 8; spike markers are drawn in kSpikeColour.
// - Drawing structure tests rely on: each bar (each bar segment when stacked, each donut slice) is
//   one filled path in its series' colour, and each line point one filled circle in its series'
//   colour; no other shape is filled in a palette colour except the legend swatches (one per series,
//   drawn only when `legend` and there are at least two series, or for a donut).
// - ValidateChart refuses (api code "report_bad_chart", Persian message): no categories, a series
//   whose length differs from the categories, NaN/inf values, negative values in a stacked bar or
//   donut, a spike index out of range, more than 1000 categories.
// Thread-safety: DrawChart needs the Fonts lock held by the caller (the PDF renderer holds it);
// ChartSvg and ChartPng take it themselves. Specs are values.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "report/fonts.h"

typedef struct _cairo cairo_t;

namespace pol::report {

enum class ChartKind { kBar, kStackedBar, kLine, kHorizontalBar, kDonut };

struct Series {
  std::string name;            // Persian, shown in the legend
  std::vector<double> values;  // one per category
  std::vector<size_t> spikes;  // line charts: indices of points to mark as spikes
};

struct ChartSpec {
  ChartKind kind = ChartKind::kBar;
  std::string title;                    // drawn at the top when not empty
  std::vector<std::string> categories;  // labels, in reading order (drawn right to left)
  std::vector<Series> series;
  std::string value_label;  // optional unit caption by the value axis
  int decimals = 0;         // of the value labels
  bool legend = true;
  bool value_labels = false;  // numbers on bars (bar and horizontal bar)
};

struct Rgb {
  double r, g, b;
};
// Okabe–Ito: blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black.
inline constexpr std::array<Rgb, 8> kPalette = {{{0.000, 0.447, 0.698},
                                                 {0.902, 0.624, 0.000},
                                                 {0.000, 0.620, 0.451},
                                                 {0.835, 0.369, 0.000},
                                                 {0.800, 0.475, 0.655},
                                                 {0.337, 0.706, 0.914},
                                                 {0.941, 0.894, 0.259},
                                                 {0.000, 0.000, 0.000}}};
inline constexpr Rgb kSpikeColour = {0.800, 0.000, 0.000};

[[nodiscard]] Status ValidateChart(const ChartSpec& spec);

// Ticks from 0 (or the negative minimum) to at least `max`, about `target` of them, each a nice
// number: NiceTicks(0, 87) == {0, 20, 40, 60, 80, 100}.
std::vector<double> NiceTicks(double min, double max, int target = 5);

// Draws into the rectangle (x, y, w, h) in the cairo_t's user units (points in the PDF). The caller
// holds fonts.lock().
[[nodiscard]] Status DrawChart(const ChartSpec& spec, const Fonts& fonts, cairo_t* cr, double x, double y,
                               double w, double h);

// Whole-chart exports at width × height CSS pixels. SVG text is drawn as glyph outlines.
[[nodiscard]] StatusOr<std::string> ChartSvg(const ChartSpec& spec, const Fonts& fonts, int width = 720,
                                             int height = 360);
[[nodiscard]] StatusOr<std::string> ChartPng(const ChartSpec& spec, const Fonts& fonts, int width = 720,
                                             int height = 360);

}  // namespace pol::report
