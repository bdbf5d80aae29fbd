#include "citizen/requests.h"
#include "citizen/sla_calendar.h"

#include "citizen/citizen_policy.h"
#include "citizen/requests_internal.h"
#include "citizen/tracking_code.h"

namespace pol::citizen {

using accounts::Actor;
using nlohmann::json;
using store::CitizenRequest;
using store::Conn;
using namespace internal;

RequestService::RequestService(store::Database* db, Env* env, jobs::Queue* queue, SmsProvider* sms,
                               SmsOutbox* outbox, Router* router, RequestOptions options)
    : db_(db),
      env_(env),
      queue_(queue),
      sms_(sms),
      outbox_(outbox),
      router_(router),
      options_(std::move(options)),
      calendar_(options_.work_week),
      limiter_(options_.shared_throttles ? db : nullptr),
      attachments_(options_.data_dir),
      group_commit_(db) {}

StatusOr<int64_t> RequestService::ServedCouncil() {
  {
    MutexLock lock(&council_mu_);
    if (council_id_) return *council_id_;
  }
  std::optional<int64_t> id;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    if (!options_.council_slug.empty()) {
      POL_ASSIGN_OR_RETURN(auto co, store::FindCouncilBySlug(c, options_.council_slug));
      if (co) id = co->id;
      return Status::Ok();
    }
    POL_ASSIGN_OR_RETURN(auto all, store::ListCouncils(c));
    for (const auto& co : all) {
      if (!id || co.id < *id) id = co.id;
    }
    return Status::Ok();
  }));
  if (!id) return Unavailable("هنوز شورایی تعریف نشده است.");
  MutexLock lock(&council_mu_);
  council_id_ = id;
  return *id;
}

StatusOr<std::vector<int64_t>> RequestService::CouncilAgencies(Conn& c, int64_t council_id) {
  store::AgencyFilter f{.council_id = council_id, .limit = 1000};
  POL_ASSIGN_OR_RETURN(auto page, store::ListAgencies(c, f));
  std::vector<int64_t> ids;
  for (const auto& a : page.first) {
    if (!a.disabled) ids.push_back(a.id);
  }
  return ids;
}

StatusOr<CitizenRequest> RequestService::Load(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto r, store::GetCitizenRequest(c, id));
  if (!r) return RequestNotFound();
  return *r;
}

Status RequestService::CheckHandle(const Actor& a, const CitizenRequest& r) const {
  if (r.state == "unverified") return RequestNotFound();
  if (!CanHandleRequest(a, r.council_id, r.agency_id)) return RequestNotFound();
  return Status::Ok();
}

Status RequestService::Apply(Conn& c, const Actor& actor, CitizenRequest& r, const std::string& action,
                             int64_t now, const Mutator& fn) {
  Edit e{c, now};
  POL_RETURN_IF_ERROR(fn(e, r));
  POL_RETURN_IF_ERROR(store::UpdateCitizenRequest(c, r, now));
  r.version += 1;
  r.updated_at = now;
  if (change_hook_) POL_RETURN_IF_ERROR(change_hook_(c, r, action, now));
  return accounts::Audit(c, actor, now, action, "citizen_request", std::to_string(r.id),
                         {r.council_id, r.agency_id}, e.detail);
}

StatusOr<CitizenRequest> RequestService::Change(const Actor& actor, int64_t id,
                                                std::optional<int64_t> version, const std::string& action,
                                                const Mutator& fn) {
  const int64_t now = env_->NowMillis();
  CitizenRequest r;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(r, Load(c, id));
    POL_RETURN_IF_ERROR(CheckHandle(actor, r));
    POL_RETURN_IF_ERROR(CheckVersion(r, version));
    return Apply(c, actor, r, action, now, fn);
  }));
  if (queue_) queue_->Notify();
  return r;
}

StatusOr<CitizenView> RequestService::ChangeByCode(const std::string& tracking_code, const std::string& ip,
                                                   const std::string& action, const Mutator& fn) {
  auto tc = NormalizeTrackingCode(tracking_code);
  if (!tc) return RequestNotFound();
  const int64_t now = env_->NowMillis();
  CitizenView v;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, store::FindCitizenRequestByCode(c, *tc));
    if (!r || r->erased) return RequestNotFound();
    const Actor system{nullptr, ip};
    POL_RETURN_IF_ERROR(Apply(c, system, *r, action, now, fn));
    POL_ASSIGN_OR_RETURN(v, MakeView(c, *r));
    return Status::Ok();
  }));
  return v;
}

Status RequestService::StartSla(Conn& c, CitizenRequest& r, int64_t now) {
  POL_ASSIGN_OR_RETURN(auto targets, store::ListSlaTargets(c, r.council_id));
  SlaMinutes t = TargetFor(targets, r.agency_id, r.type);
  POL_ASSIGN_OR_RETURN(text::WorkCalendar cal,
                       RequestCalendar(c, calendar_, r.council_id, r.agency_id));  // + closures
  Deadlines d = ComputeDeadlines(cal, now, t);
  r.routed_at = now;
  if (!r.first_response_at) r.first_response_due = d.first_response_due;
  r.resolve_due = d.resolve_due;
  r.warned = 0;
  r.escalation = 0;
  return Status::Ok();
}

Status RequestService::EnqueueSms(Conn& c, int64_t id, const std::string& kind, int64_t now) {
  if (!queue_) return Status::Ok();
  return queue_
      ->EnqueueIn(c,
                  {.kind = kSmsJobKind,
                   .payload_json = json{{"request_id", id}, {"kind", kind}}.dump(),
                   .dedup_key = "citizen.sms:" + std::to_string(id) + ":" + kind + ":" + std::to_string(now)})
      .status();
}

}  // namespace pol::citizen
