#include "store/user_repo.h"

#include "store/council_repo.h"

namespace pol::store {
namespace {

constexpr const char* kUserCols =
    "id, username, name, mobile, email, password_hash, disabled, failed_logins, locked_until, version, "
    "created_at, "
    "updated_at, last_login_at";

User UserFromRow(const Row& r) {
  User u;
  u.id = r.Int(0);
  u.username = r.Text(1);
  u.name = r.Text(2);
  u.mobile = r.OptText(3);
  u.email = r.OptText(4);
  u.password_hash = r.Text(5);
  u.disabled = r.Int(6) != 0;
  u.failed_logins = r.Int(7);
  u.locked_until = r.Int(8);
  u.version = r.Int(9);
  u.created_at = r.Int(10);
  u.updated_at = r.Int(11);
  u.last_login_at = r.OptInt(12);
  return u;
}

Status LoadRoles(Conn& c, User& u) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT role, council_id, agency_id FROM user_roles WHERE user_id = ? "
                               "ORDER BY id",
                               {u.id}));
  u.roles.clear();
  for (const Row& r : rows) u.roles.push_back(RoleGrant{r.Text(0), r.OptInt(1), r.OptInt(2)});
  return Status::Ok();
}

Status WriteRoles(Conn& c, int64_t user_id, const std::vector<RoleGrant>& roles) {
  POL_RETURN_IF_ERROR(c.Exec("DELETE FROM user_roles WHERE user_id = ?", {user_id}).status());
  for (const RoleGrant& g : roles) {
    POL_RETURN_IF_ERROR(
        c.Exec("INSERT INTO user_roles(user_id, role, council_id, agency_id) VALUES (?,?,?,?)",
               {user_id, g.role, Opt(g.council_id), Opt(g.agency_id)})
            .status());
  }
  return Status::Ok();
}

}  // namespace

StatusOr<int64_t> InsertUser(Conn& c, const User& u) {
  POL_ASSIGN_OR_RETURN(Row r,
                       c.QueryOne("INSERT INTO users(username, name, mobile, email, password_hash, disabled, "
                                  "version, created_at, updated_at) VALUES (?,?,?,?,?,?,1,?,?) RETURNING id",
                                  {u.username, u.name, Opt(u.mobile), Opt(u.email), u.password_hash,
                                   int64_t{u.disabled}, u.created_at, u.created_at}));
  int64_t id = r.Int(0);
  POL_RETURN_IF_ERROR(WriteRoles(c, id, u.roles));
  return id;
}

StatusOr<User> GetUser(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto row,
                       c.QueryOpt(std::string("SELECT ") + kUserCols + " FROM users WHERE id = ?", {id}));
  if (!row) return NotFound("کاربر پیدا نشد.");
  User u = UserFromRow(*row);
  POL_RETURN_IF_ERROR(LoadRoles(c, u));
  return u;
}

StatusOr<std::optional<User>> FindUserByLogin(Conn& c, const std::string& login, LoginColumn column) {
  const char* where = column == LoginColumn::kMobile  ? " FROM users WHERE mobile = ?"
                      : column == LoginColumn::kEmail ? " FROM users WHERE email = ?"
                                                      : " FROM users WHERE username = ?";
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt(std::string("SELECT ") + kUserCols + where, {login}));
  if (!row && column == LoginColumn::kMobile) {
    POL_ASSIGN_OR_RETURN(
        row, c.QueryOpt(std::string("SELECT ") + kUserCols + " FROM users WHERE username = ?", {login}));
  }
  if (!row) return std::optional<User>();
  User u = UserFromRow(*row);
  POL_RETURN_IF_ERROR(LoadRoles(c, u));
  return std::optional<User>(std::move(u));
}

