#include "accounts/users.h"

#include <algorithm>

#include "accounts/validate.h"
#include "store/council_repo.h"

namespace pol::accounts {
namespace {

nlohmann::json GrantsJson(const std::vector<store::RoleGrant>& grants) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& g : grants) {
    a.push_back({{"role", g.role},
                 {"council_id", g.council_id ? nlohmann::json(*g.council_id) : nlohmann::json()},
                 {"agency_id", g.agency_id ? nlohmann::json(*g.agency_id) : nlohmann::json()}});
  }
  return a;
}

AuditScope ScopeOf(const std::vector<store::RoleGrant>& grants) {
  AuditScope s;
  for (const auto& g : grants) {
    if (g.council_id && !s.council_id) s.council_id = g.council_id;
    if (g.agency_id && !s.agency_id) s.agency_id = g.agency_id;
  }
  return s;
}

Status DuplicateToStatus(const Status& s) {
  if (s.code() != StatusCode::kAlreadyExists) return s;
  const auto violation = store::AsUniqueViolation(s);
  if (!violation) return s;
  if (violation->Covers("username"))
    return AlreadyExists("username_taken", "این نام کاربری پیش‌تر ثبت شده است.",
                         "username");
  if (violation->Covers("mobile"))
    return AlreadyExists("mobile_taken", "این شمارهٔ همراه برای کاربر دیگری ثبت شده است.", "mobile");
  if (violation->Covers("email"))
    return AlreadyExists("email_taken", "این رایانامه برای کاربر دیگری ثبت شده است.", "email");
  return s;
}

// Identifiers are unique across the username, mobile and e-mail columns: `value` (of the kind `field`
// names) may not be any other user's identifier of any kind. The stable codes are those of the
// columns' own unique constraints.
Status CheckIdentifierFree(store::Conn& c, const std::optional<std::string>& value, int64_t user_id,
                           const char* field) {
  if (!value || value->empty()) return Status::Ok();
  POL_ASSIGN_OR_RETURN(auto owner, store::IdentifierOwner(c, *value, user_id));
  if (!owner) return Status::Ok();
  const std::string f = field;
  if (f == "username")
    return AlreadyExists("username_taken", "این نام کاربری پیش‌تر ثبت شده است.",
                         "username");
  if (f == "mobile")
    return AlreadyExists("mobile_taken", "این شمارهٔ همراه برای کاربر دیگری ثبت شده است.", "mobile");
  return AlreadyExists("email_taken", "این رایانامه برای کاربر دیگری ثبت شده است.", "email");
}

// A user outside the actor's scope is "not found"; one's own record is visible
// (GET), so refusing to manage it is a plain 403 rather than a misleading 404.
Status RefuseManage(const Actor& actor, int64_t id) {
  if (actor.principal && actor.principal->user_id == id) return PermissionDenied();
  return NotFound("کاربر پیدا نشد.");
}

}  // namespace

Status UserService::ResolveGrants(store::Conn& c, std::vector<store::RoleGrant>& grants) {
  if (grants.size() > 20)
    return InvalidArgument("too_many_roles", "تعداد نقش‌ها بیش از حد است.", "roles");
  for (auto& g : grants) {
    POL_RETURN_IF_ERROR(ValidateGrant(g));
    if (g.agency_id) {
      auto agency = store::GetAgency(c, *g.agency_id);
      if (!agency.ok())
        return InvalidArgument("unknown_agency", "دستگاه انتخاب‌شده وجود ندارد.",
                               "roles");
      g.council_id = agency->council_id;
    } else if (g.council_id) {
      auto council = store::GetCouncil(c, *g.council_id);
      if (!council.ok())
        return InvalidArgument("unknown_council", "شورای انتخاب‌شده وجود ندارد.",
                               "roles");
    }
  }
  std::sort(grants.begin(), grants.end(), [](const auto& a, const auto& b) {
    return std::tie(a.role, a.council_id, a.agency_id) < std::tie(b.role, b.council_id, b.agency_id);
  });
  grants.erase(std::unique(grants.begin(), grants.end()), grants.end());
  return Status::Ok();
}

bool UserService::CanManage(const Actor& actor, const store::User& target) const {
  if (actor.IsSystemAdmin()) return true;
  if (target.roles.empty()) return false;
  return std::all_of(target.roles.begin(), target.roles.end(),
                     [&](const store::RoleGrant& g) { return actor.principal->CanGrant(g); });
}

