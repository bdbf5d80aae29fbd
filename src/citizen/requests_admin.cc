// RequestService: the council's settings and figures: reply templates, SLA targets, satisfaction.
#include "accounts/validate.h"
#include "citizen/citizen_policy.h"
#include "citizen/requests.h"
#include "citizen/requests_internal.h"

namespace pol::citizen {

using accounts::Actor;
using store::Conn;
using namespace internal;

namespace {

Status SlaDenied() {
  return PermissionDenied(
      "تعیین مهلت‌های پاسخگویی با دبیرخانهٔ شوراست.");
}

// An agency named by the council desk must be one of the council's.
Status CheckCouncilAgency(Conn& c, int64_t council, std::optional<int64_t> agency_id) {
  if (!agency_id) return Status::Ok();
  auto a = store::GetAgency(c, *agency_id);
  if (!a.ok() || a->council_id != council)
    return Bad("unknown_agency", "دستگاه انتخاب‌شده وجود ندارد.", "agency_id");
  return Status::Ok();
}

Status CheckSlaMinutes(int64_t first_response_minutes, int64_t resolve_minutes) {
  const int64_t max_minutes = 60 * kOfficeDayMinutes;
  if (first_response_minutes < 30 || first_response_minutes > max_minutes) {
    return Bad("invalid_minutes", "مهلت پاسخ نخست باید بین ۳۰ دقیقه و ۶۰ روز کاری باشد.",
               "first_response_minutes");
  }
  if (resolve_minutes < first_response_minutes || resolve_minutes > max_minutes) {
    return Bad("invalid_minutes",
               "مهلت رسیدگی باید از مهلت پاسخ نخست کمتر نباشد و از ۶۰ روز کاری بیشتر نشود.",
               "resolve_minutes");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<store::ReplyTemplate>> RequestService::Templates(const Actor& actor) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  const std::optional<std::vector<int64_t>> agencies = TemplateAgencies(actor, council);
  if (agencies && agencies->empty())
    return PermissionDenied("قالب‌های پاسخ فقط برای میز پاسخگویی است.");
  std::vector<store::ReplyTemplate> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListReplyTemplates(c, council, agencies));
    return Status::Ok();
  }));
  return out;
}

StatusOr<store::ReplyTemplate> RequestService::AddTemplate(const Actor& actor,
                                                           std::optional<int64_t> agency_id,
                                                           const std::string& title,
                                                           const std::string& body) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CanAddTemplate(actor, council, agency_id)) {
    return PermissionDenied(
        "قالب پاسخ را مدیر روابط عمومی دستگاه یا دبیرخانهٔ شورا می‌سازد.");
  }
  store::ReplyTemplate t{.council_id = council, .agency_id = agency_id};
  POL_ASSIGN_OR_RETURN(t.title, accounts::NormalizeText(title, 200, "title", true));
  POL_ASSIGN_OR_RETURN(t.body, accounts::NormalizeText(body, 5000, "body", true));
  t.created_at = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_RETURN_IF_ERROR(CheckCouncilAgency(c, council, agency_id));
    POL_ASSIGN_OR_RETURN(t.id, store::InsertReplyTemplate(c, t));
    return accounts::Audit(c, actor, t.created_at, "create", "reply_template", std::to_string(t.id),
                           {council, agency_id});
  }));
  return t;
}

StatusOr<std::vector<store::CsatRow>> RequestService::Csat(const Actor& actor) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CanViewCsat(actor, council)) return NotFound("شورا پیدا نشد.");
  std::vector<store::CsatRow> rows;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(rows, store::CsatByAgency(c, council, env_->NowMillis()));
    return Status::Ok();
  }));
  return rows;
}

StatusOr<std::vector<store::SlaTarget>> RequestService::SlaTargets(const Actor& actor) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CanManageSlaTargets(actor, council)) return SlaDenied();
  std::vector<store::SlaTarget> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListSlaTargets(c, council));
    return Status::Ok();
  }));
  return out;
}

StatusOr<std::vector<store::SlaTarget>> RequestService::SetSlaTarget(const Actor& actor,
                                                                     std::optional<int64_t> agency_id,
                                                                     std::optional<std::string> type,
                                                                     int64_t first_response_minutes,
                                                                     int64_t resolve_minutes) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CanManageSlaTargets(actor, council)) return SlaDenied();
  if (type && !IsRequestType(*type)) return Bad("invalid_type", "نوع درخواست ناشناخته است.", "type");
  POL_RETURN_IF_ERROR(CheckSlaMinutes(first_response_minutes, resolve_minutes));
  const int64_t now = env_->NowMillis();
  std::vector<store::SlaTarget> out;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_RETURN_IF_ERROR(CheckCouncilAgency(c, council, agency_id));
    POL_RETURN_IF_ERROR(store::UpsertSlaTarget(c,
                                               {.council_id = council,
                                                .agency_id = agency_id,
                                                .type = type,
                                                .first_response_minutes = first_response_minutes,
                                                .resolve_minutes = resolve_minutes},
                                               now));
    POL_ASSIGN_OR_RETURN(out, store::ListSlaTargets(c, council));
    return accounts::Audit(
        c, actor, now, "set_sla", "sla_target", type.value_or("*"), {council, agency_id},
        {{"first_response_minutes", first_response_minutes}, {"resolve_minutes", resolve_minutes}});
  }));
  return out;
}

}  // namespace pol::citizen
