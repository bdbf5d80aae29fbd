#include "council/councils.h"

#include "accounts/validate.h"
#include "council/council_policy.h"

namespace pol::council {
namespace {

using accounts::Actor;
using accounts::NormalizeText;

Status SlugTaken(const Status& s) {
  if (s.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists(
        "slug_taken", "این شناسهٔ نشانی پیش‌تر استفاده شده است.", "slug");
  }
  return s;
}

// Applies the optional fields of an agency input onto `a`, normalized.
Status ApplyAgencyInput(const AgencyInput& in, store::Agency& a, nlohmann::json& changes) {
  if (in.slug) {
    POL_ASSIGN_OR_RETURN(a.slug, accounts::NormalizeSlug(*in.slug));
    changes["slug"] = a.slug;
  }
  if (in.name) {
    POL_ASSIGN_OR_RETURN(a.name, NormalizeText(*in.name, 200, "name", true));
    changes["name"] = a.name;
  }
  if (in.short_name) {
    POL_ASSIGN_OR_RETURN(a.short_name, NormalizeText(*in.short_name, 60, "short_name", false));
    changes["short_name"] = a.short_name;
  }
  if (in.website) {
    std::string w = *in.website;
    if (!w.empty() && w.rfind("https://", 0) != 0 && w.rfind("http://", 0) != 0) {
      return InvalidArgument("invalid_url", "نشانی وبگاه باید با http:// یا https:// آغاز شود.", "website");
    }
    if (w.size() > 300 || w.find_first_of(" <>\"'") != std::string::npos) {
      return InvalidArgument("invalid_url", "نشانی وبگاه معتبر نیست.", "website");
    }
    a.website = w;
    changes["website"] = w;
  }
  if (in.pr_email) {
    POL_ASSIGN_OR_RETURN(auto e, accounts::NormalizeEmailField(*in.pr_email));
    a.pr_email = e.value_or("");
    changes["pr_email"] = a.pr_email;
  }
  if (in.pr_phone) {
    POL_ASSIGN_OR_RETURN(a.pr_phone, NormalizeText(*in.pr_phone, 40, "pr_phone", false));
    changes["pr_phone"] = a.pr_phone;
  }
  if (in.disabled) {
    a.disabled = *in.disabled;
    changes["disabled"] = a.disabled;
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<store::Council>> CouncilService::ListCouncils(const Actor& actor) {
  POL_ASSIGN_OR_RETURN(std::vector<store::Council> all,
                       db_->ReadValue([&](store::Conn& c) { return store::ListCouncils(c); }));
  std::erase_if(all, [&](const store::Council& x) { return !CanReadCouncil(actor, x.id); });
  return all;
}

StatusOr<store::Council> CouncilService::GetCouncil(const Actor& actor, int64_t id) {
  if (!CanReadCouncil(actor, id)) return NotFound("شورا پیدا نشد.");
  return db_->ReadValue([&](store::Conn& c) { return store::GetCouncil(c, id); });
}

StatusOr<store::Council> CouncilService::CreateCouncil(const Actor& actor, const CouncilInput& in) {
  if (!CanCreateCouncil(actor))
    return PermissionDenied("فقط مدیر سامانه می‌تواند شورا بسازد.");
  store::Council v;
  if (!in.slug) return InvalidArgument("required", "شناسهٔ نشانی لازم است.", "slug");
  POL_ASSIGN_OR_RETURN(v.slug, accounts::NormalizeSlug(*in.slug));
  POL_ASSIGN_OR_RETURN(v.name, NormalizeText(in.name.value_or(""), 200, "name", true));
  POL_ASSIGN_OR_RETURN(v.province, NormalizeText(in.province.value_or(""), 60, "province", false));
  POL_ASSIGN_OR_RETURN(v.description, NormalizeText(in.description.value_or(""), 2000, "description", false));
  const int64_t now = env_->NowMillis();
  v.created_at = v.updated_at = now;
  Status s = db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(v.id, store::InsertCouncil(c, v));
    return accounts::Audit(c, actor, now, "create", "council", std::to_string(v.id), {v.id, std::nullopt},
                           {{"slug", v.slug}, {"name", v.name}});
  });
  if (!s.ok()) return SlugTaken(s);
  return v;
}

StatusOr<store::Council> CouncilService::UpdateCouncil(const Actor& actor, int64_t id,
                                                       const CouncilInput& in) {
  if (!CanReadCouncil(actor, id)) return NotFound("شورا پیدا نشد.");
  if (!CanManageCouncil(actor, id)) return PermissionDenied();
  if (!in.version)
    return InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version");
  if (in.slug) return InvalidArgument("immutable", "شناسهٔ نشانی شورا تغییرپذیر نیست.", "slug");
  const int64_t now = env_->NowMillis();
  store::Council v;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(v, store::GetCouncil(c, id));
    if (v.version != *in.version) return store::VersionConflict();
    nlohmann::json changes = nlohmann::json::object();
    if (in.name) {
      POL_ASSIGN_OR_RETURN(v.name, NormalizeText(*in.name, 200, "name", true));
      changes["name"] = v.name;
    }
    if (in.province) {
      POL_ASSIGN_OR_RETURN(v.province, NormalizeText(*in.province, 60, "province", false));
      changes["province"] = v.province;
    }
    if (in.description) {
      POL_ASSIGN_OR_RETURN(v.description, NormalizeText(*in.description, 2000, "description", false));
      changes["description"] = v.description;
    }
    POL_RETURN_IF_ERROR(store::UpdateCouncil(c, v, now));
    v.version += 1;
    v.updated_at = now;
    return accounts::Audit(c, actor, now, "update", "council", std::to_string(id), {id, std::nullopt},
                           changes);
  }));
  return v;
}

