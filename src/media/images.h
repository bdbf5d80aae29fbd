// Image processing for the media library, on libvips (C API).
//
// ProcessImage() takes the bytes of an upload and returns the files Pol keeps:
//   1. the type is sniffed from the content's magic bytes (JPEG, PNG, WebP, GIF),
//      never from a file name or a Content-Type header; anything else is refused;
//   2. the header is read with that type's own loader (never vips's
//      auto-detection, so SVG, PDF and friends are never parsed) and the pixel
//      count is checked BEFORE any full decode (decompression bombs);
//   3. the whole image is decoded, strictly (a truncated or corrupt file fails);
//   4. it is turned upright by its EXIF orientation, converted to sRGB (through
//      an embedded ICC profile when there is one), and re-encoded with ALL
//      metadata stripped (EXIF with GPS, XMP, IPTC, ICC). Re-encoding also drops
//      whatever a polyglot file carried after the image data;
//   5. variants: `large` (at most 1280 px wide) and `thumb` (400 px wide), JPEG
//      q82, progressive, alpha flattened onto white; never enlarged.
// Errors are InvalidArgument with stable api codes and Persian messages:
//   empty_image, image_too_large (413), unsupported_image (415),
//   corrupt_image, image_dimensions.
//
// Thread-safety: call InitImages() once before any other call (pol serve does it
// at start); after that ProcessImage() is safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace pol::media {

inline constexpr size_t kMaxImageBytes = 10 * 1024 * 1024;  // 10 MiB
inline constexpr int64_t kMaxPixels = 40'000'000;           // 40 megapixels
inline constexpr int kMaxSide = 20000;
inline constexpr int kLargeWidth = 1280;
inline constexpr int kThumbWidth = 400;

// Starts libvips (once; later calls are no-ops). Fails if libvips cannot start.
Status InitImages();
// Frees libvips' caches and threads at exit (so leak checkers stay quiet).
void ShutdownImages();

// "image/jpeg", "image/png", "image/webp" or "image/gif" by magic bytes; nullopt otherwise.
std::optional<std::string> SniffImageType(std::string_view bytes);

struct ProcessedImage {
  std::string content_type;       // of the upload, by content
  std::string original_ext;       // of the stored original: jpg, png or webp (GIF → png, first frame)
  int64_t width = 0, height = 0;  // upright
  std::string original;           // stripped, upright, same format (GIF → PNG)
  std::string large, thumb;       // JPEG
};

StatusOr<ProcessedImage> ProcessImage(std::string_view bytes);

}  // namespace pol::media
