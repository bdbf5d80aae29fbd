#include "store/bulletin_delivery_repo.h"

#include "store/outbox_repo.h"

#include <map>
#include <tuple>

#include "store/sql_build.h"

namespace pol::store {

StatusOr<std::vector<int64_t>> BulletinRecipients(Conn& c, int64_t council_id, const std::string& period) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT channel_id FROM bulletin_recipients WHERE council_id = ? "
                                          "AND period = ? ORDER BY channel_id",
                                          {council_id, period}));
  std::vector<int64_t> out;
  for (const Row& r : rows) out.push_back(r.Int(0));
  return out;
}

Status SetBulletinRecipients(Conn& c, int64_t council_id, const std::string& period,
                             const std::vector<int64_t>& channel_ids) {
  POL_RETURN_IF_ERROR(
      c.Exec("DELETE FROM bulletin_recipients WHERE council_id = ? AND period = ?", {council_id, period})
          .status());
  for (int64_t id : channel_ids) {
    POL_RETURN_IF_ERROR(
        c.Exec("INSERT INTO bulletin_recipients(council_id, period, channel_id) VALUES (?,?,?) "
               "ON CONFLICT (council_id, period, channel_id) DO NOTHING",
               {council_id, period, id})
            .status());
  }
  return Status::Ok();
}

StatusOr<std::optional<int64_t>> InsertBulletinDelivery(Conn& c, const BulletinDelivery& d) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(
          "INSERT INTO bulletin_deliveries(archive_id, channel_id, contact_id, recipient, state, attempts, "
          "created_at, updated_at) VALUES (?,?,?,?,?,0,?,?) "
          "ON CONFLICT (archive_id, channel_id, recipient) DO NOTHING RETURNING id",
          {d.archive_id, d.channel_id, Opt(d.contact_id), d.recipient, d.state, d.created_at, d.created_at}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

StatusOr<std::optional<BulletinDelivery>> GetBulletinDelivery(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      std::optional<Row> r,
      c.QueryOpt(
          "SELECT id, archive_id, channel_id, contact_id, recipient, state, attempts, message_id, url, "
          "error_code, error_fa, error_detail, created_at, updated_at, sent_at "
          "FROM bulletin_deliveries WHERE id = ?",
          {id}));
  if (!r) return std::optional<BulletinDelivery>();
  return std::optional<BulletinDelivery>(BulletinDelivery{.id = r->Int(0),
                                                          .archive_id = r->Int(1),
                                                          .channel_id = r->Int(2),
                                                          .contact_id = r->OptInt(3),
                                                          .recipient = r->Text(4),
                                                          .state = r->Text(5),
                                                          .attempts = r->Int(6),
                                                          .message_id = r->Text(7),
                                                          .url = r->Text(8),
                                                          .error_code = r->Text(9),
                                                          .error_fa = r->Text(10),
                                                          .error_detail = r->Text(11),
                                                          .created_at = r->Int(12),
                                                          .updated_at = r->Int(13),
                                                          .sent_at = r->OptInt(14)});
}

Status SaveBulletinDelivery(Conn& c, const BulletinDelivery& d) {
  return SaveOutboxStatus(c, OutboxKind::kBulletin, StatusOf(d));
}

StatusOr<std::vector<BulletinDeliveryCount>> CountBulletinDeliveries(
    Conn& c, const std::vector<int64_t>& archive_ids) {
  std::vector<BulletinDeliveryCount> out;
  if (archive_ids.empty()) return out;
  Params p;
  const std::string in = InList(archive_ids, p);
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT d.archive_id, d.channel_id, ch.kind, ch.name, d.state, COUNT(*), MAX(d.updated_at), "
              "MAX(d.url) FROM bulletin_deliveries d JOIN channels ch ON ch.id = d.channel_id "
              "WHERE d.archive_id IN " +
                  in +
                  " GROUP BY d.archive_id, d.channel_id, ch.kind, ch.name, d.state "
                  "ORDER BY d.archive_id, d.channel_id, d.state",
              p));
  for (const Row& r : rows) {
    out.push_back({.archive_id = r.Int(0),
                   .channel_id = r.Int(1),
                   .channel_kind = r.Text(2),
                   .channel_name = r.Text(3),
                   .state = r.Text(4),
                   .count = r.Int(5),
                   .last_at = r.Int(6),
                   .url = r.IsNull(7) ? "" : r.Text(7)});
  }
  // The latest failure's Persian error per archive and channel.
  Params fp;
  const std::string fin = InList(archive_ids, fp);
  POL_ASSIGN_OR_RETURN(
      Rows failed, c.Query("SELECT archive_id, channel_id, error_fa FROM bulletin_deliveries WHERE state = "
                           "'failed' AND archive_id IN " +
                               fin + " ORDER BY updated_at, id",
                           fp));
  std::map<std::pair<int64_t, int64_t>, std::string> last_error;
  for (const Row& r : failed) last_error[{r.Int(0), r.Int(1)}] = r.Text(2);
  for (BulletinDeliveryCount& x : out) {
    if (x.state == "failed") x.error_fa = last_error[{x.archive_id, x.channel_id}];
  }
  return out;
}

StatusOr<std::optional<int64_t>> FindBulletinArchiveId(Conn& c, int64_t council_id, const std::string& period,
                                                       int64_t slot_at) {
  POL_ASSIGN_OR_RETURN(std::optional<Row> r,
                       c.QueryOpt("SELECT id FROM bulletin_archive WHERE council_id = ? AND period = ? AND "
                                  "slot_at = ?",
                                  {council_id, period, slot_at}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

}  // namespace pol::store
