#include "store/alert_delivery_repo.h"

#include "store/outbox_repo.h"

namespace pol::store {
namespace {

constexpr char kCols[] =
    "id, event_key, council_id, agency_id, channel_id, user_id, recipient, subject, body, item_title, outlet, "
    "link, state, attempts, message_id, url, error_code, error_fa, error_detail, created_at, updated_at, sent_at, "
    "bot_id, chat_id, tone";

AlertDelivery FromRow(const Row& r) {
  return {.id = r.Int(0),
          .event_key = r.Text(1),
          .council_id = r.Int(2),
          .agency_id = r.Int(3),
          .channel_id = r.IsNull(4) ? 0 : r.Int(4),
          .user_id = r.OptInt(5),
          .recipient = r.Text(6),
          .subject = r.Text(7),
          .body = r.Text(8),
          .item_title = r.Text(9),
          .outlet = r.Text(10),
          .link = r.Text(11),
          .state = r.Text(12),
          .attempts = r.Int(13),
          .message_id = r.Text(14),
          .url = r.Text(15),
          .error_code = r.Text(16),
          .error_fa = r.Text(17),
          .error_detail = r.Text(18),
          .created_at = r.Int(19),
          .updated_at = r.Int(20),
          .sent_at = r.OptInt(21),
          .bot_id = r.OptInt(22),
          .chat_id = r.Text(23),
          .tone = r.Text(24)};
}

}  // namespace

StatusOr<std::optional<int64_t>> InsertAlertDelivery(Conn& c, const AlertDelivery& d) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(
          "INSERT INTO alert_deliveries(event_key, council_id, agency_id, channel_id, user_id, recipient, "
          "subject, body, item_title, outlet, link, state, attempts, created_at, updated_at, bot_id, chat_id, "
          "tone) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,?,?,?) "
          "ON CONFLICT DO NOTHING RETURNING id",
          {d.event_key, d.council_id, d.agency_id, d.channel_id ? Value(d.channel_id) : Value(Null{}),
           Opt(d.user_id), d.recipient, d.subject, d.body, d.item_title, d.outlet, d.link, d.state,
           d.created_at, d.created_at, Opt(d.bot_id), d.chat_id, d.tone}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

StatusOr<std::optional<AlertDelivery>> GetAlertDelivery(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      std::optional<Row> r,
      c.QueryOpt(std::string("SELECT ") + kCols + " FROM alert_deliveries WHERE id = ?", {id}));
  if (!r) return std::optional<AlertDelivery>();
  return std::optional<AlertDelivery>(FromRow(*r));
}

Status SaveAlertDelivery(Conn& c, const AlertDelivery& d) {
  return SaveOutboxStatus(c, OutboxKind::kAlert, StatusOf(d));
}

Status SetAlertDeliveriesTone(Conn& c, const std::string& event_key, const std::string& tone) {
  return c.Exec("UPDATE alert_deliveries SET tone = ? WHERE event_key = ?", {tone, event_key}).status();
}

StatusOr<std::vector<AlertDelivery>> ListAlertDeliveries(Conn& c, int64_t agency_id, int64_t limit) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kCols +
                                              " FROM alert_deliveries WHERE agency_id = ? "
                                              "ORDER BY created_at DESC, id DESC LIMIT ?",
                                          {agency_id, limit}));
  std::vector<AlertDelivery> out;
  for (const Row& r : rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace pol::store
