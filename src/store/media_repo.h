// SQL for the media library: the `media` table (one row per image an agency
// uploaded; its files live under DATA/media/, see media/media.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct MediaRow {
  int64_t id = 0, agency_id = 0;
  std::optional<int64_t> uploaded_by;
  std::string content_type;  // of the (stripped) original
  int64_t width = 0, height = 0, bytes = 0;
  std::string sha256;       // of the uploaded bytes, lowercase hex
  std::string storage_key;  // folder under DATA/media/ holding the variants
  std::string caption;
  int64_t created_at = 0;
};

StatusOr<int64_t> InsertMedia(Conn& c, const MediaRow& m);
StatusOr<std::optional<MediaRow>> GetMedia(Conn& c, int64_t id);
// The agency's item with these bytes (deduplication), if any.
StatusOr<std::optional<MediaRow>> FindMediaBySha(Conn& c, int64_t agency_id, const std::string& sha256);
// Newest first; the page and the agency's total.
StatusOr<std::pair<std::vector<MediaRow>, int64_t>> ListMedia(Conn& c, int64_t agency_id, int64_t limit,
                                                              int64_t offset);

}  // namespace pol::store
