#include "report/chart.h"

#include <gtest/gtest.h>

#include <cairo.h>

#include <cmath>
#include <cstring>
#include <pugixml.hpp>

#include "text/jalali.h"

#include "report/report_test_util.h"
#include "report/table.h"

namespace pol::report {
namespace {

using test_util::TestFonts;

// cairo writes a filled shape's colour as fill="rgb(R%,G%,B%)" (or in a style attribute).
std::string CairoRgb(Rgb c) {
  auto pct = [](double v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%g%%", v * 100);
    return std::string(buf);
  };
  return "rgb(" + pct(c.r) + "," + pct(c.g) + "," + pct(c.b) + ")";
}

// Filled shapes (<path>) in colour `c` anywhere in the SVG.
size_t FilledIn(const pugi::xml_document& doc, Rgb c) {
  std::string rgb = CairoRgb(c);
  size_t n = 0;
  for (pugi::xpath_node node : doc.select_nodes("//*[local-name()='path']")) {
    pugi::xml_node p = node.node();
    std::string fill = p.attribute("fill").value();
    std::string style = p.attribute("style").value();
    if (fill == rgb || style.find("fill:" + rgb) != std::string::npos) ++n;
  }
  return n;
}

ChartSpec Bars() {
  ChartSpec spec;
  spec.kind = ChartKind::kBar;
  spec.title = "بازتاب خبرها";
  spec.categories = {"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد"};
  spec.series = {{.name = "بازتاب", .values = {12, 40, 33, 87, 5}}};
  return spec;
}

pugi::xml_document ParseSvg(const std::string& svg) {
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_string(svg.c_str());
  EXPECT_TRUE(r) << r.description();
  EXPECT_STREQ(doc.document_element().name(), "svg");
  return doc;
}

TEST(NiceTicks, NiceNumbersFromZero) {
  EXPECT_EQ(NiceTicks(0, 87), (std::vector<double>{0, 20, 40, 60, 80, 100}));
  EXPECT_EQ(NiceTicks(0, 1).size(), 6u);
  EXPECT_DOUBLE_EQ(NiceTicks(0, 1)[1], 0.2);
  EXPECT_EQ(NiceTicks(0, 10), (std::vector<double>{0, 2, 4, 6, 8, 10}));
  EXPECT_EQ(NiceTicks(-30, 50), (std::vector<double>{-40, -20, 0, 20, 40, 60}));
  EXPECT_EQ(NiceTicks(0, 0).back(), 1);  // an all-zero series still gets an axis
  EXPECT_EQ(NiceTicks(0, 12345), (std::vector<double>{0, 2500, 5000, 7500, 10000, 12500}));
}

TEST(Chart, BarSvgParsesWithOneBarPerCategory) {
  auto svg = ChartSvg(Bars(), *TestFonts());
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  pugi::xml_document doc = ParseSvg(*svg);
  EXPECT_EQ(FilledIn(doc, kPalette[0]), 5u);  // one series: no legend swatch
}

TEST(Chart, GroupedAndStackedBarsCountSegmentsAndLegend) {
  ChartSpec spec = Bars();
  spec.series.push_back({.name = "خبر", .values = {3, 4, 5, 6, 7}});
  auto svg = ChartSvg(spec, *TestFonts());
  ASSERT_TRUE(svg.ok());
  pugi::xml_document doc = ParseSvg(*svg);
  EXPECT_EQ(FilledIn(doc, kPalette[0]), 6u);  // 5 bars + 1 legend swatch
  EXPECT_EQ(FilledIn(doc, kPalette[1]), 6u);
  spec.kind = ChartKind::kStackedBar;
  svg = ChartSvg(spec, *TestFonts());
  ASSERT_TRUE(svg.ok());
  doc = ParseSvg(*svg);
  EXPECT_EQ(FilledIn(doc, kPalette[1]), 6u);
}

TEST(Chart, LineHasOnePointPerCategoryAndSpikeMarkers) {
  ChartSpec spec;
  spec.kind = ChartKind::kLine;
  for (int d = 1; d <= 14; ++d) spec.categories.push_back(text::FormatJalali({1405, 9, d}, "d MMMM"));
  std::vector<double> values(14, 10);
  values[9] = 95;
  spec.series = {{.name = "اشاره‌ها", .values = values, .spikes = {9}}};
  auto svg = ChartSvg(spec, *TestFonts());
  ASSERT_TRUE(svg.ok());
  pugi::xml_document doc = ParseSvg(*svg);
  EXPECT_EQ(FilledIn(doc, kPalette[0]), 14u);
  EXPECT_EQ(FilledIn(doc, kSpikeColour), 1u);  // the triangle over the spike
}

TEST(Chart, HorizontalBarsAndDonut) {
  ChartSpec spec;
  spec.kind = ChartKind::kHorizontalBar;
  spec.categories = {"ایرنا", "ایسنا", "فارس"};
  spec.series = {{.name = "بازتاب", .values = {30, 20, 10}}};
  spec.value_labels = true;
  auto svg = ChartSvg(spec, *TestFonts());
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(FilledIn(ParseSvg(*svg), kPalette[0]), 3u);
  spec.kind = ChartKind::kDonut;
  svg = ChartSvg(spec, *TestFonts());
  ASSERT_TRUE(svg.ok());
  pugi::xml_document doc = ParseSvg(*svg);
  EXPECT_EQ(FilledIn(doc, kPalette[0]), 2u);  // slice + legend swatch
  EXPECT_EQ(FilledIn(doc, kPalette[2]), 2u);
}

TEST(Chart, PngIsNonBlank) {
  auto png = ChartPng(Bars(), *TestFonts(), 400, 240);
  ASSERT_TRUE(png.ok());
  ASSERT_TRUE(png->starts_with("\x89PNG"));
  struct Reader {
    const std::string* data;
    size_t pos;
  } reader{&*png, 0};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(
      [](void* c, unsigned char* out, unsigned int n) {
        auto* r = static_cast<Reader*>(c);
        if (r->data->size() - r->pos < n) return CAIRO_STATUS_READ_ERROR;
        std::memcpy(out, r->data->data() + r->pos, n);
        r->pos += n;
        return CAIRO_STATUS_SUCCESS;
      },
      &reader);
  ASSERT_EQ(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  EXPECT_EQ(cairo_image_surface_get_width(s), 400);
  long coloured = 0;
  const unsigned char* data = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < 240; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < 400; ++x) coloured += (row[x] & 0xFFFFFF) != 0xFFFFFF;
  }
  cairo_surface_destroy(s);
  EXPECT_GT(coloured, 5000);
}

TEST(Chart, TickLabelsArePersianDigits) {
  // The ticks of 0..87 are 0..100 by 20: their labels are drawn as glyphs, so check the PDF text
  // through the same formatter the chart uses.
  EXPECT_EQ(FormatNumber(NiceTicks(0, 87).back()), "۱۰۰");
  EXPECT_EQ(FormatNumber(NiceTicks(0, 8700).back()), "۱۰٬۰۰۰");
}

TEST(Chart, BadSpecsRefused) {
  ChartSpec spec = Bars();
  spec.series[0].values.pop_back();
  EXPECT_EQ(ChartSvg(spec, *TestFonts()).status().api_code(), "report_bad_chart");
  spec = Bars();
  spec.series[0].values[0] = std::nan("");
  EXPECT_EQ(ValidateChart(spec).api_code(), "report_bad_chart");
  spec = Bars();
  spec.kind = ChartKind::kStackedBar;
  spec.series[0].values[0] = -1;
  EXPECT_EQ(ValidateChart(spec).api_code(), "report_bad_chart");
  spec = Bars();
  spec.series[0].spikes = {5};
  EXPECT_EQ(ValidateChart(spec).api_code(), "report_bad_chart");
  spec = Bars();
  spec.categories.clear();
  spec.series.clear();
  EXPECT_EQ(ValidateChart(spec).api_code(), "report_bad_chart");
  EXPECT_EQ(ChartPng(Bars(), *TestFonts(), 10, 10).status().api_code(), "report_bad_chart");
}

}  // namespace
}  // namespace pol::report
