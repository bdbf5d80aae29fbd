// RequestService: the staff side of a request. Every change goes through Change() (load in scope →
// check version → mutate → write → history → audit); opening a request reads personal data, so it
// is audited too.
#include <set>

#include "accounts/validate.h"
#include "citizen/citizen_policy.h"
#include "citizen/requests.h"
#include "citizen/requests_internal.h"
#include "store/user_repo.h"
#include "text/number_words.h"

namespace pol::citizen {

using accounts::Actor;
using nlohmann::json;
using store::CitizenRequest;
using store::Conn;
using namespace internal;

namespace {

Status NotRouted(const std::string& message) { return FailedPrecondition("not_routed", message); }

Status InvalidMerge(const std::string& message) { return Bad("invalid_merge", message, "ids"); }

json OptJson(std::optional<int64_t> v) { return v ? json(*v) : json(); }

}  // namespace

StatusOr<std::pair<std::vector<CitizenRequest>, int64_t>> RequestService::List(const Actor& actor,
                                                                               store::CitizenFilter f) {
  f.now = env_->NowMillis();
  f.include_unverified = false;
  RequestScope scope = InboxScope(actor);
  if (scope.none()) {
    return PermissionDenied(
        "دسترسی به درخواست‌های مردمی فقط برای میز پاسخگویی دستگاه‌ها و دبیرخانهٔ شوراست.");
  }
  if (!scope.all) {
    f.only_agencies = std::move(scope.agencies);
    f.only_councils = std::move(scope.councils);
  }
  std::pair<std::vector<CitizenRequest>, int64_t> page;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(page, store::ListCitizenRequests(c, f));
    return Status::Ok();
  }));
  return page;
}

StatusOr<StaffView> RequestService::Get(const Actor& actor, int64_t id) {
  StaffView v;
  const int64_t now = env_->NowMillis();
  // Reading personal data is audited, so this is a write.
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(v.request, Load(c, id));
    POL_RETURN_IF_ERROR(CheckHandle(actor, v.request));
    POL_ASSIGN_OR_RETURN(v.events, store::ListRequestEvents(c, id, false));
    POL_ASSIGN_OR_RETURN(v.attachments, store::ListCitizenAttachments(c, id));
    POL_ASSIGN_OR_RETURN(auto dups, store::DuplicatesOf(c, id));
    for (int64_t d : dups) {
      POL_ASSIGN_OR_RETURN(auto dr, store::GetCitizenRequest(c, d));
      if (dr && dr->state != "unverified") v.duplicates.push_back(std::move(*dr));
    }
    return accounts::Audit(c, actor, now, "view_personal", "citizen_request", std::to_string(id),
                           {v.request.council_id, v.request.agency_id});
  }));
  return v;
}

StatusOr<CitizenRequest> RequestService::Reply(const Actor& actor, int64_t id, std::optional<int64_t> version,
                                               const std::string& body) {
  POL_ASSIGN_OR_RETURN(std::string text, accounts::NormalizeText(body, 5000, "body", true));
  return Change(actor, id, version, "reply", [&](Edit& e, CitizenRequest& r) -> Status {
    POL_RETURN_IF_ERROR(RequireActive(r));
    if (!r.agency_id) return NotRouted("درخواست هنوز به دستگاهی ارجاع نشده است؛ ابتدا آن را ارجاع دهید.");
    r.state = "answered";
    if (!r.first_response_at) r.first_response_at = e.now;
    if (!r.assignee_id) r.assignee_id = ActorId(actor);
    POL_RETURN_IF_ERROR(store::InsertRequestEvent(e.c, {.request_id = r.id,
                                                        .at = e.now,
                                                        .kind = "replied",
                                                        .actor_id = ActorId(actor),
                                                        .actor_name = r.agency_name,
                                                        .agency_id = r.agency_id,
                                                        .is_public = true,
                                                        .body = text}));
    return EnqueueSms(e.c, r.id, "reply", e.now);
  });
}

StatusOr<CitizenRequest> RequestService::Note(const Actor& actor, int64_t id, const std::string& body) {
  POL_ASSIGN_OR_RETURN(std::string text, accounts::NormalizeText(body, 5000, "body", true));
  return Change(actor, id, std::nullopt, "note", [&](Edit& e, CitizenRequest& r) -> Status {
    return store::InsertRequestEvent(e.c, {.request_id = r.id,
                                           .at = e.now,
                                           .kind = "note",
                                           .actor_id = ActorId(actor),
                                           .actor_name = ActorName(actor),
                                           .agency_id = r.agency_id,
                                           .body = text});
  });
}

