#include "store/messenger_repo.h"

#include "store/sql_build.h"

namespace pol::store {
namespace {

constexpr const char* kBotCols =
    "id, council_id, agency_id, kind, name, base_url, token, token_hint, mode, webhook_secret, welcome, enabled, "
    "poll_offset, version, created_at, updated_at";

MessengerBot BotFromRow(const Row& r) {
  MessengerBot b;
  b.id = r.Int(0);
  b.council_id = r.Int(1);
  b.agency_id = r.OptInt(2);
  b.kind = r.Text(3);
  b.name = r.Text(4);
  b.base_url = r.Text(5);
  b.token = r.Text(6);
  b.token_hint = r.Text(7);
  b.mode = r.Text(8);
  b.webhook_secret = r.Text(9);
  b.welcome = r.Text(10);
  b.enabled = r.Int(11) != 0;
  b.poll_offset = r.Int(12);
  b.version = r.Int(13);
  b.created_at = r.Int(14);
  b.updated_at = r.Int(15);
  return b;
}

StatusOr<std::vector<MessengerBot>> Bots(Conn& c, const std::string& sql, const Params& p) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, p));
  std::vector<MessengerBot> out;
  for (const Row& r : rows) out.push_back(BotFromRow(r));
  return out;
}

}  // namespace

StatusOr<int64_t> InsertMessengerBot(Conn& c, const MessengerBot& b) {
  POL_ASSIGN_OR_RETURN(
      Row r,
      c.QueryOne("INSERT INTO messenger_bots(council_id, agency_id, kind, name, base_url, token, token_hint, "
                 "mode, webhook_secret, welcome, enabled, poll_offset, version, created_at, updated_at) "
                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,0,1,?,?) RETURNING id",
                 {b.council_id, Opt(b.agency_id), b.kind, b.name, b.base_url, b.token, b.token_hint, b.mode,
                  b.webhook_secret, b.welcome, int64_t{b.enabled ? 1 : 0}, b.created_at, b.created_at}));
  return r.Int(0);
}

StatusOr<MessengerBot> GetMessengerBot(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto row, c.QueryOpt(std::string("SELECT ") + kBotCols + " FROM messenger_bots WHERE id = ?", {id}));
  if (!row) return NotFound("ربات پیدا نشد.");
  return BotFromRow(*row);
}

Status UpdateMessengerBot(Conn& c, const MessengerBot& b, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      int64_t n,
      c.Exec("UPDATE messenger_bots SET name = ?, base_url = ?, token = ?, token_hint = ?, mode = ?, "
             "webhook_secret = ?, welcome = ?, enabled = ?, version = version + 1, updated_at = ? "
             "WHERE id = ? AND version = ?",
             {b.name, b.base_url, b.token, b.token_hint, b.mode, b.webhook_secret, b.welcome,
              int64_t{b.enabled ? 1 : 0}, now, b.id, b.version}));
  if (n == 0) return VersionConflict();
  return Status::Ok();
}

StatusOr<std::vector<MessengerBot>> ListMessengerBots(Conn& c,
                                                      const std::optional<std::vector<int64_t>>& councils,
                                                      const std::optional<std::vector<int64_t>>& agencies) {
  Params p;
  std::string where;
  if (councils) where = "council_id IN " + InList(*councils, p);
  if (agencies) where += (where.empty() ? "" : " OR ") + std::string("agency_id IN ") + InList(*agencies, p);
  const std::string sql = std::string("SELECT ") + kBotCols + " FROM messenger_bots" +
                          (where.empty() ? "" : " WHERE (" + where + ")") + " ORDER BY id DESC LIMIT 500";
  return Bots(c, sql, p);
}

StatusOr<std::vector<MessengerBot>> ListPollingBots(Conn& c) {
  return Bots(c,
              std::string("SELECT ") + kBotCols +
                  " FROM messenger_bots WHERE enabled = 1 AND mode = 'polling' ORDER BY id LIMIT 1000",
              {});
}

Status AdvancePollOffset(Conn& c, int64_t bot_id, int64_t offset) {
  return c
      .Exec("UPDATE messenger_bots SET poll_offset = ? WHERE id = ? AND poll_offset < ?",
            {offset, bot_id, offset})
      .status();
}

StatusOr<std::optional<MessengerChat>> GetMessengerChat(Conn& c, int64_t bot_id, const std::string& chat_id) {
  POL_ASSIGN_OR_RETURN(auto row,
                       c.QueryOpt("SELECT bot_id, chat_id, state, data, blocked, created_at, updated_at "
                                  "FROM messenger_chats WHERE bot_id = ? AND chat_id = ?",
                                  {bot_id, chat_id}));
  if (!row) return std::optional<MessengerChat>();
  return std::optional<MessengerChat>(MessengerChat{.bot_id = row->Int(0),
                                                    .chat_id = row->Text(1),
                                                    .state = row->Text(2),
                                                    .data = row->Text(3),
                                                    .blocked = row->Int(4) != 0,
                                                    .created_at = row->Int(5),
                                                    .updated_at = row->Int(6)});
}

