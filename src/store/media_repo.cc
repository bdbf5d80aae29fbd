#include "store/media_repo.h"

namespace pol::store {
namespace {

constexpr const char* kCols =
    "id, agency_id, uploaded_by, content_type, width, height, bytes, sha256, storage_key, caption, created_at";

MediaRow FromRow(const Row& r) {
  return MediaRow{.id = r.Int(0),
                  .agency_id = r.Int(1),
                  .uploaded_by = r.OptInt(2),
                  .content_type = r.Text(3),
                  .width = r.Int(4),
                  .height = r.Int(5),
                  .bytes = r.Int(6),
                  .sha256 = r.Text(7),
                  .storage_key = r.Text(8),
                  .caption = r.Text(9),
                  .created_at = r.Int(10)};
}

}  // namespace

StatusOr<int64_t> InsertMedia(Conn& c, const MediaRow& m) {
  POL_ASSIGN_OR_RETURN(
      Row row, c.QueryOne("INSERT INTO media(agency_id, uploaded_by, content_type, width, height, bytes, "
                          "sha256, storage_key, caption, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                          "RETURNING id",
                          {m.agency_id, Opt(m.uploaded_by), m.content_type, m.width, m.height, m.bytes,
                           m.sha256, m.storage_key, m.caption, m.created_at}));
  return row.Int(0);
}

StatusOr<std::optional<MediaRow>> GetMedia(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto row,
                       c.QueryOpt(std::string("SELECT ") + kCols + " FROM media WHERE id = ?", {id}));
  if (!row) return std::optional<MediaRow>();
  return std::optional<MediaRow>(FromRow(*row));
}

StatusOr<std::optional<MediaRow>> FindMediaBySha(Conn& c, int64_t agency_id, const std::string& sha256) {
  POL_ASSIGN_OR_RETURN(auto row,
                       c.QueryOpt(std::string("SELECT ") + kCols +
                                      " FROM media WHERE agency_id = ? AND sha256 = ? ORDER BY id LIMIT 1",
                                  {agency_id, sha256}));
  if (!row) return std::optional<MediaRow>();
  return std::optional<MediaRow>(FromRow(*row));
}

StatusOr<std::pair<std::vector<MediaRow>, int64_t>> ListMedia(Conn& c, int64_t agency_id, int64_t limit,
                                                              int64_t offset) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query(std::string("SELECT ") + kCols +
                                   " FROM media WHERE agency_id = ? ORDER BY created_at DESC, id DESC "
                                   "LIMIT ? OFFSET ?",
                               {agency_id, limit, offset}));
  POL_ASSIGN_OR_RETURN(Row total, c.QueryOne("SELECT COUNT(*) FROM media WHERE agency_id = ?", {agency_id}));
  std::vector<MediaRow> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(FromRow(r));
  return std::make_pair(std::move(out), total.Int(0));
}

}  // namespace pol::store
