#include "report/pdf_document.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <cmath>

#include "base/file.h"
#include "report/pdf_layout.h"

namespace pol::report {
namespace {

Status RenderFailed(cairo_status_t s) {
  return Status(StatusCode::kInternal, "report_render_failed",
                std::string("ساختن سند ناموفق بود: ") + cairo_status_to_string(s));
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

StatusOr<std::string> RenderPdf(const PdfDocument& doc, const Fonts& fonts) {
  MutexLock lock(&fonts.lock());
  internal::ContextPtr context = internal::MakeTextContext(fonts);
  POL_ASSIGN_OR_RETURN(std::vector<internal::LaidOutPage> pages, internal::LayOut(doc, fonts, context.get()));
  internal::PageSize size = internal::PageSizeOf(doc.orientation);
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendToString, &out, size.width, size.height);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  if (!doc.author.empty())
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc.author.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Pol");
  cairo_t* cr = cairo_create(surface);
  int count = static_cast<int>(pages.size());
  for (int i = 0; i < count; ++i) {
    internal::DrawPage(cr, doc, context.get(), pages[i], i, count);
    cairo_show_page(cr);
  }
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) return RenderFailed(status);
  return out;
}

Status WritePdf(const PdfDocument& doc, const Fonts& fonts, const std::string& path) {
  POL_ASSIGN_OR_RETURN(std::string bytes, RenderPdf(doc, fonts));
  return WriteFileAtomic(path, bytes);
}

StatusOr<std::string> RenderPagePng(const PdfDocument& doc, const Fonts& fonts, int page, double dpi) {
  if (!(dpi >= 18 && dpi <= 600)) return InvalidArgument("report_bad_page", "تفکیک تصویر صفحه درست نیست.");
  MutexLock lock(&fonts.lock());
  internal::ContextPtr context = internal::MakeTextContext(fonts);
  POL_ASSIGN_OR_RETURN(std::vector<internal::LaidOutPage> pages, internal::LayOut(doc, fonts, context.get()));
  if (page < 0 || page >= static_cast<int>(pages.size())) {
    return InvalidArgument("report_bad_page", "این سند چنین صفحه‌ای ندارد.");
  }
  internal::PageSize size = internal::PageSizeOf(doc.orientation);
  double scale = dpi / 72.0;
  cairo_surface_t* surface =
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(std::ceil(size.width * scale)),
                                 static_cast<int>(std::ceil(size.height * scale)));
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, scale, scale);
  internal::DrawPage(cr, doc, context.get(), pages[page], page, static_cast<int>(pages.size()));
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  std::string out;
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream(surface, AppendToString, &out);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) return RenderFailed(status);
  return out;
}

StatusOr<int> PageCount(const PdfDocument& doc, const Fonts& fonts) {
  MutexLock lock(&fonts.lock());
  internal::ContextPtr context = internal::MakeTextContext(fonts);
  POL_ASSIGN_OR_RETURN(std::vector<internal::LaidOutPage> pages, internal::LayOut(doc, fonts, context.get()));
  return static_cast<int>(pages.size());
}

}  // namespace pol::report
