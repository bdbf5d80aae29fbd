// pol user add|passwd|disable|enable — staff accounts from the shell, as the
// system (audited as «سامانه»). Passwords come from --password or, if absent,
// the first line of standard input.
#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include "accounts/users.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "store/council_repo.h"
#include "store/user_repo.h"
#include "text/number_words.h"

namespace pol::cli {
namespace {

void UserUsage() {
  std::fputs(
      "usage:\n"
      "  pol user add --data DIR --username U --name NAME [--password P] [--mobile M] [--email E]\n"
      "               [--role ROLE [--council SLUG] [--agency SLUG]]\n"
      "  pol user passwd  --data DIR --username U [--password P]\n"
      "  pol user disable --data DIR --username U\n"
      "  pol user enable  --data DIR --username U\n"
      "roles: system_admin council_admin committee_member analyst agency_pr_manager agency_editor citizen_desk\n",
      stderr);
}

std::string PasswordFrom(std::map<std::string, std::string>& opts) {
  if (opts.count("password")) return opts["password"];
  std::string line;
  std::getline(std::cin, line);
  return line;
}

}  // namespace

int UserCommand(int argc, char** argv) {
  if (argc < 2) {
    UserUsage();
    return 2;
  }
  std::string verb = argv[1];
  auto cl = ParseCommandLine(argc, argv, 2, {.any_option = true});
  if (!cl) {
    UserUsage();
    return 2;
  }
  std::map<std::string, std::string> opts = cl->options;
  auto config = LoadCommandConfig(*cl);
  if (!config.ok()) return Fail(config.status());
  auto db = OpenDataFolder(*config, /*create=*/false);
  if (!db.ok()) return Fail(db.status());
  Env* env = Env::Default();
  accounts::SessionManager sessions(db->get(), env);
  accounts::UserService users(db->get(), env, &sessions);
  accounts::Actor system;

  if (verb == "add") {
    accounts::NewUser in{opts["username"], opts["name"],       opts["mobile"],
                         opts["email"],    PasswordFrom(opts), {}};
    if (opts.count("role")) {
      store::RoleGrant g{opts["role"], std::nullopt, std::nullopt};
      Status s = (*db)->Read([&](store::Conn& c) -> Status {
        if (!opts.count("council")) return Status::Ok();
        POL_ASSIGN_OR_RETURN(auto council, store::FindCouncilBySlug(c, opts["council"]));
        if (!council) return NotFound("شورا پیدا نشد: " + opts["council"]);
        g.council_id = council->id;
        if (opts.count("agency")) {
          POL_ASSIGN_OR_RETURN(auto agency, store::FindAgencyBySlug(c, council->id, opts["agency"]));
          if (!agency) return NotFound("دستگاه پیدا نشد: " + opts["agency"]);
          g.agency_id = agency->id;
        }
        return Status::Ok();
      });
      if (!s.ok()) return Fail(s);
      in.roles.push_back(g);
    }
    auto u = users.Create(system, std::move(in));
    if (!u.ok()) return Fail(u.status());
    std::printf("کاربر %s ساخته شد (شناسه %s).\n", u->username.c_str(), text::PersianNumber(u->id).c_str());
    return 0;
  }
  if (verb == "passwd" || verb == "disable" || verb == "enable") {
    std::optional<store::User> user;
    Status s = (*db)->Read([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(user, store::FindUserByLogin(c, opts["username"], store::LoginColumn::kUsername));
      return Status::Ok();
    });
    if (!s.ok()) return Fail(s);
    if (!user) return Fail(NotFound("کاربر پیدا نشد: " + opts["username"]));
    if (verb == "passwd") {
      s = users.ResetPassword(system, user->id, PasswordFrom(opts));
    } else {
      accounts::UserPatch patch{.version = user->version, .disabled = verb == "disable"};
      s = users.Update(system, user->id, patch).status();
    }
    if (!s.ok()) return Fail(s);
    std::printf("انجام شد.\n");
    return 0;
  }
  UserUsage();
  return 2;
}

}  // namespace pol::cli
