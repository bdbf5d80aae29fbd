#include "accounts/login.h"

#include "accounts/actor.h"
#include "accounts/password.h"
#include "accounts/validate.h"
#include "store/audit_repo.h"
#include "store/user_repo.h"

namespace pol::accounts {
namespace {

Status InvalidCredentials() {
  return {StatusCode::kUnauthenticated, "invalid_credentials", "نام کاربری یا گذرواژه درست نیست."};
}

}  // namespace

LoginService::LoginService(store::Database* db, Env* env, SessionManager* sessions, LoginOptions options)
    : db_(db), env_(env), sessions_(sessions), options_(options) {}

bool LoginService::AddressBlocked(const std::string& ip, int64_t now) {
  MutexLock lock(&mu_);
  auto it = failures_by_ip_.find(ip);
  if (it == failures_by_ip_.end()) return false;
  auto& q = it->second;
  while (!q.empty() && q.front() <= now - options_.address_window_ms) q.pop_front();
  return static_cast<int>(q.size()) >= options_.max_address_failures;
}

void LoginService::NoteAddressFailure(const std::string& ip, int64_t now) {
  MutexLock lock(&mu_);
  if (failures_by_ip_.size() > 100000) failures_by_ip_.clear();
  failures_by_ip_[ip].push_back(now);
}

StatusOr<std::pair<std::string, Session>> LoginService::Login(const LoginRequest& req) {
  const int64_t now = env_->NowMillis();
  if (AddressBlocked(req.ip, now)) {
    return ResourceExhausted(
        "too_many_attempts",
        "تلاش‌های ناموفق زیادی از این نشانی شده است؛ چند دقیقه بعد "
        "دوباره "
        "تلاش کنید.");
  }
  if (req.login.empty() || req.password.empty() || req.password.size() > 1024) {
    NoteAddressFailure(req.ip, now);
    return InvalidCredentials();
  }
  const std::string login = NormalizeLogin(req.login);
  POL_ASSIGN_OR_RETURN(std::optional<store::User> user,
                       db_->ReadValue([&](store::Conn& c) { return store::FindUserByLogin(c, login); }));
  if (!user) {
    VerifyDummy(req.password);
    NoteAddressFailure(req.ip, now);
    return InvalidCredentials();
  }
  if (user->locked_until > now) {
    NoteAddressFailure(req.ip, now);
    return ResourceExhausted(
        "account_locked",
        "به دلیل تلاش‌های ناموفق پیاپی، ورود به این حساب برای مدتی بسته شده است؛ "
        "بعداً "
        "دوباره تلاش کنید.");
  }
  if (!VerifyPassword(user->password_hash, req.password)) {
    NoteAddressFailure(req.ip, now);
    int64_t failures = user->failed_logins + 1;
    int64_t locked_until = failures >= options_.max_account_failures ? now + options_.lockout_ms : 0;
    if (locked_until) failures = 0;
    POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
      POL_RETURN_IF_ERROR(store::RecordLoginFailure(c, user->id, failures, locked_until));
      return store::InsertAudit(c, store::AuditEntry{.at = now,
                                                     .actor_id = user->id,
                                                     .actor_name = user->name,
                                                     .action = locked_until ? "login_locked" : "login_failed",
                                                     .entity = "user",
                                                     .entity_id = std::to_string(user->id),
                                                     .ip = req.ip});
    }));
    return InvalidCredentials();
  }
  if (user->disabled) {
    return Status(StatusCode::kPermissionDenied, "account_disabled", "این حساب کاربری غیرفعال شده است.");
  }
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_RETURN_IF_ERROR(store::RecordLoginSuccess(c, user->id, now));
    return store::InsertAudit(c, store::AuditEntry{.at = now,
                                                   .actor_id = user->id,
                                                   .actor_name = user->name,
                                                   .action = "login",
                                                   .entity = "user",
                                                   .entity_id = std::to_string(user->id),
                                                   .ip = req.ip});
  }));
  return sessions_->Create(user->id, req.ip, req.user_agent, req.old_token);
}

Status LoginService::Logout(const Principal& who, const std::string& ip, const std::string& token,
                            bool everywhere) {
  POL_RETURN_IF_ERROR(everywhere ? sessions_->DestroyAllForUser(who.user_id) : sessions_->Destroy(token));
  const int64_t now = env_->NowMillis();
  return db_->Write([&](store::Conn& c) {
    return Audit(c, Actor{&who, ip}, now, everywhere ? "logout_all" : "logout", "user",
                 std::to_string(who.user_id), {});
  });
}

}  // namespace pol::accounts
