#include "store/outbox_repo.h"

namespace pol::store {
namespace {

const char* TableOf(OutboxKind kind) {
  switch (kind) {
    case OutboxKind::kBulletin:
      return "bulletin_deliveries";
    case OutboxKind::kAlert:
      return "alert_deliveries";
    case OutboxKind::kReleaseUpdate:
      return "release_updates";
  }
  return "";
}

// Every kind's rows in one shape: kind, id, owner (council, agency), channel (id, kind, name), recipient,
// title, event, ref_id, link, the status columns, created_at.
constexpr char kUnion[] =
    "SELECT 'bulletin' AS kind, b.id AS id, ch.council_id AS council_id, ch.agency_id AS agency_id, "
    "b.channel_id AS channel_id, ch.kind AS channel_kind, ch.name AS channel_name, b.recipient AS recipient, "
    "ba.label AS title, ba.period AS event, b.archive_id AS ref_id, '' AS link, b.state AS state, "
    "b.attempts AS attempts, b.message_id AS message_id, b.url AS url, b.error_code AS error_code, "
    "b.error_fa AS error_fa, b.error_detail AS error_detail, b.updated_at AS updated_at, "
    "b.sent_at AS sent_at, b.created_at AS created_at "
    "FROM bulletin_deliveries b JOIN channels ch ON ch.id = b.channel_id "
    "JOIN bulletin_archive ba ON ba.id = b.archive_id "
    "UNION ALL "
    "SELECT 'alert', a.id, a.council_id, a.agency_id, a.channel_id, COALESCE(ch.kind, mb.kind, ''), "
    "COALESCE(ch.name, mb.name, ''), a.recipient, "
    "CASE WHEN a.item_title = '' THEN a.body ELSE a.item_title END, '', 0, a.link, a.state, a.attempts, "
    "a.message_id, a.url, a.error_code, a.error_fa, a.error_detail, a.updated_at, a.sent_at, a.created_at "
    "FROM alert_deliveries a LEFT JOIN channels ch ON ch.id = a.channel_id "
    "LEFT JOIN messenger_bots mb ON mb.id = a.bot_id "
    "UNION ALL "
    "SELECT 'release_update', u.id, ch.council_id, ch.agency_id, u.channel_id, ch.kind, ch.name, "
    "d.recipient, r.title, u.event, u.release_id, '', u.state, u.attempts, u.message_id, u.url, "
    "u.error_code, u.error_fa, u.error_detail, u.updated_at, u.sent_at, u.created_at "
    "FROM release_updates u JOIN channels ch ON ch.id = u.channel_id JOIN deliveries d ON d.id = u.delivery_id "
    "JOIN releases r ON r.id = u.release_id";

constexpr char kItemCols[] =
    "o.kind, o.id, o.council_id, o.agency_id, o.channel_id, o.channel_kind, o.channel_name, o.recipient, "
    "o.title, o.event, o.ref_id, o.link, o.state, o.attempts, o.message_id, o.url, o.error_code, o.error_fa, "
    "o.error_detail, o.updated_at, o.sent_at, o.created_at";

// The status columns in their order (kStatusCols), read from column `first` on.
constexpr char kStatusCols[] =
    "state, attempts, message_id, url, error_code, error_fa, error_detail, updated_at, sent_at";
OutboxStatus StatusAt(const Row& r, int64_t id, int first) {
  return {.id = id,
          .state = r.Text(first),
          .attempts = r.Int(first + 1),
          .message_id = r.Text(first + 2),
          .url = r.Text(first + 3),
          .error_code = r.Text(first + 4),
          .error_fa = r.Text(first + 5),
          .error_detail = r.Text(first + 6),
          .updated_at = r.Int(first + 7),
          .sent_at = r.OptInt(first + 8)};
}

OutboxItem ItemFromRow(const Row& r) {
  OutboxItem o;
  o.kind = ParseOutboxKind(r.Text(0)).value_or(OutboxKind::kBulletin);
  o.status = StatusAt(r, r.Int(1), 12);
  o.council_id = r.Int(2);
  o.agency_id = r.OptInt(3);
  o.channel_id = r.OptInt(4);
  o.channel_kind = r.Text(5);
  o.channel_name = r.Text(6);
  o.recipient = r.Text(7);
  o.title = r.Text(8);
  o.event = r.Text(9);
  o.ref_id = r.Int(10);
  o.link = r.Text(11);
  o.created_at = r.Int(21);
  if (!o.channel_id) {  // an alert to a PR manager's own chat: named by its bot
    o.channel_name = o.channel_name.empty() ? "گفتگوی شخصی" : "گفتگوی شخصی در «" + o.channel_name + "»";
  }
  return o;
}

std::string InList(const std::vector<int64_t>& ids, Params& p) {
  if (ids.empty()) return "(NULL)";
  std::string s = "(";
  for (size_t i = 0; i < ids.size(); ++i) {
    s += i ? ",?" : "?";
    p.emplace_back(ids[i]);
  }
  return s + ")";
}

}  // namespace

const char* OutboxKindName(OutboxKind kind) {
  switch (kind) {
    case OutboxKind::kBulletin:
      return "bulletin";
    case OutboxKind::kAlert:
      return "alert";
    case OutboxKind::kReleaseUpdate:
      return "release_update";
  }
  return "";
}

std::optional<OutboxKind> ParseOutboxKind(std::string_view name) {
  if (name == "bulletin") return OutboxKind::kBulletin;
  if (name == "alert") return OutboxKind::kAlert;
  if (name == "release_update") return OutboxKind::kReleaseUpdate;
  return std::nullopt;
}

Status SaveOutboxStatus(Conn& c, OutboxKind kind, const OutboxStatus& s) {
  return c
      .Exec(std::string("UPDATE ") + TableOf(kind) +
                " SET state = ?, attempts = ?, message_id = ?, url = ?, error_code = ?, error_fa = ?, "
                "error_detail = ?, updated_at = ?, sent_at = ? WHERE id = ?",
            {s.state, s.attempts, s.message_id, s.url, s.error_code, s.error_fa, s.error_detail, s.updated_at,
             Opt(s.sent_at), s.id})
      .status();
}

StatusOr<OutboxStatus> GetOutboxStatus(Conn& c, OutboxKind kind, int64_t id) {
  POL_ASSIGN_OR_RETURN(std::optional<Row> r, c.QueryOpt(std::string("SELECT id, ") + kStatusCols + " FROM " +
                                                            TableOf(kind) + " WHERE id = ?",
                                                        {id}));
  if (!r) return NotFound("ارسال پیدا نشد.");
  return StatusAt(*r, r->Int(0), 1);
}

StatusOr<std::pair<std::vector<OutboxItem>, int64_t>> ListFailedOutbox(
    Conn& c, const std::optional<std::vector<int64_t>>& councils,
    const std::optional<std::vector<int64_t>>& agencies, std::optional<OutboxKind> kind,
    std::optional<int64_t> agency_id, int64_t limit, int64_t offset) {
  Params p;
  std::string where = " WHERE o.state = 'failed'";
  std::string scope;
  if (councils) scope = "o.council_id IN " + InList(*councils, p);
  if (agencies)
    scope += (scope.empty() ? "" : " OR ") + std::string("o.agency_id IN ") + InList(*agencies, p);
  if (!scope.empty()) where += " AND (" + scope + ")";
  if (kind) {
    where += " AND o.kind = ?";
    p.emplace_back(std::string(OutboxKindName(*kind)));
  }
  if (agency_id) {
    where += " AND o.agency_id = ?";
    p.emplace_back(*agency_id);
  }
  const std::string from = std::string(" FROM (") + kUnion + ") o" + where;
  POL_ASSIGN_OR_RETURN(Row n, c.QueryOne("SELECT COUNT(*)" + from, p));
  Params page = p;
  page.emplace_back(limit);
  page.emplace_back(offset);
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query(std::string("SELECT ") + kItemCols + from +
                                   " ORDER BY o.updated_at DESC, o.kind, o.id DESC LIMIT ? OFFSET ?",
                               page));
  std::vector<OutboxItem> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(ItemFromRow(r));
  return std::make_pair(std::move(out), n.Int(0));
}

StatusOr<std::optional<OutboxItem>> GetOutboxItem(Conn& c, OutboxKind kind, int64_t id) {
  POL_ASSIGN_OR_RETURN(std::optional<Row> r, c.QueryOpt(std::string("SELECT ") + kItemCols + " FROM (" +
                                                            kUnion + ") o WHERE o.kind = ? AND o.id = ?",
                                                        {std::string(OutboxKindName(kind)), id}));
  if (!r) return std::optional<OutboxItem>();
  return std::optional<OutboxItem>(ItemFromRow(*r));
}

}  // namespace pol::store