StatusOr<std::optional<int64_t>> IdentifierOwner(Conn& c, const std::string& value, int64_t except_id) {
  POL_ASSIGN_OR_RETURN(auto row,
                       c.QueryOpt("SELECT id FROM users WHERE (username = ? OR mobile = ? OR email = ?) "
                                  "AND id <> ? LIMIT 1",
                                  {value, value, value, except_id}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

StatusOr<std::pair<std::vector<User>, int64_t>> ListUsers(Conn& c, const UserFilter& f) {
  std::string where = " WHERE 1=1";
  Params params;
  if (f.council_id) {
    where +=
        " AND id IN (SELECT user_id FROM user_roles WHERE council_id = ? OR agency_id IN "
        "(SELECT id FROM agencies WHERE council_id = ?))";
    params.insert(params.end(), {*f.council_id, *f.council_id});
  }
  if (f.agency_id) {
    where += " AND id IN (SELECT user_id FROM user_roles WHERE agency_id = ?)";
    params.emplace_back(*f.agency_id);
  }
  if (f.only_agency_ids) {
    where += " AND id IN (SELECT user_id FROM user_roles WHERE agency_id IN " +
             InList(*f.only_agency_ids, params) + ")";
  }
  if (!f.query.empty()) {
    where +=
        " AND (name LIKE ? ESCAPE '\\' OR username LIKE ? ESCAPE '\\' OR mobile LIKE ? ESCAPE '\\' OR email "
        "LIKE ? "
        "ESCAPE '\\')";
    std::string like = LikeContains(f.query);
    params.insert(params.end(), {like, like, like, like});
  }
  POL_ASSIGN_OR_RETURN(Row count, c.QueryOne("SELECT COUNT(*) FROM users" + where, params));
  Params page = params;
  page.emplace_back(f.limit);
  page.emplace_back(f.offset);
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kUserCols + " FROM users" + where +
                                              " ORDER BY id LIMIT ? OFFSET ?",
                                          page));
  std::vector<User> out;
  for (const Row& r : rows) {
    User u = UserFromRow(r);
    POL_RETURN_IF_ERROR(LoadRoles(c, u));
    out.push_back(std::move(u));
  }
  return std::make_pair(std::move(out), count.Int(0));
}

Status UpdateUser(Conn& c, const User& u, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      int64_t n, c.Exec("UPDATE users SET name = ?, mobile = ?, email = ?, disabled = ?, "
                        "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                        {u.name, Opt(u.mobile), Opt(u.email), int64_t{u.disabled}, now, u.id, u.version}));
  if (n == 0) return VersionConflict();
  return WriteRoles(c, u.id, u.roles);
}

Status SetPasswordHash(Conn& c, int64_t user_id, const std::string& hash, int64_t now) {
  return c
      .Exec(
          "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = 0, version = version + 1, "
          "updated_at = ? WHERE id = ?",
          {hash, now, user_id})
      .status();
}

StatusOr<LoginClaim> ClaimLoginAttempt(Conn& c, int64_t user_id, int64_t max_failures, int64_t now,
                                       int64_t lock_until) {
  // Every SET expression sees the row before the update, so both CASEs test the same count.
  POL_ASSIGN_OR_RETURN(
      auto row,
      c.QueryOpt("UPDATE users SET "
                 "failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END, "
                 "locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE 0 END "
                 "WHERE id = ? AND locked_until <= ? RETURNING locked_until",
                 {max_failures, max_failures, lock_until, user_id, now}));
  if (!row) return LoginClaim{};
  return LoginClaim{.allowed = true, .locks = row->Int(0) > 0};
}

Status RecordLoginSuccess(Conn& c, int64_t user_id, int64_t now) {
  return c
      .Exec("UPDATE users SET failed_logins = 0, locked_until = 0, last_login_at = ? WHERE id = ?",
            {now, user_id})
      .status();
}

StatusOr<int64_t> CountUsers(Conn& c) {
  POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("SELECT COUNT(*) FROM users"));
  return r.Int(0);
}

Status InsertSession(Conn& c, const SessionRow& s) {
  return c
      .Exec(
          "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, "
          "user_agent) VALUES (?,?,?,?,?,?,?,?)",
          {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.ip,
           s.user_agent})
      .status();
}

StatusOr<std::optional<SessionRow>> GetSession(Conn& c, const std::string& token_hash) {
  POL_ASSIGN_OR_RETURN(auto row,
                       c.QueryOpt("SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, "
                                  "expires_at, ip, user_agent FROM sessions WHERE token_hash = ?",
                                  {token_hash}));
  if (!row) return std::optional<SessionRow>();
  const Row& r = *row;
  return std::optional<SessionRow>(
      SessionRow{r.Text(0), r.Int(1), r.Text(2), r.Int(3), r.Int(4), r.Int(5), r.Text(6), r.Text(7)});
}

Status TouchSession(Conn& c, const std::string& token_hash, int64_t now) {
  return c.Exec("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {now, token_hash}).status();
}

Status DeleteSession(Conn& c, const std::string& token_hash) {
  return c.Exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash}).status();
}

StatusOr<std::vector<std::string>> DeleteUserSessions(Conn& c, int64_t user_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("DELETE FROM sessions WHERE user_id = ? RETURNING token_hash", {user_id}));
  std::vector<std::string> out;
  for (const Row& r : rows) out.push_back(r.Text(0));
  return out;
}

StatusOr<int64_t> DeleteExpiredSessions(Conn& c, int64_t now, int64_t idle_cutoff) {
  return c.Exec("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?", {now, idle_cutoff});
}

}  // namespace pol::store
