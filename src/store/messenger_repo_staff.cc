#include "store/messenger_repo_staff.h"

namespace pol::store {
namespace {

constexpr const char* kCols =
    "s.id, s.user_id, s.bot_id, s.chat_id, s.created_at, b.council_id, b.kind, b.name, b.enabled, "
    "COALESCE(m.blocked, 0) FROM staff_chats s JOIN messenger_bots b ON b.id = s.bot_id "
    "LEFT JOIN messenger_chats m ON m.bot_id = s.bot_id AND m.chat_id = s.chat_id";

StaffChat FromRow(const Row& r) {
  StaffChat s;
  s.id = r.Int(0);
  s.user_id = r.Int(1);
  s.bot_id = r.Int(2);
  s.chat_id = r.Text(3);
  s.created_at = r.Int(4);
  s.council_id = r.Int(5);
  s.bot_kind = r.Text(6);
  s.bot_name = r.Text(7);
  s.bot_enabled = r.Int(8) != 0;
  s.blocked = r.Int(9) != 0;
  return s;
}

}  // namespace

Status ReplaceStaffLinkCode(Conn& c, int64_t user_id, const std::string& code_hash, int64_t expires_at,
                            int64_t now) {
  POL_RETURN_IF_ERROR(
      c.Exec("DELETE FROM staff_link_codes WHERE user_id = ? OR expires_at < ?", {user_id, now}).status());
  return c
      .Exec("INSERT INTO staff_link_codes(code_hash, user_id, expires_at, created_at) VALUES (?,?,?,?)",
            {code_hash, user_id, expires_at, now})
      .status();
}

StatusOr<std::optional<int64_t>> TakeStaffLinkCode(Conn& c, const std::string& code_hash, int64_t now) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt("DELETE FROM staff_link_codes WHERE code_hash = ? "
                                            "RETURNING user_id, expires_at",
                                            {code_hash}));
  if (!row || row->Int(1) < now) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

StatusOr<int64_t> LinkStaffChat(Conn& c, int64_t user_id, int64_t bot_id, const std::string& chat_id,
                                int64_t now) {
  POL_RETURN_IF_ERROR(c.Exec("DELETE FROM staff_chats WHERE bot_id = ? AND (chat_id = ? OR user_id = ?)",
                             {bot_id, chat_id, user_id})
                          .status());
  POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("INSERT INTO staff_chats(user_id, bot_id, chat_id, created_at) "
                                         "VALUES (?,?,?,?) RETURNING id",
                                         {user_id, bot_id, chat_id, now}));
  return r.Int(0);
}

StatusOr<std::vector<StaffChat>> ListStaffChats(Conn& c, int64_t user_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kCols +
                                              " WHERE s.user_id = ? ORDER BY s.created_at DESC, s.id DESC",
                                          {user_id}));
  std::vector<StaffChat> out;
  for (const Row& r : rows) out.push_back(FromRow(r));
  return out;
}

StatusOr<std::optional<StaffChat>> GetStaffChat(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt(std::string("SELECT ") + kCols + " WHERE s.id = ?", {id}));
  if (!row) return std::optional<StaffChat>();
  return std::optional<StaffChat>(FromRow(*row));
}

Status DeleteStaffChat(Conn& c, int64_t id) {
  return c.Exec("DELETE FROM staff_chats WHERE id = ?", {id}).status();
}

StatusOr<std::optional<StaffChat>> StaffChatForCouncil(Conn& c, int64_t user_id, int64_t council_id) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt(std::string("SELECT ") + kCols +
                                                " WHERE s.user_id = ? AND b.council_id = ? AND b.enabled = 1 "
                                                "AND COALESCE(m.blocked, 0) = 0 "
                                                "ORDER BY s.created_at DESC, s.id DESC LIMIT 1",
                                            {user_id, council_id}));
  if (!row) return std::optional<StaffChat>();
  return std::optional<StaffChat>(FromRow(*row));
}

}  // namespace pol::store
