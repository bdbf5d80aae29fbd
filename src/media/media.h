// The media library: the images an agency uploads once and uses in any number
// of releases (release_media, see newsroom/releases.h).
//
// Upload: the bytes go through media/images.h (type by content, size and pixel
// caps, strict decode, upright, every piece of metadata stripped, variants);
// then the files are written atomically under DATA/media/<sha[0:2]>/<sha>/
//   original.<jpg|png|webp>   the stripped, upright original
//   large.jpg                 at most 1280 px wide
//   medium.jpg                at most 800 px wide (phones)
//   thumb.jpg                 400 px wide
//   large.webp, medium.webp   the large and medium ones as WebP
// (<sha> = SHA-256 of the uploaded bytes), and only after that does the row
// commit, with its audit entry, in one transaction. So a row always has its
// files; a failed upload leaves no row (at most unreferenced, content-addressed
// files, reused by the next upload of the same bytes). The same bytes uploaded
// again to the same agency return the existing item (`created` = false).
//
// Access: an agency's library is seen by its staff and by its council's roles
// (Principal::CanViewMedia) and filled by its editors and PR manager
// (CanUploadMedia); others get 404, or 403 when they can see but not upload.
// The files (Read) are public once a public release uses the item
// (store::MediaIsPublic), otherwise only for those who can see the library.
// Items uploaded before the medium and WebP variants existed get them on their
// first read (made from large.jpg and written like the others).
//
// Thread-safety: thread-safe; blocks (database, files, image work): worker threads only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accounts/actor.h"
#include "base/env.h"
#include "media/storage.h"
#include "store/db.h"
#include "store/media_repo.h"

namespace pol::media {

// The transport limit for the upload route (the image itself: kMaxImageBytes).
inline constexpr size_t kUploadBodyLimit = 12 * 1024 * 1024;

using MediaItem = store::MediaRow;

// In URLs: large, thumb, medium, large.webp, medium.webp.
enum class Variant { kLarge, kThumb, kMedium, kLargeWebp, kMediumWebp };
std::optional<Variant> ParseVariant(std::string_view name);
std::string_view VariantName(Variant v);

struct UploadResult {
  MediaItem item;
  bool created = true;  // false: these bytes were already in the agency's library
};

struct VariantFile {
  std::string body;
  std::string content_type;  // image/jpeg or image/webp
  std::string etag;          // strong, quoted
  bool is_public = false;    // a public release uses it: cacheable by anyone
};

class MediaLibrary {
 public:
  MediaLibrary(store::Database* db, Env* env, FileStore* files) : db_(db), env_(env), files_(files) {}

  StatusOr<UploadResult> Upload(const accounts::Actor& actor, int64_t agency_id, std::string_view caption,
                                std::string_view bytes);
  StatusOr<std::pair<std::vector<MediaItem>, int64_t>> List(const accounts::Actor& actor, int64_t agency_id,
                                                            int64_t limit, int64_t offset);
  StatusOr<MediaItem> Get(const accounts::Actor& actor, int64_t id);
  // A variant's file for `viewer` (nullptr: anonymous). NotFound when not visible.
  StatusOr<VariantFile> Read(const accounts::Principal* viewer, int64_t id, Variant v);

  // Storage keys of an item's files.
  static std::string VariantKey(const MediaItem& m, Variant v);

 private:
  // The file of a variant; the medium and WebP ones are made from large.jpg when missing.
  StatusOr<std::string> ReadVariantFile(const MediaItem& m, Variant v);
  // The item's agency must be visible to the actor (NotFound otherwise); returns its council.
  StatusOr<int64_t> CheckView(store::Conn& c, const accounts::Actor& actor, int64_t agency_id);

  store::Database* const db_;
  Env* const env_;
  FileStore* const files_;
};

}  // namespace pol::media
