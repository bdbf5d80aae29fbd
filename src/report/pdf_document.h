// A small document model rendered to PDF with Pango + Cairo (HarfBuzz shapes the text; Vazirmatn is
// embedded as a subset), right-to-left, A4 portrait or landscape.
//
// Contract:
// - Blocks flow top to bottom: Title, Heading (levels 1–3), Paragraph (plain text: Pango markup is
//   escaped, never interpreted; "\n" breaks lines), KpiStrip (label, value, Δ with its sign and a
//   colour: green when the change is good, red when bad, grey when zero), TableBlock (a report::Table:
//   columns right to left in the given order, per-column alignment and width weights, numbers in
//   Persian digits, zebra rows, the header row repeated on every page, a row never split across
//   pages — a row taller than a page is clipped to one page), ChartBlock (report/chart.h), ImageBlock
//   (PNG or JPEG file, scaled to fit the width), SignatureBlock (names and roles in columns, a line
//   to sign on), Spacer and PageBreak. A block that does not fit the rest of a page starts the next
//   one (paragraphs and tables split across pages line by line and row by row).
// - Every page has a running header (the document's title at the right, the Jalali date at the left)
//   and a footer «صفحه ۲ از ۵» in Persian digits. Page numbers count from 1.
// - Text is set with base direction RTL; a paragraph that starts with a Latin letter still reads RTL
//   (its paragraph direction is the document's).
// - RenderPdf returns the bytes; WritePdf writes them atomically (base/file.h, 0600 like every file
//   Pol writes); RenderPagePng renders one page (0-based) to PNG at
//   `dpi` for visual checks; PageCount lays the document out and counts pages.
// - Errors (Status, nothing written): a bad table or chart (their validators), an image that cannot
//   be read or decoded ("report_bad_image"), a page index out of range ("report_bad_page"), a Cairo
//   failure ("report_render_failed").
// Thread-safety: rendering holds the Fonts lock for the whole document; documents are values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/status.h"
#include "report/chart.h"
#include "report/fonts.h"
#include "report/table.h"
#include "text/jalali.h"

namespace pol::report {

enum class Orientation { kPortrait, kLandscape };

struct Title {
  std::string text;
  std::string subtitle;  // optional, smaller, under the title
};

struct Heading {
  std::string text;
  int level = 1;  // 1..3
};

struct Paragraph {
  std::string text;
  bool bold = false;
  bool muted = false;  // grey, smaller (notes, sources)
};

struct Kpi {
  std::string label;
  std::string value;            // already formatted (FormatNumber, FormatPercent, …)
  std::optional<double> delta;  // change against the previous period
  int delta_decimals = 0;
  bool delta_is_percent = false;  // delta is a fraction shown as a percent
  bool higher_is_better = true;   // decides the colour of the Δ
};

struct KpiStrip {
  std::vector<Kpi> items;  // up to 6 per row; more wrap to another row
};

struct TableBlock {
  Table table;
  bool zebra = true;
  bool show_caption = true;  // table.name as a caption above it
};

struct ChartBlock {
  ChartSpec spec;
  double height_mm = 80;
};

struct ImageBlock {
  std::string path;     // PNG or JPEG
  double width_mm = 0;  // 0: the natural size at 150 dpi, at most the text width
  std::string caption;
};

struct Signer {
  std::string name;
  std::string role;
};

struct SignatureBlock {
  std::vector<Signer> signers;  // laid out right to left, up to 4 per row
};

struct Spacer {
  double height_mm = 5;
};

struct PageBreak {};

using Block = std::variant<Title, Heading, Paragraph, KpiStrip, TableBlock, ChartBlock, ImageBlock,
                           SignatureBlock, Spacer, PageBreak>;

struct PdfDocument {
  std::string title;                     // PDF metadata and the running header
  std::optional<text::JalaliDate> date;  // the running header's date (Persian digits), none if unset
  std::string author;                    // PDF metadata (e.g. the council's name)
  Orientation orientation = Orientation::kPortrait;
  std::vector<Block> blocks;
};

[[nodiscard]] StatusOr<std::string> RenderPdf(const PdfDocument& doc, const Fonts& fonts);
[[nodiscard]] Status WritePdf(const PdfDocument& doc, const Fonts& fonts, const std::string& path);
[[nodiscard]] StatusOr<std::string> RenderPagePng(const PdfDocument& doc, const Fonts& fonts, int page,
                                                  double dpi = 96);
[[nodiscard]] StatusOr<int> PageCount(const PdfDocument& doc, const Fonts& fonts);

}  // namespace pol::report
