#include "media/images.h"

#include <vips/vips.h>

#include <memory>
#include <mutex>

#include <spdlog/spdlog.h>

namespace pol::media {
namespace {

struct Unref {
  void operator()(VipsImage* i) const {
    if (i) g_object_unref(i);
  }
};
using Img = std::unique_ptr<VipsImage, Unref>;

// vips keeps one error buffer per process; take its text for the log and clear it.
std::string TakeVipsError() {
  std::string e = vips_error_buffer();
  vips_error_clear();
  while (!e.empty() && e.back() == '\n') e.pop_back();
  return e;
}

Status Corrupt(const char* what) {
  spdlog::debug("image rejected ({}): {}", what, TakeVipsError());
  return InvalidArgument("corrupt_image", "فایل عکس خراب یا ناقص است و خوانده نشد.");
}

// Takes ownership of a buffer vips allocated.
std::string TakeBuffer(void* buf, size_t len) {
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

// Reads only the header with the loader of the sniffed type (lazy: pixels are decoded on first use).
// fail_on=error: truncated or corrupt data fails the decode; mere warnings (common in camera files) do not.
Img LoadHeader(const std::string& type, std::string_view bytes) {
  VipsImage* out = nullptr;
  void* data = const_cast<char*>(bytes.data());  // vips does not write to it
  int rc = -1;
  if (type == "image/jpeg") {
    rc = vips_jpegload_buffer(data, bytes.size(), &out, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
  } else if (type == "image/png") {
    rc = vips_pngload_buffer(data, bytes.size(), &out, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
  } else if (type == "image/webp") {
    rc = vips_webpload_buffer(data, bytes.size(), &out, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
  } else if (type == "image/gif") {
    rc = vips_gifload_buffer(data, bytes.size(), &out, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
  }
  if (rc != 0) {
    if (out) g_object_unref(out);
    return nullptr;
  }
  return Img(out);
}

// sRGB (or 8-bit grey), through the embedded ICC profile when there is one; no profile attached.
StatusOr<Img> ToSrgb(Img in) {
  VipsInterpretation interp = vips_image_guess_interpretation(in.get());
  const bool grey = interp == VIPS_INTERPRETATION_B_W || interp == VIPS_INTERPRETATION_GREY16;
  if (!grey && vips_image_get_typeof(in.get(), VIPS_META_ICC_NAME)) {
    VipsImage* out = nullptr;
    if (vips_icc_transform(in.get(), &out, "srgb", "embedded", TRUE, "intent", VIPS_INTENT_PERCEPTUAL,
                           nullptr) == 0) {
      in.reset(out);
    } else {
      // A broken profile: fall back to the plain conversion below.
      spdlog::debug("icc transform failed: {}", TakeVipsError());
    }
    interp = vips_image_guess_interpretation(in.get());
  }
  const VipsInterpretation target = grey ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB;
  if (interp != target || vips_image_get_format(in.get()) != VIPS_FORMAT_UCHAR) {
    VipsImage* out = nullptr;
    if (vips_colourspace(in.get(), &out, target, nullptr) != 0) return Corrupt("colourspace");
    in.reset(out);
    if (vips_image_get_format(in.get()) != VIPS_FORMAT_UCHAR) {
      VipsImage* cast = nullptr;
      if (vips_cast_uchar(in.get(), &cast, nullptr) != 0) return Corrupt("cast");
      in.reset(cast);
    }
  }
  // The pixels are sRGB now; a profile left attached would be applied a second time by viewers.
  VipsImage* copy = nullptr;
  if (vips_copy(in.get(), &copy, nullptr) != 0) return Corrupt("copy");
  Img clean(copy);
  vips_image_remove(clean.get(), VIPS_META_ICC_NAME);
  return clean;
}

StatusOr<std::string> SaveJpeg(VipsImage* img, int quality) {
  void* buf = nullptr;
  size_t len = 0;
  if (vips_jpegsave_buffer(img, &buf, &len, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, "interlace",
                           TRUE, nullptr) != 0) {
    return Internal("jpegsave: " + TakeVipsError());
  }
  return TakeBuffer(buf, len);
}

// A JPEG at most `width` px wide (never enlarged), alpha flattened onto white.
StatusOr<std::string> Variant(VipsImage* img, int width) {
  Img cur;
  VipsImage* src = img;
  if (vips_image_hasalpha(img)) {
    const int colour_bands = vips_image_get_bands(img) - 1;
    double white[4] = {255, 255, 255, 255};
    VipsArrayDouble* bg = vips_array_double_new(white, colour_bands > 0 ? colour_bands : 1);
    VipsImage* out = nullptr;
    int rc = vips_flatten(img, &out, "background", bg, nullptr);
    vips_area_unref(VIPS_AREA(bg));
    if (rc != 0) return Internal("flatten: " + TakeVipsError());
    cur.reset(out);
    src = out;
  }
  if (vips_image_get_width(src) > width) {
    VipsImage* out = nullptr;
    const double scale = static_cast<double>(width) / vips_image_get_width(src);
    if (vips_resize(src, &out, scale, "kernel", VIPS_KERNEL_LANCZOS3, nullptr) != 0) {
      return Internal("resize: " + TakeVipsError());
    }
    cur.reset(out);
    src = out;
  }
  return SaveJpeg(src, 82);
}

}  // namespace

Status InitImages() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    ok = VIPS_INIT("pol") == 0;
    if (ok) {
      // vips' warnings (e.g. "error in tile" for a refused truncated file) go to the log, not stderr.
      g_log_set_handler(
          "VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO),
          [](const gchar*, GLogLevelFlags, const gchar* message, gpointer) {
            spdlog::debug("vips: {}", message);
          },
          nullptr);
      // Pol handles one image per request; vips' operation cache only holds memory.
      vips_cache_set_max(0);
      vips_concurrency_set(1);
    } else {
      spdlog::error("libvips failed to start: {}", TakeVipsError());
    }
  });
  return ok ? Status::Ok() : Internal("libvips failed to start");
}

void ShutdownImages() { vips_shutdown(); }

std::optional<std::string> SniffImageType(std::string_view b) {
  auto starts = [&](std::string_view magic, size_t at = 0) {
    return b.size() >= at + magic.size() && b.substr(at, magic.size()) == magic;
  };
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts(std::string_view("\x89PNG\r\n\x1A\n", 8))) return "image/png";
  if (starts("RIFF") && starts("WEBP", 8)) return "image/webp";
  if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
  return std::nullopt;
}

StatusOr<ProcessedImage> ProcessImage(std::string_view bytes) {
  if (bytes.empty()) return InvalidArgument("empty_image", "فایل عکس خالی است.");
  if (bytes.size() > kMaxImageBytes) {
    return InvalidArgument(
        "image_too_large",
        "حجم عکس بیش از ۱۰ مگابایت است؛ عکس کوچک‌تری بفرستید.");
  }
  std::optional<std::string> type = SniffImageType(bytes);
  if (!type) {
    return InvalidArgument(
        "unsupported_image",
        "محتوای این فایل عکس نیست؛ فقط عکس‌های JPEG، PNG، WebP یا GIF پذیرفته می‌شوند.");
  }
  POL_RETURN_IF_ERROR(InitImages());

  Img img = LoadHeader(*type, bytes);
  if (!img) return Corrupt("header");
  const int64_t w = vips_image_get_width(img.get()), h = vips_image_get_height(img.get());
  if (w <= 0 || h <= 0 || w > kMaxSide || h > kMaxSide || w * h > kMaxPixels) {
    return InvalidArgument("image_dimensions",
                           "ابعاد عکس بیش از حد بزرگ است؛ حداکثر ۴۰ مگاپیکسل و ۲۰۰۰۰ پیکسل در هر ضلع.");
  }
  // Decode every pixel now, strictly: a truncated or corrupt file fails here.
  Img decoded(vips_image_copy_memory(img.get()));
  if (!decoded) return Corrupt("decode");
  img.reset();

  VipsImage* rotated = nullptr;
  if (vips_autorot(decoded.get(), &rotated, nullptr) != 0) return Corrupt("autorot");
  Img upright(rotated);
  decoded.reset();
  POL_ASSIGN_OR_RETURN(Img srgb, ToSrgb(std::move(upright)));
  // Once more into memory, so the three encodings below do not redo the work.
  Img ready(vips_image_copy_memory(srgb.get()));
  if (!ready) return Internal("copy_memory: " + TakeVipsError());
  srgb.reset();

  ProcessedImage out;
  out.content_type = *type;
  out.width = vips_image_get_width(ready.get());
  out.height = vips_image_get_height(ready.get());
  void* buf = nullptr;
  size_t len = 0;
  if (*type == "image/jpeg") {
    POL_ASSIGN_OR_RETURN(out.original, SaveJpeg(ready.get(), 90));
    out.original_ext = "jpg";
  } else if (*type == "image/webp") {
    if (vips_webpsave_buffer(ready.get(), &buf, &len, "Q", 90, "strip", TRUE, nullptr) != 0) {
      return Internal("webpsave: " + TakeVipsError());
    }
    out.original = TakeBuffer(buf, len);
    out.original_ext = "webp";
  } else {
    if (vips_pngsave_buffer(ready.get(), &buf, &len, "strip", TRUE, "compression", 6, nullptr) != 0) {
      return Internal("pngsave: " + TakeVipsError());
    }
    out.original = TakeBuffer(buf, len);
    out.original_ext = "png";
  }
  POL_ASSIGN_OR_RETURN(out.large, Variant(ready.get(), kLargeWidth));
  POL_ASSIGN_OR_RETURN(out.thumb, Variant(ready.get(), kThumbWidth));
  return out;
}

}  // namespace pol::media