StatusOr<std::pair<std::vector<store::Agency>, int64_t>> CouncilService::ListAgencies(const Actor& actor,
                                                                                      const AgencyQuery& q) {
  store::AgencyFilter f{.council_id = q.council_id, .query = q.q, .limit = q.limit, .offset = q.offset};
  if (q.council_id && !CanReadCouncil(actor, *q.council_id)) return PermissionDenied();
  std::pair<std::vector<store::Agency>, int64_t> page;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    // Outside a named council, only the agencies of the councils the principal belongs to.
    if (!q.council_id) f.only_council_ids = ReadableCouncils(actor);
    POL_ASSIGN_OR_RETURN(page, store::ListAgencies(c, f));
    return Status::Ok();
  }));
  return page;
}

StatusOr<store::Agency> CouncilService::GetAgency(const Actor& actor, int64_t id) {
  POL_ASSIGN_OR_RETURN(store::Agency a,
                       db_->ReadValue([&](store::Conn& c) { return store::GetAgency(c, id); }));
  if (!CanReadCouncil(actor, a.council_id)) return NotFound("دستگاه پیدا نشد.");
  return a;
}

StatusOr<store::Agency> CouncilService::CreateAgency(const Actor& actor, const AgencyInput& in) {
  if (!in.council_id) return InvalidArgument("required", "شورا را انتخاب کنید.", "council_id");
  if (!CanReadCouncil(actor, *in.council_id))
    return InvalidArgument("unknown_council", "شورای انتخاب‌شده وجود ندارد.",
                           "council_id");
  if (!CanManageCouncil(actor, *in.council_id)) return PermissionDenied();
  if (!in.slug) return InvalidArgument("required", "شناسهٔ نشانی لازم است.", "slug");
  if (!in.name) return InvalidArgument("required", "نام دستگاه لازم است.", "name");
  store::Agency a;
  a.council_id = *in.council_id;
  nlohmann::json changes = nlohmann::json::object();
  POL_RETURN_IF_ERROR(ApplyAgencyInput(in, a, changes));
  const int64_t now = env_->NowMillis();
  a.created_at = a.updated_at = now;
  Status s = db_->Write([&](store::Conn& c) -> Status {
    POL_RETURN_IF_ERROR(store::GetCouncil(c, a.council_id).status());
    POL_ASSIGN_OR_RETURN(a.id, store::InsertAgency(c, a));
    return accounts::Audit(c, actor, now, "create", "agency", std::to_string(a.id), {a.council_id, a.id},
                           changes);
  });
  if (!s.ok()) return SlugTaken(s);
  return a;
}

StatusOr<store::Agency> CouncilService::UpdateAgency(const Actor& actor, int64_t id, const AgencyInput& in) {
  if (!in.version)
    return InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version");
  if (in.council_id) return InvalidArgument("immutable", "شورای یک دستگاه تغییرپذیر نیست.", "council_id");
  const int64_t now = env_->NowMillis();
  store::Agency a;
  Status s = db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(a, store::GetAgency(c, id));
    if (!CanReadCouncil(actor, a.council_id)) return NotFound("دستگاه پیدا نشد.");
    if (!CanManageCouncil(actor, a.council_id)) return PermissionDenied();
    if (a.version != *in.version) return store::VersionConflict();
    nlohmann::json changes = nlohmann::json::object();
    POL_RETURN_IF_ERROR(ApplyAgencyInput(in, a, changes));
    POL_RETURN_IF_ERROR(store::UpdateAgency(c, a, now));
    a.version += 1;
    a.updated_at = now;
    return accounts::Audit(c, actor, now, "update", "agency", std::to_string(id), {a.council_id, a.id},
                           changes);
  });
  if (!s.ok()) return SlugTaken(s);
  return a;
}

}  // namespace pol::council