StatusOr<CitizenRequest> RequestService::Assign(const Actor& actor, int64_t id,
                                                std::optional<int64_t> version,
                                                std::optional<int64_t> user_id) {
  auto assign = [&](Edit& e, CitizenRequest& r) -> Status {
    POL_RETURN_IF_ERROR(RequireActive(r));
    std::string who = "هیچ‌کس";
    if (user_id) {
      auto u = store::GetUser(e.c, *user_id);
      if (!u.ok() && u.status().code() != StatusCode::kNotFound) return u.status();
      const bool fits = u.ok() && !u->disabled &&
                        CanBeAssignedRequest(accounts::Principal{u->id, u->username, u->name, u->roles},
                                             r.council_id, r.agency_id);
      if (!fits) return Bad("invalid_assignee", "این کاربر به این درخواست دسترسی ندارد.", "user_id");
      who = u->name;
    }
    r.assignee_id = user_id;
    e.detail = {{"user_id", OptJson(user_id)}};
    return store::InsertRequestEvent(e.c, {.request_id = r.id,
                                           .at = e.now,
                                           .kind = "assigned",
                                           .actor_id = ActorId(actor),
                                           .actor_name = ActorName(actor),
                                           .agency_id = r.agency_id,
                                           .body = "ارجاع به " + who});
  };
  POL_RETURN_IF_ERROR(Change(actor, id, version, "assign", assign).status());
  // Read back with the assignee's name (the joined column).
  POL_ASSIGN_OR_RETURN(StaffView v, Get(actor, id));
  return v.request;
}

StatusOr<CitizenRequest> RequestService::Transfer(const Actor& actor, int64_t id,
                                                  std::optional<int64_t> version, int64_t agency_id,
                                                  const std::string& reason) {
  POL_ASSIGN_OR_RETURN(std::string why, accounts::NormalizeText(reason, 1000, "reason", true));
  return Change(actor, id, version, "transfer", [&](Edit& e, CitizenRequest& r) -> Status {
    POL_RETURN_IF_ERROR(RequireActive(r));
    auto a = store::GetAgency(e.c, agency_id);
    if (!a.ok() && a.status().code() != StatusCode::kNotFound) return a.status();
    if (!a.ok() || a->council_id != r.council_id || a->disabled) {
      return Bad(
          "unknown_agency",
          "دستگاه مقصد باید از دستگاه‌های فعال همین شورا باشد.",
          "agency_id");
    }
    if (r.agency_id == agency_id)
      return Bad("same_agency", "درخواست هم‌اکنون در همین دستگاه است.",
                 "agency_id");
    e.detail = {{"from", OptJson(r.agency_id)}, {"to", agency_id}};
    r.agency_id = agency_id;
    if (r.state == "triage" || r.state == "answered") r.state = "open";
    r.assignee_id.reset();
    r.route_source = "staff";
    r.training_label = true;
    r.first_response_at.reset();
    POL_RETURN_IF_ERROR(StartSla(e.c, r, e.now));
    POL_RETURN_IF_ERROR(
        store::InsertRequestEvent(e.c, {.request_id = r.id,
                                        .at = e.now,
                                        .kind = "transferred",
                                        .actor_id = ActorId(actor),
                                        .actor_name = ActorName(actor),
                                        .agency_id = agency_id,
                                        .is_public = true,
                                        .body = "درخواست به «" + AgencyLabel(*a) + "» ارجاع شد. دلیل: " + why,
                                        .detail = e.detail.dump()}));
    ScheduleRetrain(e.c, r.council_id, e.now);
    return Status::Ok();
  });
}