StatusOr<store::User> UserService::Create(const Actor& actor, NewUser in) {
  // Those who manage nobody are refused before their input is even read.
  if (!actor.IsSystemAdmin() && actor.principal->ManagedCouncils()->empty() &&
      actor.principal->ManagedAgencies().empty()) {
    return PermissionDenied();
  }
  store::User u;
  POL_ASSIGN_OR_RETURN(u.username, NormalizeUsername(in.username));
  POL_ASSIGN_OR_RETURN(u.name, NormalizeName(in.name));
  POL_ASSIGN_OR_RETURN(u.mobile, NormalizeMobileField(in.mobile));
  POL_ASSIGN_OR_RETURN(u.email, NormalizeEmailField(in.email));
  POL_RETURN_IF_ERROR(CheckPasswordPolicy(in.password));
  if (in.roles.empty() && !actor.IsSystemAdmin()) {
    return InvalidArgument(
        "role_required",
        "برای کاربر دست‌کم یک نقش در حوزهٔ خودتان انتخاب کنید.",
        "roles");
  }
  POL_ASSIGN_OR_RETURN(u.password_hash, HashPassword(in.password, cost_));
  u.roles = std::move(in.roles);
  const int64_t now = env_->NowMillis();
  u.created_at = u.updated_at = now;
  Status s = db_->Write([&](store::Conn& c) -> Status {
    POL_RETURN_IF_ERROR(ResolveGrants(c, u.roles));
    for (const auto& g : u.roles) {
      if (!actor.IsSystemAdmin() && !actor.principal->CanGrant(g))
        return PermissionDenied("شما اجازهٔ دادن این نقش را ندارید.");
    }
    POL_RETURN_IF_ERROR(CheckIdentifierFree(c, u.username, 0, "username"));
    POL_RETURN_IF_ERROR(CheckIdentifierFree(c, u.mobile, 0, "mobile"));
    POL_RETURN_IF_ERROR(CheckIdentifierFree(c, u.email, 0, "email"));
    POL_ASSIGN_OR_RETURN(u.id, store::InsertUser(c, u));
    return Audit(c, actor, now, "create", "user", std::to_string(u.id), ScopeOf(u.roles),
                 {{"username", u.username}, {"name", u.name}, {"roles", GrantsJson(u.roles)}});
  });
  if (!s.ok()) return DuplicateToStatus(s);
  return u;
}

StatusOr<store::User> UserService::Get(const Actor& actor, int64_t id) {
  POL_ASSIGN_OR_RETURN(store::User u, db_->ReadValue([&](store::Conn& c) { return store::GetUser(c, id); }));
  bool self = actor.principal && actor.principal->user_id == id;
  if (!self && !CanManage(actor, u)) return NotFound("کاربر پیدا نشد.");
  return u;
}

StatusOr<std::pair<std::vector<store::User>, int64_t>> UserService::List(const Actor& actor,
                                                                         const UserQuery& q) {
  store::UserFilter f{.council_id = q.council_id,
                      .agency_id = q.agency_id,
                      .query = q.q,
                      .limit = q.limit,
                      .offset = q.offset};
  if (!actor.IsSystemAdmin()) {
    const Principal& p = *actor.principal;
    auto managed = p.ManagedCouncils();
    auto agencies = p.ManagedAgencies();
    if (managed->empty() && agencies.empty()) return PermissionDenied();
    if (f.council_id && !p.CanManageCouncil(*f.council_id)) return PermissionDenied();
    if (!f.council_id && managed->size() == 1) f.council_id = managed->front();
    if (!f.council_id && managed->size() > 1) {
      return InvalidArgument("council_required", "شورا را انتخاب کنید.", "council_id");
    }
    if (managed->empty()) {
      // A PR manager sees the users of their own agencies only.
      if (f.agency_id && std::find(agencies.begin(), agencies.end(), *f.agency_id) == agencies.end())
        return PermissionDenied();
      f.only_agency_ids = agencies;
    }
  }
  return db_->ReadValue([&](store::Conn& c) { return store::ListUsers(c, f); });
}

