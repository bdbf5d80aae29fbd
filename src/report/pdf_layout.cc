#include "report/pdf_layout.h"

#include <algorithm>
#include <memory>
#include <string>

#include "report/image.h"
#include "text/number_words.h"

namespace pol::report::internal {
namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kMarginX = 48;
constexpr double kTop = 66;
constexpr double kBottomMargin = 58;
constexpr double kCellPad = 4;

constexpr Rgb kInk = {0.10, 0.10, 0.12};
constexpr Rgb kMuted = {0.42, 0.42, 0.45};
constexpr Rgb kRule = {0.75, 0.75, 0.78};
constexpr Rgb kZebra = {0.95, 0.96, 0.97};
constexpr Rgb kHeaderFill = {0.88, 0.91, 0.95};
constexpr Rgb kGood = {0.00, 0.50, 0.25};
constexpr Rgb kBad = {0.75, 0.10, 0.10};

void SetColour(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

using SharedLayout = std::shared_ptr<PangoLayout>;
SharedLayout Share(LayoutPtr p) { return SharedLayout(p.release(), g_object_unref); }

HAlign ToHAlign(Align a, bool numeric) {
  switch (a) {
    case Align::kStart:
      return HAlign::kRight;
    case Align::kCenter:
      return HAlign::kCenter;
    case Align::kEnd:
      return HAlign::kLeft;
    case Align::kAuto:
      break;
  }
  return numeric ? HAlign::kLeft : HAlign::kRight;
}

class Layouter {
 public:
  Layouter(const PdfDocument& doc, const Fonts& fonts, PangoContext* context)
      : fonts_(fonts), context_(context), size_(PageSizeOf(doc.orientation)) {
    content_w_ = size_.width - 2 * kMarginX;
    bottom_ = size_.height - kBottomMargin;
    NewPage();
  }

  Status Place(const Block& block) {
    return std::visit([this](const auto& b) { return PlaceBlock(b); }, block);
  }

  std::vector<LaidOutPage> TakePages() { return std::move(pages_); }

 private:
  double Remaining() const { return bottom_ - y_; }
  bool AtTop() const { return y_ <= kTop + 0.01; }
  void NewPage() {
    pages_.emplace_back();
    y_ = kTop;
  }
  void Ensure(double h) {
    if (h > Remaining() && !AtTop()) NewPage();
  }
  void Add(DrawOp op) { pages_.back().ops.push_back(std::move(op)); }

  // Flows a text layout over pages line by line.
  void PlaceText(std::string_view text, const TextStyle& style, Rgb colour, double before, double after) {
    if (!AtTop()) y_ += before;
    SharedLayout layout = Share(MakeLayout(context_, text, style, content_w_));
    int n = LineCount(layout.get());
    int first = 0;
    while (first < n) {
      double top0 = 0, b = 0;
      LineSpan(layout.get(), first, &top0, &b);
      int last = first;
      double used = 0;
      while (last < n) {
        double t = 0;
        LineSpan(layout.get(), last, &t, &b);
        if (b - top0 > Remaining()) break;
        used = b - top0;
        ++last;
      }
      if (last == first) {
        if (!AtTop()) {
          NewPage();
          continue;
        }
        last = first + 1;  // a line taller than a page: drawn anyway (clipped by the page)
        used = b - top0;
      }
      double x = kMarginX, y = y_;
      Add([layout, x, y, first, last, colour](cairo_t* cr) {
        SetColour(cr, colour);
        DrawLayoutLines(cr, layout.get(), x, y, first, last);
      });
      y_ += used;
      first = last;
      if (first < n) NewPage();
    }
    y_ += after;
  }

  Status PlaceBlock(const Title& t) {
    PlaceText(t.text, {.size = 20, .bold = true}, kInk, 0, 4);
    if (!t.subtitle.empty()) PlaceText(t.subtitle, {.size = 12}, kMuted, 0, 4);
    y_ += 8;
    return Status::Ok();
  }

  Status PlaceBlock(const Heading& h) {
    int level = std::clamp(h.level, 1, 3);
    static constexpr double kSizes[] = {16, 13.5, 11.5};
    static constexpr double kBefore[] = {14, 10, 8};
    // Keep a heading with at least two lines of what follows.
    Ensure(kSizes[level - 1] * 1.6 + 30);
    PlaceText(h.text, {.size = kSizes[level - 1], .bold = true}, kInk, kBefore[level - 1], 5);
    return Status::Ok();
  }

  Status PlaceBlock(const Paragraph& p) {
    if (p.muted) {
      PlaceText(p.text, {.size = 9, .bold = p.bold}, kMuted, 2, 6);
    } else {
      PlaceText(p.text, {.size = 10.5, .bold = p.bold}, kInk, 2, 6);
    }
    return Status::Ok();
  }

  Status PlaceBlock(const KpiStrip& strip) {
    constexpr size_t kPerRow = 6;
    constexpr double kGap = 8, kHeight = 58;
    for (size_t start = 0; start < strip.items.size(); start += kPerRow) {
      size_t count = std::min(kPerRow, strip.items.size() - start);
      double box_w = (content_w_ - kGap * static_cast<double>(count - 1)) / static_cast<double>(count);
      Ensure(kHeight + kGap);
      double y = y_;
      for (size_t i = 0; i < count; ++i) {
        const Kpi& k = strip.items[start + i];
        double right = kMarginX + content_w_ - static_cast<double>(i) * (box_w + kGap);
        double left = right - box_w;
        SharedLayout label =
            Share(MakeLayout(context_, k.label, {.size = 8.5, .align = HAlign::kCenter}, box_w - 8));
        SharedLayout value = Share(
            MakeLayout(context_, k.value, {.size = 16, .bold = true, .align = HAlign::kCenter}, box_w - 8));
        SharedLayout delta;
        Rgb delta_colour = kMuted;
        if (k.delta) {
          double d = *k.delta;
          std::string text = k.delta_is_percent ? FormatDelta(d * 100, k.delta_decimals) + "٪"
                                                : FormatDelta(d, k.delta_decimals);
          bool zero = text.find_first_of("+−") == std::string::npos;
          if (!zero) delta_colour = ((d > 0) == k.higher_is_better) ? kGood : kBad;
          delta = Share(MakeLayout(context_, text, {.size = 9, .align = HAlign::kCenter}, box_w - 8));
        }
        Add([=](cairo_t* cr) {
          cairo_rectangle(cr, left, y, box_w, kHeight);
          SetColour(cr, kZebra);
          cairo_fill_preserve(cr);
          SetColour(cr, kRule);
          cairo_set_line_width(cr, 0.6);
          cairo_stroke(cr);
          SetColour(cr, kMuted);
          DrawLayout(cr, label.get(), left + 4, y + 5);
          SetColour(cr, kInk);
          DrawLayout(cr, value.get(), left + 4, y + 18);
          if (delta) {
            SetColour(cr, delta_colour);
            DrawLayout(cr, delta.get(), left + 4, y + 40);
          }
        });
      }
      y_ += kHeight + kGap;
    }
    return Status::Ok();
  }

  struct RowLayout {
    std::vector<SharedLayout> cells;
    double height = 0;
  };

  RowLayout LayOutRow(const Table& t, const std::vector<Cell>& row, const std::vector<double>& widths,
                      const std::vector<bool>& numeric, bool bold, bool header) {
    RowLayout r;
    for (size_t c = 0; c < t.columns.size(); ++c) {
      std::string s =
          header ? t.columns[c].header : (c < row.size() ? CellText(row[c], t.columns[c].decimals) : "");
      TextStyle style{.size = 9.5, .bold = bold, .align = ToHAlign(t.columns[c].align, numeric[c])};
      r.cells.push_back(Share(MakeLayout(context_, s, style, widths[c] - 2 * kCellPad)));
      r.height = std::max(r.height, LayoutHeight(r.cells.back().get()) + 2 * kCellPad);
    }
    r.height = std::min(r.height, bottom_ - kTop - 40);  // a row taller than a page is clipped
    return r;
  }

  void AddRow(const RowLayout& r, const std::vector<double>& widths, Rgb fill, bool fill_row,
              bool strong_rule) {
    double y = y_, right = kMarginX + content_w_, width = content_w_;
    Add([=](cairo_t* cr) {
      cairo_save(cr);
      cairo_rectangle(cr, right - width, y, width, r.height);
      cairo_clip(cr);
      if (fill_row) {
        SetColour(cr, fill);
        cairo_paint(cr);
      }
      double x_right = right;
      SetColour(cr, kInk);
      for (size_t c = 0; c < r.cells.size(); ++c) {
        DrawLayout(cr, r.cells[c].get(), x_right - widths[c] + kCellPad, y + kCellPad);
        x_right -= widths[c];
      }
      cairo_restore(cr);
      SetColour(cr, strong_rule ? kMuted : kRule);
      cairo_set_line_width(cr, strong_rule ? 0.9 : 0.4);
      cairo_move_to(cr, right - width, y + r.height);
      cairo_line_to(cr, right, y + r.height);
      cairo_stroke(cr);
    });
    y_ += r.height;
  }

  Status PlaceBlock(const TableBlock& block) {
    const Table& t = block.table;
    POL_RETURN_IF_ERROR(ValidateTable(t));
    if (block.show_caption && !t.name.empty()) {
      Ensure(60);
      PlaceText(t.name, {.size = 11, .bold = true}, kInk, 6, 3);
    }
    double total_weight = 0;
    for (const Column& c : t.columns) total_weight += c.weight;
    std::vector<double> widths;
    std::vector<bool> numeric(t.columns.size(), false);
    for (size_t c = 0; c < t.columns.size(); ++c) {
      widths.push_back(content_w_ * t.columns[c].weight / total_weight);
      for (const auto& row : t.rows) {
        if (c < row.size() && !std::holds_alternative<std::monostate>(row[c])) {
          numeric[c] = std::holds_alternative<double>(row[c]);
          break;
        }
      }
    }
    RowLayout header = LayOutRow(t, {}, widths, numeric, true, true);
    auto place = [&](const std::vector<Cell>& row, size_t index, bool totals) {
      RowLayout r = LayOutRow(t, row, widths, numeric, totals, false);
      if (r.height > Remaining()) {
        NewPage();
        AddRow(header, widths, kHeaderFill, true, true);
      }
      AddRow(r, widths, kZebra, block.zebra && index % 2 == 1, totals);
    };
    Ensure(header.height * 2 + 4);
    AddRow(header, widths, kHeaderFill, true, true);
    for (size_t i = 0; i < t.rows.size(); ++i) place(t.rows[i], i, false);
    if (!t.totals.empty()) place(t.totals, 0, true);
    y_ += 10;
    return Status::Ok();
  }

  Status PlaceBlock(const ChartBlock& block) {
    POL_RETURN_IF_ERROR(ValidateChart(block.spec));
    double h = std::clamp(block.height_mm * kMm, 40.0, bottom_ - kTop);
    Ensure(h);
    double y = y_, x = kMarginX, w = content_w_;
    const Fonts* fonts = &fonts_;
    auto spec = std::make_shared<ChartSpec>(block.spec);
    Add([=](cairo_t* cr) { (void)DrawChart(*spec, *fonts, cr, x, y, w, h); });  // validated above
    y_ += h + 8;
    return Status::Ok();
  }

  Status PlaceBlock(const ImageBlock& block) {
    POL_ASSIGN_OR_RETURN(std::shared_ptr<cairo_surface_t> image, LoadImage(block.path));
    double px_w = cairo_image_surface_get_width(image.get());
    double px_h = cairo_image_surface_get_height(image.get());
    double w = block.width_mm > 0 ? block.width_mm * kMm : px_w * 72.0 / 150.0;
    w = std::min(w, content_w_);
    double h = w * px_h / px_w;
    double max_h = bottom_ - kTop - 30;
    if (h > max_h) {
      w *= max_h / h;
      h = max_h;
    }
    Ensure(h);
    double x = kMarginX + (content_w_ - w) / 2, y = y_, scale = w / px_w;
    Add([=](cairo_t* cr) {
      cairo_save(cr);
      cairo_translate(cr, x, y);
      cairo_scale(cr, scale, scale);
      cairo_set_source_surface(cr, image.get(), 0, 0);
      cairo_paint(cr);
      cairo_restore(cr);
    });
    y_ += h + 4;
    if (!block.caption.empty()) PlaceText(block.caption, {.size = 9, .align = HAlign::kCenter}, kMuted, 0, 6);
    return Status::Ok();
  }

  Status PlaceBlock(const SignatureBlock& block) {
    constexpr size_t kPerRow = 4;
    constexpr double kHeight = 78;
    for (size_t start = 0; start < block.signers.size(); start += kPerRow) {
      size_t count = std::min(kPerRow, block.signers.size() - start);
      double col_w = content_w_ / static_cast<double>(count);
      Ensure(kHeight);
      double y = y_;
      for (size_t i = 0; i < count; ++i) {
        const Signer& s = block.signers[start + i];
        double right = kMarginX + content_w_ - static_cast<double>(i) * col_w;
        double left = right - col_w;
        SharedLayout name = Share(
            MakeLayout(context_, s.name, {.size = 10, .bold = true, .align = HAlign::kCenter}, col_w - 12));
        SharedLayout role =
            Share(MakeLayout(context_, s.role, {.size = 9, .align = HAlign::kCenter}, col_w - 12));
        Add([=](cairo_t* cr) {
          SetColour(cr, kMuted);
          cairo_set_line_width(cr, 0.6);
          cairo_move_to(cr, left + 18, y + 34);
          cairo_line_to(cr, right - 18, y + 34);
          cairo_stroke(cr);
          SetColour(cr, kInk);
          DrawLayout(cr, name.get(), left + 6, y + 38);
          SetColour(cr, kMuted);
          DrawLayout(cr, role.get(), left + 6, y + 38 + LayoutHeight(name.get()));
        });
      }
      y_ += kHeight;
    }
    return Status::Ok();
  }

  Status PlaceBlock(const Spacer& s) {
    double h = std::max(0.0, s.height_mm * kMm);
    if (h > Remaining()) {
      NewPage();
    } else {
      y_ += h;
    }
    return Status::Ok();
  }

  Status PlaceBlock(const PageBreak&) {
    if (!AtTop() || !pages_.back().ops.empty()) NewPage();
    return Status::Ok();
  }

  const Fonts& fonts_;
  PangoContext* context_;
  PageSize size_;
  double content_w_ = 0;
  double bottom_ = 0;
  double y_ = 0;
  std::vector<LaidOutPage> pages_;
};

}  // namespace

PageSize PageSizeOf(Orientation orientation) {
  constexpr double kA4W = 595.276, kA4H = 841.890;
  return orientation == Orientation::kPortrait ? PageSize{kA4W, kA4H} : PageSize{kA4H, kA4W};
}

StatusOr<std::vector<LaidOutPage>> LayOut(const PdfDocument& doc, const Fonts& fonts, PangoContext* context) {
  Layouter layouter(doc, fonts, context);
  for (const Block& block : doc.blocks) POL_RETURN_IF_ERROR(layouter.Place(block));
  return layouter.TakePages();
}

void DrawPage(cairo_t* cr, const PdfDocument& doc, PangoContext* context, const LaidOutPage& page, int index,
              int count) {
  PageSize size = PageSizeOf(doc.orientation);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  double content_w = size.width - 2 * kMarginX;
  // Running header: the title at the right, the Jalali date at the left, a rule under them.
  LayoutPtr title = MakeLayout(context, doc.title, {.size = 8.5}, content_w * 0.7);
  pango_layout_set_ellipsize(title.get(), PANGO_ELLIPSIZE_END);
  SetColour(cr, kMuted);
  DrawLayoutLines(cr, title.get(), kMarginX + content_w * 0.3, 30, 0, 1);
  if (doc.date) {
    LayoutPtr date = MakeLayout(context, text::FormatJalali(*doc.date), {.size = 8.5, .align = HAlign::kLeft},
                                content_w * 0.28);
    DrawLayout(cr, date.get(), kMarginX, 30);
  }
  SetColour(cr, kRule);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, kMarginX, 46);
  cairo_line_to(cr, size.width - kMarginX, 46);
  cairo_stroke(cr);
  // Footer: «صفحه ۲ از ۵».
  std::string footer = "صفحه " + text::ToPersianDigits(std::to_string(index + 1)) + " از " +
                       text::ToPersianDigits(std::to_string(count));
  LayoutPtr foot = MakeLayout(context, footer, {.size = 8.5, .align = HAlign::kCenter}, content_w);
  SetColour(cr, kMuted);
  DrawLayout(cr, foot.get(), kMarginX, size.height - 40);
  for (const DrawOp& op : page.ops) {
    cairo_save(cr);
    op(cr);
    cairo_restore(cr);
  }
}

}  // namespace pol::report::internal
