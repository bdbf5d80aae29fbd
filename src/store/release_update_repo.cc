#include "store/release_update_repo.h"

#include "store/outbox_repo.h"

namespace pol::store {
namespace {

constexpr char kCols[] =
    "id, release_id, event, event_at, note, delivery_id, channel_id, state, attempts, message_id, url, error_code, "
    "error_fa, error_detail, created_at, updated_at, sent_at";

ReleaseUpdate FromRow(const Row& r) {
  return {.id = r.Int(0),
          .release_id = r.Int(1),
          .event = r.Text(2),
          .event_at = r.Int(3),
          .note = r.Text(4),
          .delivery_id = r.Int(5),
          .channel_id = r.Int(6),
          .state = r.Text(7),
          .attempts = r.Int(8),
          .message_id = r.Text(9),
          .url = r.Text(10),
          .error_code = r.Text(11),
          .error_fa = r.Text(12),
          .error_detail = r.Text(13),
          .created_at = r.Int(14),
          .updated_at = r.Int(15),
          .sent_at = r.OptInt(16)};
}

}  // namespace

StatusOr<std::optional<int64_t>> InsertReleaseUpdate(Conn& c, const ReleaseUpdate& u) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(
          "INSERT INTO release_updates(release_id, event, event_at, note, delivery_id, channel_id, state, "
          "attempts, created_at, updated_at) VALUES (?,?,?,?,?,?,?,0,?,?) "
          "ON CONFLICT (release_id, event, event_at, delivery_id) DO NOTHING RETURNING id",
          {u.release_id, u.event, u.event_at, u.note, u.delivery_id, u.channel_id, u.state, u.created_at,
           u.created_at}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

StatusOr<std::optional<ReleaseUpdate>> GetReleaseUpdate(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      std::optional<Row> r,
      c.QueryOpt(std::string("SELECT ") + kCols + " FROM release_updates WHERE id = ?", {id}));
  if (!r) return std::optional<ReleaseUpdate>();
  return std::optional<ReleaseUpdate>(FromRow(*r));
}

Status SaveReleaseUpdate(Conn& c, const ReleaseUpdate& u) {
  return SaveOutboxStatus(c, OutboxKind::kReleaseUpdate, StatusOf(u));
}

StatusOr<std::vector<ReleaseUpdate>> ListReleaseUpdates(Conn& c, int64_t release_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kCols +
                                              " FROM release_updates WHERE release_id = ? "
                                              "ORDER BY event_at DESC, id",
                                          {release_id}));
  std::vector<ReleaseUpdate> out;
  for (const Row& r : rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace pol::store
