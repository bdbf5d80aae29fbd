#include "store/distribution_repo.h"

#include "store/council_repo.h"

namespace pol::store {
namespace {

constexpr const char* kChannelCols =
    "id, council_id, agency_id, kind, name, config, secret, secret_hint, enabled, version, created_at, updated_at";

Channel ChannelFromRow(const Row& r) {
  Channel ch;
  ch.id = r.Int(0);
  ch.council_id = r.Int(1);
  ch.agency_id = r.OptInt(2);
  ch.kind = r.Text(3);
  ch.name = r.Text(4);
  ch.config = r.Text(5);
  ch.secret = r.Text(6);
  ch.secret_hint = r.Text(7);
  ch.enabled = r.Int(8) != 0;
  ch.version = r.Int(9);
  ch.created_at = r.Int(10);
  ch.updated_at = r.Int(11);
  return ch;
}

constexpr const char* kContactCols =
    "id, list_id, outlet, name, email, beats, unsubscribe_token, unsubscribed_at, created_at";

PressContact ContactFromRow(const Row& r) {
  return PressContact{.id = r.Int(0),
                      .list_id = r.Int(1),
                      .outlet = r.Text(2),
                      .name = r.Text(3),
                      .email = r.Text(4),
                      .beats = r.Text(5),
                      .unsubscribe_token = r.Text(6),
                      .unsubscribed_at = r.OptInt(7),
                      .created_at = r.Int(8)};
}

constexpr const char* kDeliveryCols =
    "id, release_id, channel_id, contact_id, recipient, state, attempts, max_attempts, next_at, message_id, url, "
    "error_code, error_fa, error_detail, created_at, updated_at, sending_at, sent_at";

Delivery DeliveryFromRow(const Row& r) {
  Delivery d;
  d.id = r.Int(0);
  d.release_id = r.Int(1);
  d.channel_id = r.Int(2);
  d.contact_id = r.OptInt(3);
  d.recipient = r.Text(4);
  d.state = r.Text(5);
  d.attempts = r.Int(6);
  d.max_attempts = r.Int(7);
  d.next_at = r.Int(8);
  d.message_id = r.Text(9);
  d.url = r.Text(10);
  d.error_code = r.Text(11);
  d.error_fa = r.Text(12);
  d.error_detail = r.Text(13);
  d.created_at = r.Int(14);
  d.updated_at = r.Int(15);
  d.sending_at = r.OptInt(16);
  d.sent_at = r.OptInt(17);
  return d;
}

// "(p.council_id IN (..) OR p.agency_id IN (..))" for a principal's scope (`prefix` "p."); "" when
// unrestricted. An empty list is "IN (NULL)", which matches nothing.
std::string ScopeClause(const std::string& prefix, const std::optional<std::vector<int64_t>>& councils,
                        const std::optional<std::vector<int64_t>>& agencies, Params& params) {
  std::string s;
  if (councils) s = prefix + "council_id IN " + InList(*councils, params);
  if (agencies) s += (s.empty() ? "" : " OR ") + prefix + "agency_id IN " + InList(*agencies, params);
  return s.empty() ? s : "(" + s + ")";
}

// " WHERE a AND b" of the non-empty conditions; "" when there are none.
std::string Where(const std::vector<std::string>& conditions) {
  std::string s;
  for (const std::string& c : conditions) {
    if (!c.empty()) s += (s.empty() ? " WHERE " : " AND ") + c;
  }
  return s;
}

}  // namespace

StatusOr<int64_t> InsertChannel(Conn& c, const Channel& ch) {
  POL_ASSIGN_OR_RETURN(
      Row r,
      c.QueryOne(
          "INSERT INTO channels(council_id, agency_id, kind, name, config, secret, secret_hint, enabled, "
          "version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,1,?,?) RETURNING id",
          {ch.council_id, Opt(ch.agency_id), ch.kind, ch.name, ch.config, ch.secret, ch.secret_hint,
           int64_t{ch.enabled ? 1 : 0}, ch.created_at, ch.created_at}));
  return r.Int(0);
}

StatusOr<Channel> GetChannel(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto row, c.QueryOpt(std::string("SELECT ") + kChannelCols + " FROM channels WHERE id = ?", {id}));
  if (!row) return NotFound("کانال پیدا نشد.");
  return ChannelFromRow(*row);
}

