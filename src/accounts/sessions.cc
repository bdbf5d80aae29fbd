#include "accounts/sessions.h"

#include <sodium.h>

#include <atomic>

#include "store/user_repo.h"

namespace pol::accounts {
namespace {

// InvalidateUser and DestroyAllForUser calls so far, in this process. Resolve keeps a session it loaded
// only when none happened during the load: a user changed on another node (its NOTIFY calling
// InvalidateUser) may have been read as they were before — answered with once, never cached. Counted for
// the whole process (a test's several managers only skip caching a little more often).
std::atomic<uint64_t> g_invalidations{0};

}  // namespace

SessionManager::SessionManager(store::Database* db, Env* env, SessionOptions options)
    : db_(db), env_(env), options_(options) {}

std::string SessionManager::HashToken(const std::string& token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

StatusOr<Principal> LoadPrincipal(store::Conn& c, int64_t user_id) {
  POL_ASSIGN_OR_RETURN(store::User u, store::GetUser(c, user_id));
  if (u.disabled) return Unauthenticated("حساب کاربری شما غیرفعال شده است.");
  return Principal{u.id, u.username, u.name, u.roles};
}

StatusOr<std::pair<std::string, Session>> SessionManager::Create(int64_t user_id, const std::string& ip,
                                                                 const std::string& user_agent,
                                                                 const std::string& replaces) {
  const int64_t now = env_->NowMillis();
  std::string token = RandomToken(env_, 32);
  Session s;
  s.token_hash = HashToken(token);
  s.csrf_token = RandomToken(env_, 24);
  s.created_at = s.last_seen_at = now;
  s.expires_at = now + options_.absolute_ms;
  std::string old_hash = replaces.empty() ? "" : HashToken(replaces);
  Status st = db_->Write([&](store::Conn& c) -> Status {
    if (!old_hash.empty()) POL_RETURN_IF_ERROR(store::DeleteSession(c, old_hash));
    POL_ASSIGN_OR_RETURN(s.principal, LoadPrincipal(c, user_id));
    return store::InsertSession(c, store::SessionRow{s.token_hash, user_id, s.csrf_token, now, now,
                                                     s.expires_at, ip, user_agent.substr(0, 300)});
  });
  if (!st.ok()) return st;
  MutexLock lock(&mu_);
  if (!old_hash.empty()) cache_.erase(old_hash);
  cache_[s.token_hash] = Cached{s, now};
  return std::make_pair(std::move(token), std::move(s));
}

StatusOr<Session> SessionManager::Load(const std::string& token_hash, int64_t now) {
  std::optional<store::SessionRow> row;
  Principal principal;
  Status st = db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(row, store::GetSession(c, token_hash));
    if (!row) return Status::Ok();
    POL_ASSIGN_OR_RETURN(principal, LoadPrincipal(c, row->user_id));
    return Status::Ok();
  });
  if (st.code() == StatusCode::kNotFound || st.code() == StatusCode::kUnauthenticated) {
    return Unauthenticated("نشست شما معتبر نیست؛ دوباره وارد شوید.");
  }
  if (!st.ok()) return st;
  if (!row) return Unauthenticated("نشست شما معتبر نیست؛ دوباره وارد شوید.");
  Session s{row->token_hash,   row->csrf_token, row->created_at,
            row->last_seen_at, row->expires_at, std::move(principal)};
  (void)now;
  return s;
}

StatusOr<Session> SessionManager::Resolve(const std::string& token) {
  if (token.empty() || token.size() > 128) return Unauthenticated();
  const std::string hash = HashToken(token);
  const int64_t now = env_->NowMillis();
  std::optional<Session> session;
  uint64_t generation = 0;  // g_invalidations before the load
  {
    MutexLock lock(&mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && now - it->second.loaded_at < options_.cache_ttl_ms)
      session = it->second.session;
  }
  if (!session) {
    generation = g_invalidations.load();
    POL_ASSIGN_OR_RETURN(Session loaded, Load(hash, now));
    session = std::move(loaded);
    MutexLock lock(&mu_);
    if (cache_.size() > 100000) cache_.clear();  // bound memory under token floods
    // A user invalidated while this load ran (another node's NOTIFY) may have been read as they were
    // before: answer with it this once, but do not keep it.
    if (g_invalidations.load() == generation) cache_[hash] = Cached{*session, now};
  }
  if (now >= session->expires_at || now - session->last_seen_at >= options_.idle_ms) {
    (void)Destroy(token);
    return Unauthenticated("نشست شما منقضی شده است؛ دوباره وارد شوید.");
  }
  if (now - session->last_seen_at >= options_.touch_every_ms) {
    POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) { return store::TouchSession(c, hash, now); }));
    session->last_seen_at = now;
    MutexLock lock(&mu_);
    if (auto it = cache_.find(hash); it != cache_.end()) it->second.session.last_seen_at = now;
  }
  return *session;
}

Status SessionManager::Destroy(const std::string& token) {
  const std::string hash = HashToken(token);
  {
    MutexLock lock(&mu_);
    cache_.erase(hash);
  }
  return db_->Write([&](store::Conn& c) { return store::DeleteSession(c, hash); });
}

Status SessionManager::DestroyAllForUser(int64_t user_id) {
  POL_ASSIGN_OR_RETURN(std::vector<std::string> hashes, db_->WriteValue([&](store::Conn& c) {
    return store::DeleteUserSessions(c, user_id);
  }));
  MutexLock lock(&mu_);
  ++g_invalidations;
  for (const auto& h : hashes) cache_.erase(h);
  for (auto it = cache_.begin(); it != cache_.end();) {
    it = it->second.session.principal.user_id == user_id ? cache_.erase(it) : std::next(it);
  }
  return Status::Ok();
}

void SessionManager::InvalidateUser(int64_t user_id) {
  MutexLock lock(&mu_);
  ++g_invalidations;
  for (auto it = cache_.begin(); it != cache_.end();) {
    it = it->second.session.principal.user_id == user_id ? cache_.erase(it) : std::next(it);
  }
}

}  // namespace pol::accounts