Status SaveMessengerChat(Conn& c, const MessengerChat& chat) {
  return c
      .Exec(
          "INSERT INTO messenger_chats(bot_id, chat_id, state, data, blocked, created_at, updated_at) "
          "VALUES (?,?,?,?,?,?,?) ON CONFLICT (bot_id, chat_id) DO UPDATE SET state = excluded.state, "
          "data = excluded.data, blocked = excluded.blocked, updated_at = excluded.updated_at",
          {chat.bot_id, chat.chat_id, chat.state, chat.data, int64_t{chat.blocked ? 1 : 0}, chat.created_at,
           chat.updated_at})
      .status();
}

Status SetMessengerChatBlocked(Conn& c, int64_t bot_id, const std::string& chat_id, bool blocked,
                               int64_t now) {
  return c
      .Exec("UPDATE messenger_chats SET blocked = ?, updated_at = ? WHERE bot_id = ? AND chat_id = ?",
            {int64_t{blocked ? 1 : 0}, now, bot_id, chat_id})
      .status();
}

StatusOr<bool> MarkUpdateHandled(Conn& c, int64_t bot_id, int64_t update_id, int64_t now) {
  POL_ASSIGN_OR_RETURN(int64_t n,
                       c.Exec("INSERT INTO messenger_updates(bot_id, update_id, handled_at) VALUES (?,?,?) "
                              "ON CONFLICT (bot_id, update_id) DO NOTHING",
                              {bot_id, update_id, now}));
  return n > 0;
}

StatusOr<bool> IsUpdateHandled(Conn& c, int64_t bot_id, int64_t update_id) {
  POL_ASSIGN_OR_RETURN(
      auto r,
      c.QueryOpt("SELECT 1 FROM messenger_updates WHERE bot_id = ? AND update_id = ?", {bot_id, update_id}));
  return r.has_value();
}

Status InsertMessengerLink(Conn& c, const MessengerLink& l) {
  return c
      .Exec(
          "INSERT INTO messenger_links(request_id, bot_id, chat_id, created_at) VALUES (?,?,?,?) "
          "ON CONFLICT (request_id) DO NOTHING",
          {l.request_id, l.bot_id, l.chat_id, l.created_at})
      .status();
}

StatusOr<std::optional<MessengerLink>> GetMessengerLink(Conn& c, int64_t request_id) {
  POL_ASSIGN_OR_RETURN(
      auto row,
      c.QueryOpt("SELECT request_id, bot_id, chat_id, created_at FROM messenger_links WHERE request_id = ?",
                 {request_id}));
  if (!row) return std::optional<MessengerLink>();
  return std::optional<MessengerLink>(MessengerLink{
      .request_id = row->Int(0), .bot_id = row->Int(1), .chat_id = row->Text(2), .created_at = row->Int(3)});
}

StatusOr<std::vector<MessengerChat>> ChatsHoldingMobile(Conn& c, int64_t council_id,
                                                        const std::string& mobile) {
  std::vector<MessengerChat> out;
  if (mobile.empty() || mobile.find_first_not_of("0123456789") != std::string::npos) return out;
  POL_ASSIGN_OR_RETURN(
      Rows rows, c.Query("SELECT ch.bot_id, ch.chat_id, ch.state, ch.data, ch.blocked, ch.created_at, "
                         "ch.updated_at FROM messenger_chats ch JOIN messenger_bots b ON b.id = "
                         "ch.bot_id WHERE b.council_id = ? AND ch.data LIKE ? ORDER BY ch.bot_id, ch.chat_id",
                         {council_id, "%\"mobile\":\"" + mobile + "\"%"}));
  for (const Row& r : rows)
    out.push_back(MessengerChat{.bot_id = r.Int(0),
                                .chat_id = r.Text(1),
                                .state = r.Text(2),
                                .data = r.Text(3),
                                .blocked = r.Int(4) != 0,
                                .created_at = r.Int(5),
                                .updated_at = r.Int(6)});
  return out;
}

StatusOr<std::vector<MessengerLink>> LinksOfRequests(Conn& c, const std::vector<int64_t>& request_ids) {
  Params p;
  const std::string sql =
      "SELECT request_id, bot_id, chat_id, created_at FROM messenger_links WHERE request_id IN " +
      InList(request_ids, p) + " ORDER BY request_id";
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, p));
  std::vector<MessengerLink> out;
  for (const Row& r : rows)
    out.push_back({.request_id = r.Int(0), .bot_id = r.Int(1), .chat_id = r.Text(2), .created_at = r.Int(3)});
  return out;
}

StatusOr<int64_t> DeleteLinksOfRequests(Conn& c, const std::vector<int64_t>& request_ids) {
  Params p;
  return c.Exec("DELETE FROM messenger_links WHERE request_id IN " + InList(request_ids, p), p);
}

}  // namespace pol::store