Status UpdateChannel(Conn& c, const Channel& ch, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      int64_t n, c.Exec("UPDATE channels SET name = ?, config = ?, secret = ?, secret_hint = ?, "
                        "enabled = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                        {ch.name, ch.config, ch.secret, ch.secret_hint, int64_t{ch.enabled ? 1 : 0}, now,
                         ch.id, ch.version}));
  if (n == 0) return VersionConflict();
  return Status::Ok();
}

StatusOr<std::vector<Channel>> ListChannels(Conn& c, const std::optional<std::vector<int64_t>>& councils,
                                            const std::optional<std::vector<int64_t>>& agencies,
                                            std::optional<int64_t> council_id,
                                            std::optional<int64_t> agency_id) {
  Params p;
  std::vector<std::string> where = {ScopeClause("", councils, agencies, p)};
  if (council_id) {
    where.push_back("council_id = ?");
    p.emplace_back(*council_id);
  }
  if (agency_id) {
    where.push_back("agency_id = ?");
    p.emplace_back(*agency_id);
  }
  const std::string sql =
      std::string("SELECT ") + kChannelCols + " FROM channels" + Where(where) + " ORDER BY id DESC LIMIT 500";
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, p));
  std::vector<Channel> out;
  for (const Row& r : rows) out.push_back(ChannelFromRow(r));
  return out;
}

StatusOr<std::vector<Channel>> ChannelsForRelease(Conn& c, int64_t council_id, int64_t agency_id,
                                                  bool council_level) {
  POL_ASSIGN_OR_RETURN(
      Rows rows, c.Query(std::string("SELECT ") + kChannelCols +
                             " FROM channels WHERE enabled = 1 AND council_id = ? AND (agency_id = ? OR "
                             "(agency_id IS NULL AND ? = 1)) ORDER BY id",
                         {council_id, agency_id, int64_t{council_level ? 1 : 0}}));
  std::vector<Channel> out;
  for (const Row& r : rows) out.push_back(ChannelFromRow(r));
  return out;
}

StatusOr<int64_t> InsertPressList(Conn& c, const PressList& l) {
  POL_ASSIGN_OR_RETURN(Row r,
                       c.QueryOne("INSERT INTO press_lists(council_id, agency_id, name, version, created_at, "
                                  "updated_at) VALUES (?,?,?,1,?,?) RETURNING id",
                                  {l.council_id, Opt(l.agency_id), l.name, l.created_at, l.created_at}));
  return r.Int(0);
}

namespace {
constexpr const char* kListSelect =
    "SELECT l.id, l.council_id, l.agency_id, l.name, l.version, l.created_at, l.updated_at, "
    "(SELECT COUNT(*) FROM press_contacts p WHERE p.list_id = l.id), "
    "(SELECT COUNT(*) FROM press_contacts p WHERE p.list_id = l.id AND p.unsubscribed_at IS NOT NULL) "
    "FROM press_lists l";
PressList ListFromRow(const Row& r) {
  return PressList{.id = r.Int(0),
                   .council_id = r.Int(1),
                   .agency_id = r.OptInt(2),
                   .name = r.Text(3),
                   .version = r.Int(4),
                   .created_at = r.Int(5),
                   .updated_at = r.Int(6),
                   .contacts = r.Int(7),
                   .unsubscribed = r.Int(8)};
}
}  // namespace

StatusOr<PressList> GetPressList(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt(std::string(kListSelect) + " WHERE l.id = ?", {id}));
  if (!row) return NotFound("فهرست خبرنگاران پیدا نشد.");
  return ListFromRow(*row);
}

StatusOr<std::vector<PressList>> ListPressLists(Conn& c, const std::optional<std::vector<int64_t>>& councils,
                                                const std::optional<std::vector<int64_t>>& agencies) {
  Params p;
  const std::string where = Where({ScopeClause("l.", councils, agencies, p)});
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string(kListSelect) + where + " ORDER BY l.id DESC", p));
  std::vector<PressList> out;
  for (const Row& r : rows) out.push_back(ListFromRow(r));
  return out;
}

