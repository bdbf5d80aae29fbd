// Image processing for the media library, on libvips (C API).
//
// ProcessImage() takes the bytes of an upload and returns the files Pol keeps:
//   1. the type is sniffed from the content's magic bytes (JPEG, PNG, WebP, GIF),
//      never from a file name or a Content-Type header; anything else is refused;
//   2. the header is read with that type's own loader (never vips's
//      auto-detection, so SVG, PDF and friends are never parsed) and, BEFORE any
//      pixel is decoded, the pixel count and the decoded size (width × height ×
//      channels × bytes per channel) are checked (decompression bombs: a 300 KB
//      16-bit RGBA PNG within the pixel cap decodes to 320 MB);
//   3. the whole image is decoded, strictly (a truncated or corrupt file fails),
//      as a stream: the loader runs sequentially, a strip at a time, so no decoded
//      copy of the whole image is kept — except to turn it upright (EXIF
//      orientation 2–8), which takes one 8-bit copy, bounded by the caps;
//   4. it is turned upright by its EXIF orientation, converted to sRGB (through
//      an embedded ICC profile when there is one), and re-encoded with ALL
//      metadata stripped (EXIF with GPS, XMP, IPTC, ICC). Re-encoding also drops
//      whatever a polyglot file carried after the image data;
//   5. variants: `large` (at most 1280 px wide), `medium` (at most 800 px, for
//      phones) and `thumb` (400 px wide), JPEG q82, progressive, and `large` and
//      `medium` once more as WebP (q80, smaller for the same look), alpha flattened
//      onto white; never enlarged. They come from a second decode that shrinks on
//      load where the format allows (JPEG's DCT scaling, WebP's scaled decode); the
//      smaller ones are made from the large one.
// Errors are InvalidArgument with stable api codes and Persian messages:
//   empty_image, image_too_large (413), unsupported_image (415),
//   corrupt_image, image_dimensions, image_too_heavy (decoded size over the cap).
//
// Thread-safety: call InitImages() once before any other call (pol serve does it
// at start); after that ProcessImage() may be called from any thread, but runs one
// image at a time process-wide (a mutex): callers queue, so the peak memory is one
// image's.
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
// Decoded bytes (width × height × channels × bytes per channel, as the file stores them): every 8-bit
// image within the pixel cap fits (RGBA or CMYK: 4 bytes a pixel); 16-bit ones up to 20 MP (RGBA).
inline constexpr uint64_t kMaxDecodedBytes = 160'000'000;
inline constexpr int kLargeWidth = 1280;
inline constexpr int kMediumWidth = 800;
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
  std::string medium;             // JPEG, at most kMediumWidth px wide
  std::string large_webp, medium_webp;
};

StatusOr<ProcessedImage> ProcessImage(std::string_view bytes);

// The phone-sized and WebP variants made from a stored `large` JPEG (Pol's own output), for photos
// uploaded before those variants existed: `medium`, `large_webp` and `medium_webp` are filled, the
// rest is left empty. corrupt_image when `large_jpeg` is not a JPEG that decodes.
StatusOr<ProcessedImage> VariantsFromLarge(std::string_view large_jpeg);

}  // namespace pol::media
