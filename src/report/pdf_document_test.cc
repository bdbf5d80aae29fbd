#include "report/pdf_document.h"

#include <cairo.h>
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "report/report_test_util.h"
#include "text/number_words.h"

namespace pol::report {
namespace {

using test_util::TestFonts;

std::string WriteTemp(const std::string& bytes, const std::string& name) {
  std::string path = test_util::ScratchDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// pdftotext (poppler-utils) on a file; fails the test when the tool is missing.
std::string PdfText(const std::string& path, const std::string& options) {
  EXPECT_TRUE(test_util::HaveProgram("pdftotext")) << "pdftotext is missing: install Debian's poppler-utils";
  auto r = test_util::Run("pdftotext " + options + " " + path + " - 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return r.output;
}

// pdftotext wraps right-to-left lines and numbers in bidi embedding marks and drops ZWNJ: compare
// without them.
std::string Plain(std::string s) {
  for (const char* mark : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u200C", "\u200E", "\u200F"}) {
    for (size_t p = s.find(mark); p != std::string::npos; p = s.find(mark, p)) s.erase(p, std::strlen(mark));
  }
  return s;
}

bool Has(const std::string& text, const std::string& needle) {
  return Plain(text).find(Plain(needle)) != std::string::npos;
}

// Spaces around numbers move in pdftotext's output ("صفحه  ۱از ۱"): compare without any whitespace.
std::string Squeeze(std::string t) {
  std::erase_if(t, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
  return Plain(t);
}

bool HasLoose(const std::string& text, const std::string& needle) {
  return Squeeze(text).find(Squeeze(needle)) != std::string::npos;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + needle.size()))
    ++n;
  return n;
}

PdfDocument Bulletin() {
  PdfDocument doc;
  doc.title = "بولتن خبری شورای اطلاع‌رسانی";
  doc.date = text::JalaliDate{1405, 9, 13};
  doc.author = "شورای اطلاع‌رسانی استان";
  doc.blocks.push_back(
      Title{.text = "بولتن خبری روزانه",
            .subtitle = "گزارش رسانه‌ها و درخواست‌های مردمی"});
  doc.blocks.push_back(KpiStrip{
      .items = {{.label = "خبرهای منتشرشده", .value = FormatNumber(128), .delta = 12},
                {.label = "بازتاب در رسانه‌ها", .value = FormatNumber(342), .delta = -7},
                {.label = "نرخ بازتاب",
                 .value = FormatPercent(0.61, 0),
                 .delta = 0.05,
                 .delta_is_percent = true}}});
  doc.blocks.push_back(Heading{.text = "خلاصه عملکرد دستگاه‌ها", .level = 1});
  doc.blocks.push_back(Paragraph{
      .text =
          "در این دوره دستگاه‌های عضو شورا گزارش خود را فرستادند."});
  doc.blocks.push_back(Paragraph{.text = "<b>x</b> & y"});
  TableBlock table;
  table.table.name = "عملکرد دستگاه‌ها";
  table.table.columns = {
      {.header = "دستگاه", .weight = 3}, {.header = "خبر", .weight = 1}, {.header = "بازتاب", .weight = 1}};
  table.table.rows = {{Cell{std::string("استانداری")}, Cell{40.0}, Cell{512.0}},
                      {Cell{std::string("شهرداری")}, Cell{35.0}, Cell{420.0}},
                      {Cell{std::string("دانشگاه")}, Cell{25.0}, Cell{302.0}}};
  table.table.totals = {Cell{std::string("جمع")}, Cell{100.0}, Cell{1234.0}};
  doc.blocks.push_back(table);
  ChartSpec chart;
  chart.kind = ChartKind::kBar;
  chart.title = "بازتاب روزانه";
  chart.categories = {"شنبه", "یکشنبه", "دوشنبه"};
  chart.series = {{.name = "بازتاب", .values = {120, 87, 135}}};
  doc.blocks.push_back(ChartBlock{.spec = chart, .height_mm = 60});
  doc.blocks.push_back(SignatureBlock{
      .signers = {{.name = "مریم احمدی", .role = "دبیر شورا"}, {.name = "علی رضایی", .role = "رئیس شورا"}}});
  return doc;
}

TEST(PdfDocument, PersianTextInLogicalOrderDigitsTotalsAndLiteralMarkup) {
  auto pdf = RenderPdf(Bulletin(), *TestFonts());
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  ASSERT_TRUE(pdf->starts_with("%PDF-"));
  std::string path = WriteTemp(*pdf, "bulletin.pdf");
  for (const std::string& options : {std::string("-layout"), std::string("")}) {
    std::string text = PdfText(path, options);
    SCOPED_TRACE(options + "\n" + text);
    EXPECT_TRUE(Has(text, "بولتن خبری روزانه"));
    EXPECT_TRUE(Has(
        text,
        "در این دوره دستگاه‌های عضو شورا گزارش خود را فرستادند."));  // words in logical order
    EXPECT_TRUE(Has(text, "گزارش رسانه‌ها و درخواست‌های مردمی"));
    EXPECT_TRUE(Has(text, "عملکرد دستگاه‌ها"));
    EXPECT_TRUE(Has(text, "استانداری"));
    EXPECT_TRUE(Has(text, "۱٬۲۳۴"));  // the table's total, Persian digits
    EXPECT_TRUE(Has(text, "جمع"));
    EXPECT_TRUE(Has(text, "۱۵۰"));  // the chart's top tick (values up to 135: ticks 0, 50, 100, 150)
    EXPECT_TRUE(HasLoose(text, "۱۳ آذر ۱۴۰۵"));  // the running header's Jalali date
    EXPECT_TRUE(HasLoose(text, "صفحه ۱ از ۱"));
    EXPECT_TRUE(Has(text, "<b>x</b> & y"));  // markup is text, never interpreted
    EXPECT_TRUE(Has(text, "مریم احمدی"));
    EXPECT_TRUE(Has(text, "+۱۲") || Has(text, "۱۲+"));  // the KPI's Δ with its sign
  }
}

TEST(PdfDocument, VazirmatnEmbedded) {
  auto pdf = RenderPdf(Bulletin(), *TestFonts());
  ASSERT_TRUE(pdf.ok());
  std::string path = WriteTemp(*pdf, "fonts.pdf");
  ASSERT_TRUE(test_util::HaveProgram("pdffonts")) << "pdffonts is missing: install Debian's poppler-utils";
  auto r = test_util::Run("pdffonts " + path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Vazirmatn"), std::string::npos) << r.output;
  // Every font line says "emb yes": column "emb" holds yes for each font.
  size_t lines = 0, embedded = 0;
  std::istringstream in(r.output);
  for (std::string line; std::getline(in, line);) {
    if (line.find("Vazirmatn") == std::string::npos) continue;
    ++lines;
    if (line.find(" yes ") != std::string::npos) ++embedded;
  }
  EXPECT_GT(lines, 0u);
  EXPECT_EQ(lines, embedded) << r.output;
  EXPECT_EQ(r.output.find("DejaVu"), std::string::npos) << r.output;  // no fallback font
}

TEST(PdfDocument, LongTableSpansPagesWithHeaderOnEveryPage) {
  PdfDocument doc;
  doc.title = "جدول بلند";
  TableBlock block;
  block.table.name = "فهرست";
  block.table.columns = {{.header = "سرستون‌نام", .weight = 3},
                         {.header = "سرستون‌عدد", .weight = 1}};
  for (int i = 1; i <= 300; ++i) {
    block.table.rows.push_back(
        {Cell{"ردیف " + text::ToPersianDigits(std::to_string(i)) + " پایان"}, Cell{static_cast<double>(i)}});
  }
  doc.blocks.push_back(block);
  auto pages = PageCount(doc, *TestFonts());
  ASSERT_TRUE(pages.ok());
  ASSERT_GE(*pages, 3);
  auto pdf = RenderPdf(doc, *TestFonts());
  ASSERT_TRUE(pdf.ok());
  std::string path = WriteTemp(*pdf, "long.pdf");
  std::string all = PdfText(path, "-layout");
  for (int p = 1; p <= *pages; ++p) {
    std::string page = PdfText(path, "-layout -f " + std::to_string(p) + " -l " + std::to_string(p));
    EXPECT_TRUE(Has(page, "سرستون‌نام")) << "page " << p << "\n" << page;
    std::string footer = "صفحه " + text::ToPersianDigits(std::to_string(p)) + " از " +
                         text::ToPersianDigits(std::to_string(*pages));
    EXPECT_TRUE(HasLoose(page, footer)) << page;
  }
  // Every row once, none lost or doubled at the page breaks.
  for (int i = 1; i <= 300; ++i) {
    EXPECT_EQ(Count(Squeeze(all), Squeeze("ردیف " + text::ToPersianDigits(std::to_string(i)) + " پایان")), 1u)
        << i;
  }
}

struct Ink {
  long left = 0, right = 0;
};

Ink InkOf(const std::string& png) {
  struct Reader {
    const std::string* data;
    size_t pos;
  } reader{&png, 0};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(
      [](void* c, unsigned char* out, unsigned int n) {
        auto* r = static_cast<Reader*>(c);
        if (r->data->size() - r->pos < n) return CAIRO_STATUS_READ_ERROR;
        std::memcpy(out, r->data->data() + r->pos, n);
        r->pos += n;
        return CAIRO_STATUS_SUCCESS;
      },
      &reader);
  Ink ink;
  EXPECT_EQ(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  int stride = cairo_image_surface_get_stride(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < w; ++x) {
      uint32_t p = row[x];
      int lum = static_cast<int>(((p >> 16) & 0xFF) + ((p >> 8) & 0xFF) + (p & 0xFF)) / 3;
      if (lum < 128) (x < w / 2 ? ink.left : ink.right)++;
    }
  }
  cairo_surface_destroy(s);
  return ink;
}

TEST(PdfDocument, PagePngIsNonBlankAndRightWeighted) {
  PdfDocument doc;
  doc.title = "آزمون";
  doc.blocks.push_back(Heading{.text = "سرخط کوتاه"});
  doc.blocks.push_back(
      Paragraph{.text = "یک بند کوتاه فارسی که از راست آغاز می‌شود."});
  doc.blocks.push_back(Paragraph{.text = "Pol گزارش می‌دهد"});  // starts Latin, still reads RTL
  auto png = RenderPagePng(doc, *TestFonts(), 0, 72);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  ASSERT_TRUE(png->starts_with("\x89PNG"));
  Ink ink = InkOf(*png);
  EXPECT_GT(ink.left + ink.right, 200);
  EXPECT_GT(ink.right, 4 * ink.left) << ink.left << " " << ink.right;
  EXPECT_EQ(RenderPagePng(doc, *TestFonts(), 1).status().api_code(), "report_bad_page");
}

TEST(PdfDocument, LandscapeImageAndErrors) {
  // A PNG made by cairo, then placed in a landscape page.
  cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 150);
  cairo_t* cr = cairo_create(img);
  cairo_set_source_rgb(cr, 0.2, 0.4, 0.8);
  cairo_paint(cr);
  cairo_destroy(cr);
  std::string png_path = test_util::ScratchDir() + "/image.png";
  ASSERT_EQ(cairo_surface_write_to_png(img, png_path.c_str()), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(img);
  PdfDocument doc;
  doc.orientation = Orientation::kLandscape;
  doc.title = "افقی";
  doc.blocks.push_back(ImageBlock{.path = png_path, .caption = "زیرنویس تصویر"});
  doc.blocks.push_back(PageBreak{});
  doc.blocks.push_back(Paragraph{.text = "صفحهٔ دوم"});
  std::string out = test_util::ScratchDir() + "/landscape.pdf";
  ASSERT_TRUE(WritePdf(doc, *TestFonts(), out).ok());
  auto info = test_util::Run("pdfinfo " + out);
  EXPECT_NE(info.output.find("Pages:           2"), std::string::npos) << info.output;
  EXPECT_NE(info.output.find("841.89 x 595.276"), std::string::npos) << info.output;
  EXPECT_TRUE(Has(PdfText(out, "-layout"), "زیرنویس تصویر"));

  doc.blocks = {ImageBlock{.path = out}};  // a PDF is not an image
  EXPECT_EQ(RenderPdf(doc, *TestFonts()).status().api_code(), "report_bad_image");
  TableBlock bad;
  bad.table.columns = {{.header = "تنها"}};
  bad.table.rows = {{Cell{1.0}, Cell{2.0}}};
  doc.blocks = {bad};
  EXPECT_EQ(RenderPdf(doc, *TestFonts()).status().api_code(), "report_bad_table");
  EXPECT_FALSE(WritePdf(doc, *TestFonts(), test_util::ScratchDir() + "/nothing.pdf").ok());
}

TEST(Fonts, MissingFolderIsAClearError) {
  auto fonts = Fonts::Load("/nonexistent/fonts");
  ASSERT_FALSE(fonts.ok());
  EXPECT_EQ(fonts.status().api_code(), "report_font_missing");
  EXPECT_NE(fonts.status().message().find("POL_REPORT_FONT_DIR"), std::string::npos);
  EXPECT_EQ(DefaultFontDir("", "/srv/pol/web/dist"), "/srv/pol/web/node_modules/vazirmatn/fonts/ttf");
  EXPECT_EQ(DefaultFontDir("/x", "/srv/pol/web/dist"), "/x");
}

}  // namespace
}  // namespace pol::report