StatusOr<std::pair<int64_t, bool>> UpsertPressContact(Conn& c, const PressContact& p) {
  POL_ASSIGN_OR_RETURN(
      auto existing,
      c.QueryOpt("SELECT id FROM press_contacts WHERE list_id = ? AND email = ?", {p.list_id, p.email}));
  if (existing) {
    POL_RETURN_IF_ERROR(c.Exec("UPDATE press_contacts SET outlet = ?, name = ?, beats = ? WHERE id = ?",
                               {p.outlet, p.name, p.beats, existing->Int(0)})
                            .status());
    return std::make_pair(existing->Int(0), false);
  }
  POL_ASSIGN_OR_RETURN(
      Row r, c.QueryOne("INSERT INTO press_contacts(list_id, outlet, name, email, beats, "
                        "unsubscribe_token, created_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                        {p.list_id, p.outlet, p.name, p.email, p.beats, p.unsubscribe_token, p.created_at}));
  return std::make_pair(r.Int(0), true);
}

StatusOr<std::pair<std::vector<PressContact>, int64_t>> ListPressContacts(Conn& c, int64_t list_id,
                                                                          int64_t limit, int64_t offset) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query(std::string("SELECT ") + kContactCols +
                                   " FROM press_contacts WHERE list_id = ? ORDER BY id LIMIT ? OFFSET ?",
                               {list_id, limit, offset}));
  POL_ASSIGN_OR_RETURN(Row n, c.QueryOne("SELECT COUNT(*) FROM press_contacts WHERE list_id = ?", {list_id}));
  std::vector<PressContact> out;
  for (const Row& r : rows) out.push_back(ContactFromRow(r));
  return std::make_pair(std::move(out), n.Int(0));
}

StatusOr<std::vector<PressContact>> ActivePressContacts(Conn& c, int64_t list_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query(std::string("SELECT ") + kContactCols +
                                   " FROM press_contacts WHERE list_id = ? AND unsubscribed_at IS NULL "
                                   "ORDER BY id",
                               {list_id}));
  std::vector<PressContact> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(ContactFromRow(r));
  return out;
}

StatusOr<std::vector<PressContact>> GetPressContacts(Conn& c, const std::vector<int64_t>& ids) {
  Params p;
  std::string in = InList(ids, p);
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(std::string("SELECT ") + kContactCols + " FROM press_contacts WHERE id IN " + in, p));
  std::vector<PressContact> out;
  for (const Row& r : rows) out.push_back(ContactFromRow(r));
  return out;
}

StatusOr<std::optional<PressContact>> FindContactByToken(Conn& c, const std::string& token) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt(std::string("SELECT ") + kContactCols +
                                                " FROM press_contacts WHERE unsubscribe_token = ?",
                                            {token}));
  if (!row) return std::optional<PressContact>();
  return std::optional<PressContact>(ContactFromRow(*row));
}

Status SetUnsubscribed(Conn& c, int64_t contact_id, std::optional<int64_t> at) {
  return c.Exec("UPDATE press_contacts SET unsubscribed_at = ? WHERE id = ?", {Opt(at), contact_id}).status();
}

StatusOr<std::optional<int64_t>> InsertDelivery(Conn& c, const Delivery& d) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(
          "INSERT INTO deliveries(release_id, channel_id, contact_id, recipient, state, attempts, max_attempts, "
          "next_at, created_at, updated_at) VALUES (?,?,?,?,?,0,?,?,?,?) "
          "ON CONFLICT (release_id, channel_id, recipient) DO NOTHING RETURNING id",
          {d.release_id, d.channel_id, Opt(d.contact_id), d.recipient, d.state, d.max_attempts, d.next_at,
           d.created_at, d.created_at}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

StatusOr<Delivery> GetDelivery(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto row, c.QueryOpt(std::string("SELECT ") + kDeliveryCols + " FROM deliveries WHERE id = ?", {id}));
  if (!row) return NotFound("ارسال پیدا نشد.");
  return DeliveryFromRow(*row);
}

StatusOr<std::vector<Delivery>> GetDeliveries(Conn& c, const std::vector<int64_t>& ids) {
  Params p;
  std::string in = InList(ids, p);
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kDeliveryCols +
                                              " FROM deliveries WHERE id IN " + in + " ORDER BY id",
                                          p));
  std::vector<Delivery> out;
  for (const Row& r : rows) out.push_back(DeliveryFromRow(r));
  return out;
}

