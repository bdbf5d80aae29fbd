// accounts: sessions, login and users; the auth and user routes.
#include <memory>

#include "accounts/login.h"
#include "accounts/sessions.h"
#include "accounts/users.h"
#include "api/routes.h"
#include "app/modules.h"

namespace pol::app {
namespace {

class AccountsModule final : public Module {
 public:
  std::string_view Name() const override { return "accounts"; }

  Status Init(Context& ctx) override {
    accounts::SessionOptions sessions;
    // Several nodes may share a PostgreSQL database: a user disabled or demoted on another node must be
    // refused here within a second. The change arrives at once by NOTIFY (App::Start, migration 73); should
    // the notification be lost (the listener reconnecting), resolved sessions are cached for half a second
    // only.
    if (ctx.db->BackendName() == "postgresql") sessions.cache_ttl_ms = 500;
    if (ctx.settings->session_cache_ms > 0) sessions.cache_ttl_ms = ctx.settings->session_cache_ms;
    sessions_ = std::make_unique<accounts::SessionManager>(ctx.db, ctx.env, sessions);
    // Several nodes may share the database (PostgreSQL): the per-address login windows are counted there.
    login_ = std::make_unique<accounts::LoginService>(
        ctx.db, ctx.env, sessions_.get(), accounts::LoginOptions{.shared_throttles = ctx.leader != nullptr});
    users_ = std::make_unique<accounts::UserService>(ctx.db, ctx.env, sessions_.get());
    ctx.services->sessions = sessions_.get();
    ctx.services->login = login_.get();
    ctx.services->users = users_.get();
    return Status::Ok();
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override {
    api::RegisterAuthRoutes(r, s);
    api::RegisterUserRoutes(r, s);
  }

 private:
  std::unique_ptr<accounts::SessionManager> sessions_;
  std::unique_ptr<accounts::LoginService> login_;
  std::unique_ptr<accounts::UserService> users_;
};

}  // namespace

std::unique_ptr<Module> NewAccountsModule() { return std::make_unique<AccountsModule>(); }

}  // namespace pol::app
