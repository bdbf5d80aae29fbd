// Speed figures of report/ (issues 12 and 13): a 20-page PDF with tables and charts, an XLSX of
// 100,000 rows, a chart as SVG. Results are recorded in docs/benchmarks.md ("Reports").
// The font comes from the source tree's web/node_modules (POL_REPORT_FONT_DIR overrides it).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "report/chart.h"
#include "report/pdf_document.h"
#include "report/xlsx.h"
#include "text/number_words.h"

namespace {

using namespace pol::report;  // NOLINT(build/namespaces)

const Fonts& BenchFonts() {
  static std::shared_ptr<const Fonts> fonts = [] {
    const char* dir = std::getenv("POL_REPORT_FONT_DIR");
    auto loaded = Fonts::Load(
        dir != nullptr ? dir : std::string(POL_SOURCE_DIR) + "/web/node_modules/vazirmatn/fonts/ttf");
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
      std::abort();
    }
    return *loaded;
  }();
  return *fonts;
}

ChartSpec DailyChart(int seed) {
  ChartSpec spec;
  spec.kind = seed % 2 == 0 ? ChartKind::kLine : ChartKind::kBar;
  spec.title = "اشاره‌های روزانه";
  Series a{.name = "اشاره‌ها"}, b{.name = "بازتاب"};
  for (int d = 1; d <= 30; ++d) {
    spec.categories.push_back(pol::text::ToPersianDigits(std::to_string(d)));
    a.values.push_back((d * 37 + seed * 11) % 120);
    b.values.push_back((d * 53 + seed * 7) % 90);
  }
  spec.series = {a, b};
  return spec;
}

// About 20 A4 pages: per section a heading, a paragraph, a chart and a 25-row table.
PdfDocument TwentyPages() {
  PdfDocument doc;
  doc.title = "بولتن خبری هفتگی شورای اطلاع‌رسانی";
  doc.date = pol::text::JalaliDate{1405, 9, 13};
  doc.blocks.push_back(Title{.text = "بولتن خبری هفتگی"});
  for (int s = 0; s < 15; ++s) {
    doc.blocks.push_back(
        Heading{.text = "دستگاه شمارهٔ " + pol::text::ToPersianDigits(std::to_string(s + 1))});
    doc.blocks.push_back(Paragraph{
        .text =
            "خلاصهٔ بازتاب خبرهای این دستگاه در رسانه‌های استان و کشور در هفتهٔ گذشته."});
    doc.blocks.push_back(ChartBlock{.spec = DailyChart(s), .height_mm = 70});
    TableBlock t;
    t.table.name = "خبرهای منتشرشده";
    t.table.columns = {
        {.header = "عنوان", .weight = 4}, {.header = "رسانه", .weight = 2}, {.header = "بازتاب"}};
    for (int r = 0; r < 25; ++r) {
      t.table.rows.push_back(
          {Cell{std::string("عنوان خبر شمارهٔ ") + pol::text::ToPersianDigits(std::to_string(r))},
           Cell{std::string("خبرگزاری")}, Cell{static_cast<double>(r * 3)}});
    }
    doc.blocks.push_back(std::move(t));
  }
  return doc;
}

void BM_Pdf20Pages(benchmark::State& state) {
  PdfDocument doc = TwentyPages();
  auto pages = PageCount(doc, BenchFonts());
  if (!pages.ok()) state.SkipWithError("layout failed");
  size_t bytes = 0;
  for (auto _ : state) {
    auto pdf = RenderPdf(doc, BenchFonts());
    if (!pdf.ok()) state.SkipWithError("render failed");
    bytes = pdf->size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["pages"] = pages.ok() ? *pages : 0;
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_Pdf20Pages)->Unit(benchmark::kMillisecond);

void BM_Xlsx100kRows(benchmark::State& state) {
  Workbook wb;
  XlsxSheet sheet;
  sheet.table.name = "اشاره‌ها";
  sheet.table.columns = {
      {.header = "شناسه"}, {.header = "عنوان"}, {.header = "رسانه"}, {.header = "لحن", .decimals = 2}};
  for (int i = 0; i < 100000; ++i) {
    sheet.table.rows.push_back({Cell{static_cast<double>(i)}, Cell{std::string("عنوان خبری برای آزمون سرعت")},
                                Cell{std::string("ایرنا")}, Cell{(i % 200 - 100) / 100.0}});
  }
  wb.sheets.push_back(std::move(sheet));
  std::string path = (std::filesystem::temp_directory_path() / "pol-report-bench.xlsx").string();
  for (auto _ : state) {
    if (!WriteXlsx(wb, path).ok()) state.SkipWithError("xlsx failed");
  }
  state.counters["bytes"] = static_cast<double>(std::filesystem::file_size(path));
  std::filesystem::remove(path);
}
BENCHMARK(BM_Xlsx100kRows)->Unit(benchmark::kMillisecond);

void BM_ChartSvg(benchmark::State& state) {
  ChartSpec spec = DailyChart(1);
  for (auto _ : state) {
    auto svg = ChartSvg(spec, BenchFonts());
    if (!svg.ok()) state.SkipWithError("svg failed");
    benchmark::DoNotOptimize(svg->size());
  }
}
BENCHMARK(BM_ChartSvg)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