Status SaveDelivery(Conn& c, const Delivery& d) {
  return c
      .Exec(
          "UPDATE deliveries SET state = ?, attempts = ?, max_attempts = ?, next_at = ?, message_id = ?, url = ?, "
          "error_code = ?, error_fa = ?, error_detail = ?, updated_at = ?, sending_at = ?, sent_at = ? WHERE id = ?",
          {d.state, d.attempts, d.max_attempts, d.next_at, d.message_id, d.url, d.error_code, d.error_fa,
           d.error_detail, d.updated_at, Opt(d.sending_at), Opt(d.sent_at), d.id})
      .status();
}

StatusOr<std::vector<Delivery>> SentReleaseDeliveries(Conn& c, int64_t release_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query(std::string("SELECT ") + kDeliveryCols +
                                   " FROM deliveries WHERE release_id = ? AND state = 'sent' ORDER BY id",
                               {release_id}));
  std::vector<Delivery> out;
  for (const Row& r : rows) out.push_back(DeliveryFromRow(r));
  return out;
}

StatusOr<std::vector<Delivery>> ListReleaseDeliveries(Conn& c, int64_t release_id, int64_t limit) {
  // Channel deliveries (no recipient) first, then per-recipient ones that need attention, then the rest.
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(
          std::string("SELECT ") + kDeliveryCols +
              " FROM deliveries WHERE release_id = ? ORDER BY CASE WHEN recipient = '' THEN 0 ELSE 1 END, "
              "CASE state WHEN 'failed' THEN 0 WHEN 'sending' THEN 1 WHEN 'queued' THEN 2 ELSE 3 END, id "
              "LIMIT ?",
          {release_id, limit}));
  std::vector<Delivery> out;
  for (const Row& r : rows) out.push_back(DeliveryFromRow(r));
  return out;
}

StatusOr<std::pair<std::vector<FailedDelivery>, int64_t>> ListFailedDeliveries(
    Conn& c, const std::optional<std::vector<int64_t>>& councils,
    const std::optional<std::vector<int64_t>>& agencies, std::optional<int64_t> agency_id, int64_t limit,
    int64_t offset) {
  Params p;
  std::vector<std::string> where = {"d.state = 'failed'", ScopeClause("ch.", councils, agencies, p)};
  if (agency_id) {
    where.push_back("ch.agency_id = ?");
    p.emplace_back(*agency_id);
  }
  const std::string from =
      " FROM deliveries d JOIN channels ch ON ch.id = d.channel_id JOIN releases r ON r.id = d.release_id" +
      Where(where);
  POL_ASSIGN_OR_RETURN(Row n, c.QueryOne("SELECT COUNT(*)" + from, p));
  Params page = p;
  page.emplace_back(limit);
  page.emplace_back(offset);
  // The delivery's columns in kDeliveryCols order, then the channel's and the release's.
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT d.id, d.release_id, d.channel_id, d.contact_id, d.recipient, d.state, d.attempts, "
              "d.max_attempts, d.next_at, d.message_id, d.url, d.error_code, d.error_fa, d.error_detail, "
              "d.created_at, d.updated_at, d.sending_at, d.sent_at, ch.council_id, ch.agency_id, ch.kind, "
              "ch.name, r.title, r.status" +
                  from + " ORDER BY d.updated_at DESC, d.id DESC LIMIT ? OFFSET ?",
              page));
  std::vector<FailedDelivery> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    out.push_back(FailedDelivery{.delivery = DeliveryFromRow(r),
                                 .council_id = r.Int(18),
                                 .agency_id = r.OptInt(19),
                                 .channel_kind = r.Text(20),
                                 .channel_name = r.Text(21),
                                 .release_title = r.Text(22),
                                 .release_status = r.Text(23)});
  }
  return std::make_pair(std::move(out), n.Int(0));
}

StatusOr<std::vector<DeliveryCount>> CountReleaseDeliveries(Conn& c, int64_t release_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT channel_id, state, COUNT(*), MAX(updated_at) FROM deliveries "
                               "WHERE release_id = ? GROUP BY channel_id, state ORDER BY channel_id, state",
                               {release_id}));
  std::vector<DeliveryCount> out;
  for (const Row& r : rows) out.push_back({r.Int(0), r.Text(1), r.Int(2), r.Int(3)});
  return out;
}

}  // namespace pol::store
