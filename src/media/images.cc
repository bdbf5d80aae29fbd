#include "media/images.h"

#include <vips/vips.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include <spdlog/spdlog.h>

#include "base/mutex.h"

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

// How an image is opened. Always sequentially: the loader hands out the pixels top to bottom a strip
// at a time, so it never holds a decoded copy of the whole image (vips' default random access
// decodes everything into a temporary image first). Where the format allows, it shrinks while
// decoding: JPEG by its DCT (1/2, 1/4, 1/8), WebP through libwebp's scaling.
struct LoadOptions {
  int jpeg_shrink = 1;
  double webp_scale = 1.0;
};

// Opens the image with the loader of the sniffed type (never vips' guessing); lazy: only the header
// is read here. fail_on=error: truncated or corrupt data fails the decode; mere warnings (common in
// camera files) do not.
Img Load(const std::string& type, std::string_view bytes, const LoadOptions& o = {}) {
  VipsImage* out = nullptr;
  void* data = const_cast<char*>(bytes.data());  // vips does not write to it
  const int fail = VIPS_FAIL_ON_ERROR, seq = VIPS_ACCESS_SEQUENTIAL;
  int rc = -1;
  if (type == "image/jpeg") {
    rc = vips_jpegload_buffer(data, bytes.size(), &out, "fail_on", fail, "access", seq, "shrink",
                              o.jpeg_shrink, nullptr);
  } else if (type == "image/png") {
    rc = vips_pngload_buffer(data, bytes.size(), &out, "fail_on", fail, "access", seq, nullptr);
  } else if (type == "image/webp") {
    rc = vips_webpload_buffer(data, bytes.size(), &out, "fail_on", fail, "access", seq, "scale", o.webp_scale,
                              nullptr);
  } else if (type == "image/gif") {
    rc = vips_gifload_buffer(data, bytes.size(), &out, "fail_on", fail, "access", seq, nullptr);
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

// Scales `in` by `scale` (< 1) with Lanczos; lazy.
StatusOr<Img> Resize(VipsImage* in, double scale) {
  VipsImage* out = nullptr;
  if (vips_resize(in, &out, scale, "kernel", VIPS_KERNEL_LANCZOS3, nullptr) != 0) {
    return Internal("resize: " + TakeVipsError());
  }
  return Img(out);
}

StatusOr<std::string> SaveWebp(VipsImage* img, int quality) {
  void* buf = nullptr;
  size_t len = 0;
  if (vips_webpsave_buffer(img, &buf, &len, "Q", quality, "strip", TRUE, nullptr) != 0) {
    return Internal("webpsave: " + TakeVipsError());
  }
  return TakeBuffer(buf, len);
}

enum class Format { kJpeg, kWebp };

// A JPEG (q82) or WebP (q80) at most `width` px wide (never enlarged), alpha flattened onto white.
StatusOr<std::string> Variant(VipsImage* img, int width, Format format = Format::kJpeg) {
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
    POL_ASSIGN_OR_RETURN(Img resized, Resize(src, static_cast<double>(width) / vips_image_get_width(src)));
    cur = std::move(resized);
    src = cur.get();
  }
  return format == Format::kWebp ? SaveWebp(src, 80) : SaveJpeg(src, 82);
}

// The phone-sized JPEG and the WebP ones, from the large image already in memory.
Status PhoneVariants(VipsImage* large, ProcessedImage* out) {
  POL_ASSIGN_OR_RETURN(out->medium, Variant(large, kMediumWidth));
  POL_ASSIGN_OR_RETURN(out->large_webp, Variant(large, kLargeWidth, Format::kWebp));
  POL_ASSIGN_OR_RETURN(out->medium_webp, Variant(large, kMediumWidth, Format::kWebp));
  return Status::Ok();
}

// What the header says: the stored size, the EXIF orientation, and the size once upright.
struct Geometry {
  int64_t width = 0, height = 0;
  int orientation = 1;  // EXIF: 1 upright; 5–8 turn by 90°
  bool swap = false;    // width and height trade places when upright
  int64_t UprightWidth() const { return swap ? height : width; }
};

// The JPEG shrink-on-load factor for reducing by `reduce` (> 1): a power of two up to 8 that leaves at
// least a factor of two to the Lanczos resize after it (a block shrink alone is too sharp).
int JpegShrinkFor(double reduce) {
  for (int s : {8, 4, 2}) {
    if (reduce >= 2.0 * s) return s;
  }
  return 1;
}

// Decodes `bytes` once more, as a lazy pipeline: the sniffed type's loader (sequential, shrinking
// on load when `max_width` asks for a smaller image), 8-bit sRGB, at most `max_width` px wide when
// upright (0: full size), turned upright. Only turning needs the whole image at once: then the
// already converted (8-bit, already shrunk) pixels are copied to memory first — one copy, never more.
StatusOr<Img> Decode(const std::string& type, std::string_view bytes, const Geometry& g, int max_width) {
  const double scale =
      max_width > 0 && g.UprightWidth() > max_width ? static_cast<double>(max_width) / g.UprightWidth() : 1.0;
  LoadOptions o;
  if (scale < 1.0 && type == "image/jpeg") o.jpeg_shrink = JpegShrinkFor(1.0 / scale);
  if (scale < 1.0 && type == "image/webp") o.webp_scale = std::min(1.0, 2.0 * scale);
  Img img = Load(type, bytes, o);
  if (!img) return Corrupt("load");
  POL_ASSIGN_OR_RETURN(img, ToSrgb(std::move(img)));
  if (scale < 1.0) {
    // The loader may have shrunk already: scale what it gave to the target.
    const int loaded = g.swap ? vips_image_get_height(img.get()) : vips_image_get_width(img.get());
    if (loaded > max_width) {
      POL_ASSIGN_OR_RETURN(img, Resize(img.get(), static_cast<double>(max_width) / loaded));
    }
  }
  if (g.orientation != 1) {
    Img whole(vips_image_copy_memory(img.get()));
    if (!whole) return Corrupt("decode");
    VipsImage* rotated = nullptr;
    if (vips_autorot(whole.get(), &rotated, nullptr) != 0) return Corrupt("autorot");
    img.reset(rotated);
  }
  return img;
}

// The stripped original: the same format (GIF → PNG), full size, upright. This is the strict decode:
// the loader reads every pixel here, so a truncated or corrupt file fails (corrupt_image).
StatusOr<std::string> EncodeOriginal(const std::string& type, VipsImage* img) {
  void* buf = nullptr;
  size_t len = 0;
  int rc;
  if (type == "image/jpeg") {
    rc = vips_jpegsave_buffer(img, &buf, &len, "Q", 90, "strip", TRUE, "optimize_coding", TRUE, "interlace",
                              TRUE, nullptr);
  } else if (type == "image/webp") {
    rc = vips_webpsave_buffer(img, &buf, &len, "Q", 90, "strip", TRUE, nullptr);
  } else {
    rc = vips_pngsave_buffer(img, &buf, &len, "strip", TRUE, "compression", 6, nullptr);
  }
  if (rc != 0) {
    if (buf) g_free(buf);
    return Corrupt("decode");
  }
  return TakeBuffer(buf, len);
}

// One image at a time, process-wide: decoding is the memory-hungry part of Pol, and the caps below
// bound one decode, not several side by side. Other uploads wait their turn.
Mutex& ImageJobMutex() {
  static Mutex* mu = new Mutex();
  return *mu;
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
  MutexLock one_at_a_time(&ImageJobMutex());

  // The header only: every cap is checked before a single pixel is decoded.
  Geometry g;
  {
    Img header = Load(*type, bytes);
    if (!header) return Corrupt("header");
    g.width = vips_image_get_width(header.get());
    g.height = vips_image_get_height(header.get());
    if (g.width <= 0 || g.height <= 0 || g.width > kMaxSide || g.height > kMaxSide ||
        g.width * g.height > kMaxPixels) {
      return InvalidArgument("image_dimensions",
                             "ابعاد عکس بیش از حد بزرگ است؛ حداکثر ۴۰ مگاپیکسل و ۲۰۰۰۰ پیکسل در هر ضلع.");
    }
    // Pixels × channels × bytes per channel: a small 16-bit RGBA PNG within the pixel cap still
    // decodes to 320 MB.
    const uint64_t decoded = static_cast<uint64_t>(g.width * g.height) *
                             static_cast<uint64_t>(vips_image_get_bands(header.get())) *
                             vips_format_sizeof(vips_image_get_format(header.get()));
    if (decoded > kMaxDecodedBytes) {
      return InvalidArgument(
          "image_too_heavy",
          "این عکس پس از بازشدن بیش از ۱۶۰ مگابایت حافظه می‌گیرد (ابعاد یا عمق رنگ "
          "زیاد)؛ آن را کوچک‌تر یا با رنگ ۸ بیتی ذخیره کنید و دوباره بفرستید.");
    }
    g.orientation = vips_image_get_orientation(header.get());
    g.swap = vips_image_get_orientation_swap(header.get());
  }

  ProcessedImage out;
  out.content_type = *type;
  out.width = g.swap ? g.height : g.width;
  out.height = g.swap ? g.width : g.height;
  out.original_ext = *type == "image/jpeg" ? "jpg" : *type == "image/webp" ? "webp" : "png";
  {
    POL_ASSIGN_OR_RETURN(Img full, Decode(*type, bytes, g, 0));
    POL_ASSIGN_OR_RETURN(out.original, EncodeOriginal(*type, full.get()));
  }
  // The variants from one more decode, shrunk on load: the large one in memory (at most 1280 px
  // wide), the thumbnail from it.
  POL_ASSIGN_OR_RETURN(Img large, Decode(*type, bytes, g, kLargeWidth));
  Img ready(vips_image_copy_memory(large.get()));
  if (!ready) return Corrupt("decode");
  large.reset();
  POL_ASSIGN_OR_RETURN(out.large, Variant(ready.get(), kLargeWidth));
  POL_ASSIGN_OR_RETURN(out.thumb, Variant(ready.get(), kThumbWidth));
  POL_RETURN_IF_ERROR(PhoneVariants(ready.get(), &out));
  return out;
}

StatusOr<ProcessedImage> VariantsFromLarge(std::string_view large_jpeg) {
  const std::optional<std::string> type = SniffImageType(large_jpeg);
  if (!type || *type != "image/jpeg") return Corrupt("not the large jpeg");
  POL_RETURN_IF_ERROR(InitImages());
  MutexLock one_at_a_time(&ImageJobMutex());
  // At most 1280 px wide and written by Pol: upright, sRGB, no alpha.
  Img img = Load("image/jpeg", large_jpeg);
  if (!img) return Corrupt("load large");
  Img ready(vips_image_copy_memory(img.get()));
  if (!ready) return Corrupt("decode large");
  ProcessedImage out;
  out.content_type = "image/jpeg";
  out.width = vips_image_get_width(ready.get());
  out.height = vips_image_get_height(ready.get());
  POL_RETURN_IF_ERROR(PhoneVariants(ready.get(), &out));
  return out;
}

}  // namespace pol::media