StatusOr<store::User> UserService::Update(const Actor& actor, int64_t id, const UserPatch& patch) {
  const int64_t now = env_->NowMillis();
  store::User u;
  bool revoke_sessions = false;
  Status s = db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(u, store::GetUser(c, id));
    if (!CanManage(actor, u)) return RefuseManage(actor, id);
    if (u.version != patch.version) return store::VersionConflict();
    nlohmann::json changes = nlohmann::json::object();
    if (patch.name) {
      POL_ASSIGN_OR_RETURN(u.name, NormalizeName(*patch.name));
      changes["name"] = u.name;
    }
    if (patch.mobile) {
      POL_ASSIGN_OR_RETURN(u.mobile, NormalizeMobileField(*patch.mobile));
      POL_RETURN_IF_ERROR(CheckIdentifierFree(c, u.mobile, id, "mobile"));
      changes["mobile"] = u.mobile.value_or("");
    }
    if (patch.email) {
      POL_ASSIGN_OR_RETURN(u.email, NormalizeEmailField(*patch.email));
      POL_RETURN_IF_ERROR(CheckIdentifierFree(c, u.email, id, "email"));
      changes["email"] = u.email.value_or("");
    }
    if (patch.disabled && *patch.disabled != u.disabled) {
      if (actor.principal && actor.principal->user_id == id) {
        return InvalidArgument("cannot_disable_self",
                               "نمی‌توانید حساب خودتان را غیرفعال کنید.",
                               "disabled");
      }
      u.disabled = *patch.disabled;
      revoke_sessions = u.disabled;
      changes["disabled"] = u.disabled;
    }
    if (patch.roles) {
      std::vector<store::RoleGrant> roles = *patch.roles;
      POL_RETURN_IF_ERROR(ResolveGrants(c, roles));
      if (!actor.IsSystemAdmin()) {
        for (const auto& g : roles) {
          if (!actor.principal->CanGrant(g)) return PermissionDenied("شما اجازهٔ دادن این نقش را ندارید.");
        }
        if (roles.empty()) {
          return InvalidArgument(
              "role_required", "کاربر باید دست‌کم یک نقش داشته باشد.", "roles");
        }
      }
      if (actor.principal && actor.principal->user_id == id && actor.principal->IsSystemAdmin() &&
          std::none_of(roles.begin(), roles.end(), [](const auto& g) { return g.role == "system_admin"; })) {
        return InvalidArgument(
            "cannot_demote_self",
            "نمی‌توانید نقش مدیر سامانه را از خودتان بگیرید.",
            "roles");
      }
      u.roles = std::move(roles);
      changes["roles"] = GrantsJson(u.roles);
    }
    POL_RETURN_IF_ERROR(store::UpdateUser(c, u, now));
    u.version += 1;
    u.updated_at = now;
    return Audit(c, actor, now, "update", "user", std::to_string(id), ScopeOf(u.roles), changes);
  });
  if (!s.ok()) return DuplicateToStatus(s);
  if (revoke_sessions) POL_RETURN_IF_ERROR(sessions_->DestroyAllForUser(id));
  sessions_->InvalidateUser(id);
  return u;
}

Status UserService::ResetPassword(const Actor& actor, int64_t id, const std::string& new_password) {
  POL_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, "new_password"));
  POL_ASSIGN_OR_RETURN(store::User target, Get(actor, id));
  if (!CanManage(actor, target)) return RefuseManage(actor, id);
  POL_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password, cost_));
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_RETURN_IF_ERROR(store::SetPasswordHash(c, id, hash, now));
    return Audit(c, actor, now, "reset_password", "user", std::to_string(id), ScopeOf(target.roles));
  }));
  return sessions_->DestroyAllForUser(id);
}

Status UserService::ChangeOwnPassword(const Actor& actor, const std::string& current,
                                      const std::string& new_password) {
  if (!actor.principal) return Unauthenticated();
  POL_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, "new_password"));
  const int64_t id = actor.principal->user_id;
  POL_ASSIGN_OR_RETURN(store::User u, db_->ReadValue([&](store::Conn& c) { return store::GetUser(c, id); }));
  if (!VerifyPassword(u.password_hash, current)) {
    return InvalidArgument("wrong_password", "گذرواژهٔ فعلی درست نیست.", "current_password");
  }
  POL_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password, cost_));
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_RETURN_IF_ERROR(store::SetPasswordHash(c, id, hash, now));
    return Audit(c, actor, now, "change_password", "user", std::to_string(id), ScopeOf(u.roles));
  }));
  return sessions_->DestroyAllForUser(id);
}

}  // namespace pol::accounts