StatusOr<CitizenRequest> RequestService::Close(const Actor& actor, int64_t id, std::optional<int64_t> version,
                                               const std::string& outcome, const std::string& note) {
  static const std::set<std::string> kOutcomes = {"resolved", "answered", "rejected", "not_competent",
                                                  "duplicate"};
  if (!kOutcomes.count(outcome)) {
    return Bad("invalid_outcome",
               "نتیجهٔ بستن را انتخاب کنید (حل شد، پاسخ داده شد، رد شد، خارج از صلاحیت، تکراری).", "outcome");
  }
  POL_ASSIGN_OR_RETURN(std::string text, accounts::NormalizeText(note, 2000, "note", false));
  return Change(actor, id, version, "close", [&](Edit& e, CitizenRequest& r) -> Status {
    POL_RETURN_IF_ERROR(RequireActive(r));
    if (!r.agency_id) return NotRouted("درخواست هنوز به دستگاهی ارجاع نشده است.");
    r.state = "closed";
    r.closed_at = e.now;
    r.outcome = outcome;
    if (!r.first_response_at) r.first_response_at = e.now;
    e.detail = {{"outcome", outcome}};
    POL_RETURN_IF_ERROR(store::InsertRequestEvent(
        e.c, {.request_id = r.id,
              .at = e.now,
              .kind = "closed",
              .actor_id = ActorId(actor),
              .actor_name = r.agency_name,
              .agency_id = r.agency_id,
              .is_public = true,
              .body = text.empty() ? "درخواست بسته شد." : "درخواست بسته شد: " + text,
              .detail = e.detail.dump()}));
    POL_RETURN_IF_ERROR(EnqueueSms(e.c, r.id, "closed", e.now));
    ScheduleRetrain(e.c, r.council_id, e.now);
    return Status::Ok();
  });
}

StatusOr<CitizenRequest> RequestService::Merge(const Actor& actor, int64_t id,
                                               const std::vector<int64_t>& dups) {
  if (dups.empty() || dups.size() > 500)
    return Bad("required", "درخواست‌های تکراری را انتخاب کنید.", "ids");
  const int64_t now = env_->NowMillis();
  CitizenRequest main;
  // Each duplicate is changed on its own (history, audit) inside the one transaction.
  auto merge_one = [&](Edit& e, CitizenRequest& dr) -> Status {
    if (dr.state == "merged" || dr.state == "closed") {
      return InvalidMerge(
          "درخواست بسته یا ادغام‌شده را نمی‌توان دوباره ادغام کرد.");
    }
    dr.state = "merged";
    dr.merged_into = id;
    dr.duplicate_of = id;
    e.detail = {{"into", id}};
    return store::InsertRequestEvent(
        e.c,
        {.request_id = dr.id,
         .at = e.now,
         .kind = "merged",
         .actor_id = ActorId(actor),
         .actor_name = ActorName(actor),
         .agency_id = main.agency_id,
         .is_public = true,
         .body =
             "این درخواست با درخواست مشابهی ادغام شد؛ پاسخ آن در همین صفحه نمایش داده می‌شود.",
         .detail = e.detail.dump()});
  };
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(main, Load(c, id));
    POL_RETURN_IF_ERROR(CheckHandle(actor, main));
    if (main.state == "merged")
      return FailedPrecondition("invalid_transition", "این درخواست خود ادغام شده است.");
    for (int64_t d : dups) {
      if (d == id)
        return InvalidMerge("درخواست را نمی‌توان با خودش ادغام کرد.");
      auto dr = Load(c, d);
      if (!dr.ok() && dr.status().code() == StatusCode::kNotFound)
        return InvalidMerge("درخواست تکراری پیدا نشد.");
      if (!dr.ok()) return dr.status();
      if (!CheckHandle(actor, *dr).ok()) return InvalidMerge("درخواست تکراری پیدا نشد.");
      POL_RETURN_IF_ERROR(Apply(c, actor, *dr, "merge", now, merge_one));
    }
    return store::InsertRequestEvent(c, {.request_id = id,
                                         .at = now,
                                         .kind = "note",
                                         .actor_id = ActorId(actor),
                                         .actor_name = ActorName(actor),
                                         .agency_id = main.agency_id,
                                         .body = text::ToPersianDigits(std::to_string(dups.size())) +
                                                 " درخواست مشابه در این درخواست ادغام شد.",
                                         .detail = json{{"merged", dups}}.dump()});
  }));
  return main;
}

StatusOr<std::pair<store::CitizenAttachment, std::string>> RequestService::Attachment(const Actor& actor,
                                                                                      int64_t id,
                                                                                      int64_t attachment_id) {
  store::CitizenAttachment a;
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, Load(c, id));
    POL_RETURN_IF_ERROR(CheckHandle(actor, r));
    POL_ASSIGN_OR_RETURN(auto found, store::GetCitizenAttachment(c, id, attachment_id));
    if (!found) return NotFound("پیوست پیدا نشد.");
    a = *found;
    return accounts::Audit(c, actor, now, "view_attachment", "citizen_request", std::to_string(id),
                           {r.council_id, r.agency_id}, {{"attachment_id", attachment_id}});
  }));
  auto data = attachments_.Get(a.sha256);
  if (!data.ok()) return NotFound("پیوست پیدا نشد.");
  return std::make_pair(a, std::move(*data));
}

}  // namespace pol::citizen
