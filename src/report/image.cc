#include "report/image.h"

// clang-format off
#include <cstdio>
#include <csetjmp>
#include <jpeglib.h>
// clang-format on

#include <cstring>
#include <vector>

#include "base/file.h"

namespace pol::report::internal {
namespace {

constexpr long kMaxPixels = 40'000'000;

Status BadImage(const std::string& path) {
  return InvalidArgument("report_bad_image", "تصویر خوانده نشد (فقط PNG یا JPEG سالم): " + path);
}

struct PngReader {
  const std::string* data;
  size_t pos = 0;
};

cairo_status_t ReadPng(void* closure, unsigned char* out, unsigned int length) {
  auto* r = static_cast<PngReader*>(closure);
  if (r->data->size() - r->pos < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(out, r->data->data() + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

struct JpegError {
  jpeg_error_mgr mgr;
  jmp_buf jump;
};

void OnJpegError(j_common_ptr info) { std::longjmp(reinterpret_cast<JpegError*>(info->err)->jump, 1); }

// Decodes into an RGB24 surface; nullptr on any error.
cairo_surface_t* DecodeJpeg(const std::string& bytes) {
  jpeg_decompress_struct info;
  JpegError err;
  info.err = jpeg_std_error(&err.mgr);
  err.mgr.error_exit = OnJpegError;
  cairo_surface_t* volatile surface = nullptr;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&info);
    if (surface != nullptr) cairo_surface_destroy(surface);
    return nullptr;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  jpeg_read_header(&info, TRUE);
  info.out_color_space = JCS_RGB;
  if (static_cast<long>(info.image_width) * info.image_height > kMaxPixels) {
    jpeg_destroy_decompress(&info);
    return nullptr;
  }
  jpeg_start_decompress(&info);
  surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, info.output_width, info.output_height);
  unsigned char* pixels = cairo_image_surface_get_data(surface);
  int stride = cairo_image_surface_get_stride(surface);
  std::vector<unsigned char> row(static_cast<size_t>(info.output_width) * 3);
  while (info.output_scanline < info.output_height) {
    unsigned char* rp = row.data();
    unsigned int y = info.output_scanline;
    jpeg_read_scanlines(&info, &rp, 1);
    auto* dst = reinterpret_cast<uint32_t*>(pixels + static_cast<size_t>(y) * stride);
    for (unsigned int x = 0; x < info.output_width; ++x) {
      dst[x] = 0xFF000000u | (uint32_t{row[x * 3]} << 16) | (uint32_t{row[x * 3 + 1]} << 8) | row[x * 3 + 2];
    }
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  cairo_surface_mark_dirty(surface);
  return surface;
}

void FreeBytes(void* p) { delete static_cast<std::string*>(p); }

}  // namespace

StatusOr<std::shared_ptr<cairo_surface_t>> LoadImage(const std::string& path) {
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return BadImage(path);
  const std::string& b = *bytes;
  cairo_surface_t* surface = nullptr;
  if (b.size() > 8 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
    PngReader reader{&b};
    surface = cairo_image_surface_create_from_png_stream(ReadPng, &reader);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(surface);
      return BadImage(path);
    }
    if (static_cast<long>(cairo_image_surface_get_width(surface)) * cairo_image_surface_get_height(surface) >
        kMaxPixels) {
      cairo_surface_destroy(surface);
      return BadImage(path);
    }
  } else if (b.size() > 3 && static_cast<unsigned char>(b[0]) == 0xFF &&
             static_cast<unsigned char>(b[1]) == 0xD8 && static_cast<unsigned char>(b[2]) == 0xFF) {
    surface = DecodeJpeg(b);
    if (surface == nullptr) return BadImage(path);
    auto* copy = new std::string(b);
    cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG,
                                reinterpret_cast<const unsigned char*>(copy->data()), copy->size(), FreeBytes,
                                copy);
  } else {
    return BadImage(path);
  }
  return std::shared_ptr<cairo_surface_t>(surface, cairo_surface_destroy);
}

}  // namespace pol::report::internal
