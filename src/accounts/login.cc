#include "accounts/login.h"

#include "accounts/actor.h"
#include "accounts/password.h"
#include "accounts/validate.h"
#include "store/audit_repo.h"
#include "store/throttle_repo.h"
#include "store/user_repo.h"

namespace pol::accounts {
namespace {

Status InvalidCredentials() {
  return {StatusCode::kUnauthenticated, "invalid_credentials", "نام کاربری یا گذرواژه درست نیست."};
}

store::LoginColumn ColumnOf(LoginKind kind) {
  switch (kind) {
    case LoginKind::kMobile:
      return store::LoginColumn::kMobile;
    case LoginKind::kEmail:
      return store::LoginColumn::kEmail;
    case LoginKind::kUsername:
      break;
  }
  return store::LoginColumn::kUsername;
}

Status TooManyAttempts() {
  return ResourceExhausted(
      "too_many_attempts",
      "تلاش‌های ناموفق زیادی از این نشانی شده است؛ چند دقیقه بعد دوباره تلاش کنید.");
}

}  // namespace

LoginService::LoginService(store::Database* db, Env* env, SessionManager* sessions, LoginOptions options)
    : db_(db), env_(env), sessions_(sessions), options_(options) {}

namespace {
std::string SharedKey(bool unknown, const std::string& ip) {
  return (unknown ? "login-unknown:" : "login-failed:") + ip;
}
}  // namespace

bool LoginService::Blocked(bool unknown, const std::string& ip, int64_t now) {
  const int limit = unknown ? options_.max_unknown_failures : options_.max_address_failures;
  if (options_.shared_throttles) {
    auto n = store::CountEvents(*db_, SharedKey(unknown, ip), options_.address_window_ms, now);
    if (n.ok()) return *n >= limit;
  }
  MutexLock lock(&mu_);
  FailureLog& log = unknown ? unknown_by_ip_ : failures_by_ip_;
  auto it = log.find(ip);
  if (it == log.end()) return false;
  auto& q = it->second;
  while (!q.empty() && q.front() <= now - options_.address_window_ms) q.pop_front();
  return static_cast<int>(q.size()) >= limit;
}

void LoginService::Note(bool unknown, const std::string& ip, int64_t now) {
  if (options_.shared_throttles && store::RecordEvents(*db_, SharedKey(unknown, ip), now).ok()) return;
  MutexLock lock(&mu_);
  FailureLog& log = unknown ? unknown_by_ip_ : failures_by_ip_;
  if (log.size() > 100000) log.clear();
  log[ip].push_back(now);
}

Status LoginService::FailedAnswer(const std::string& ip, int64_t now) {
  return Blocked(true, ip, now) ? TooManyAttempts() : InvalidCredentials();
}

StatusOr<std::pair<std::string, Session>> LoginService::Login(const LoginRequest& req) {
  const int64_t now = env_->NowMillis();
  // An address that failed too often against real accounts is refused before anything else.
  if (Blocked(false, req.ip, now)) return TooManyAttempts();
  if (req.login.empty() || req.password.empty() || req.password.size() > 1024) {
    Note(true, req.ip, now);
    return InvalidCredentials();
  }
  const std::string login = NormalizeLogin(req.login);
  const LoginKind kind = LoginKindOf(login);
  POL_ASSIGN_OR_RETURN(std::optional<store::User> user, db_->ReadValue([&](store::Conn& c) {
    return store::FindUserByLogin(c, login, ColumnOf(kind));
  }));
  if (!user) {
    // Invented names spend their own budget: past it they are refused before hashing.
    if (Blocked(true, req.ip, now)) return TooManyAttempts();
    VerifyDummy(req.password);
    Note(true, req.ip, now);
    return InvalidCredentials();
  }
  // Claim the attempt before checking the password (one transaction, increment-and-check in SQL):
  // parallel guesses cannot check more passwords than the lockout allows.
  POL_ASSIGN_OR_RETURN(store::LoginClaim claim, db_->WriteValue([&](store::Conn& c) {
    return store::ClaimLoginAttempt(c, user->id, options_.max_account_failures, now,
                                    now + options_.lockout_ms);
  }));
  if (!claim.allowed) {
    // Locked: the same answer and the same cost as a wrong password or an unknown name.
    VerifyDummy(req.password);
    Note(false, req.ip, now);
    return FailedAnswer(req.ip, now);
  }
  if (!VerifyPassword(user->password_hash, req.password)) {
    Note(false, req.ip, now);
    POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
      return store::InsertAudit(c, store::AuditEntry{.at = now,
                                                     .actor_id = user->id,
                                                     .actor_name = user->name,
                                                     .action = claim.locks ? "login_locked" : "login_failed",
                                                     .entity = "user",
                                                     .entity_id = std::to_string(user->id),
                                                     .ip = req.ip});
    }));
    return FailedAnswer(req.ip, now);
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
