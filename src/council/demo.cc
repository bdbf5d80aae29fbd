#include "council/demo.h"

#include "accounts/actor.h"
#include "accounts/password.h"
#include "store/council_repo.h"
#include "store/user_repo.h"

namespace pol::council {
namespace {

struct DemoAgency {
  const char* slug;
  const char* name;
  const char* short_name;
};

// The member agencies named in issue #2 (real bodies of the ministry in Qazvin).
constexpr DemoAgency kAgencies[] = {
    {"tkr", "اداره کل تعاون، کار و رفاه اجتماعی استان قزوین", "تعاون، کار و رفاه اجتماعی"},
    {"tamin", "اداره کل تأمین اجتماعی استان قزوین", "تأمین اجتماعی"},
    {"tamin-darman", "مدیریت درمان تأمین اجتماعی استان قزوین", "درمان تأمین اجتماعی"},
    {"behzisti", "اداره کل بهزیستی استان قزوین", "بهزیستی"},
    {"fanni", "اداره کل آموزش فنی و حرفه‌ای استان قزوین",
     "فنی و حرفه‌ای"},
    {"bazneshastegi", "صندوق بازنشستگی کشوری استان قزوین", "بازنشستگی کشوری"},
    {"refah", "بانک رفاه کارگران استان قزوین", "بانک رفاه کارگران"},
    {"omid", "صندوق کارآفرینی امید استان قزوین", "صندوق کارآفرینی امید"},
    {"tosee-taavon", "بانک توسعهٔ تعاون استان قزوین", "بانک توسعهٔ تعاون"},
    {"roostaei", "صندوق بیمهٔ اجتماعی کشاورزان، روستاییان و عشایر استان قزوین", "بیمهٔ روستاییان و عشایر"},
};

}  // namespace

StatusOr<DemoResult> LoadDemo(store::Database* db, Env* env) {
  DemoResult result;
  // One hash for every demo login: they share the demo password, and hashing
  // thirty times would only slow `pol demo` down.
  POL_ASSIGN_OR_RETURN(std::string hash, accounts::HashPassword(kDemoPassword));
  const int64_t now = env->NowMillis();
  accounts::Actor system;
  Status s = db->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto existing, store::FindCouncilBySlug(c, "qazvin-tkr"));
    if (existing) {
      result.already_loaded = true;
      result.council_id = existing->id;
      return Status::Ok();
    }
    store::Council council{
        .slug = "qazvin-tkr",
        .name =
            "شورای هماهنگی دستگاه‌های عضو وزارت تعاون، کار و رفاه اجتماعی در استان قزوین",
        .province = "قزوین",
        .description =
            "کمیتهٔ روابط عمومی شورای هماهنگی: هم‌افزایی اطلاع‌رسانی دستگاه‌ها و پلی دوسویه میان "
            "مردم و دولت.",
        .created_at = now,
        .updated_at = now};
    POL_ASSIGN_OR_RETURN(council.id, store::InsertCouncil(c, council));
    result.council_id = council.id;

    auto add_user = [&](const std::string& username, const std::string& name,
                        std::vector<store::RoleGrant> roles) -> Status {
      store::User u{
          .username = username, .name = name, .password_hash = hash, .created_at = now, .updated_at = now};
      u.roles = std::move(roles);
      std::string role = u.roles.front().role;
      POL_ASSIGN_OR_RETURN(u.id, store::InsertUser(c, u));
      result.logins.push_back({username, name, role});
      return Status::Ok();
    };
    POL_RETURN_IF_ERROR(add_user("admin", "مدیر سامانه", {{"system_admin", std::nullopt, std::nullopt}}));
    POL_RETURN_IF_ERROR(
        add_user("council", "دبیر کمیتهٔ روابط عمومی شورا", {{"council_admin", council.id, std::nullopt}}));
    POL_RETURN_IF_ERROR(
        add_user("committee", "عضو کمیتهٔ روابط عمومی", {{"committee_member", council.id, std::nullopt}}));
    POL_RETURN_IF_ERROR(add_user("analyst", "تحلیلگر رسانه", {{"analyst", council.id, std::nullopt}}));

    for (const DemoAgency& d : kAgencies) {
      store::Agency a{.council_id = council.id,
                      .slug = d.slug,
                      .name = d.name,
                      .short_name = d.short_name,
                      .created_at = now,
                      .updated_at = now};
      POL_ASSIGN_OR_RETURN(a.id, store::InsertAgency(c, a));
      const std::string slug = d.slug, short_name = d.short_name;
      POL_RETURN_IF_ERROR(add_user(slug + "-manager", "مدیر روابط عمومی " + short_name,
                                   {{"agency_pr_manager", council.id, a.id}}));
      POL_RETURN_IF_ERROR(add_user(slug + "-editor", "خبرنگار روابط عمومی " + short_name,
                                   {{"agency_editor", council.id, a.id}}));
      POL_RETURN_IF_ERROR(add_user(slug + "-desk", "کارشناس میز پاسخگویی " + short_name,
                                   {{"citizen_desk", council.id, a.id}}));
    }
    return accounts::Audit(c, system, now, "load_demo", "council", std::to_string(council.id),
                           {council.id, std::nullopt}, {{"agencies", std::size(kAgencies)}});
  });
  if (!s.ok()) return s;
  return result;
}

}  // namespace pol::council
