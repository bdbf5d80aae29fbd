// RequestService: routing administration. The council desk keeps keyword rules and retrains the
// naive Bayes model; staff decisions (transfers, closings) schedule a retraining on the job queue.
// Models and rules are stored and loaded into the Router at start.
#include <spdlog/spdlog.h>

#include <map>
#include <sstream>

#include "accounts/validate.h"
#include "citizen/citizen_policy.h"
#include "citizen/requests.h"
#include "citizen/requests_internal.h"

namespace pol::citizen {

using accounts::Actor;
using nlohmann::json;
using store::Conn;
using namespace internal;

namespace {

Status RoutingDenied() { return PermissionDenied("تنظیم ارجاع خودکار با دبیرخانهٔ شوراست."); }

std::vector<std::string> SplitTypes(const std::string& types) {
  std::vector<std::string> out;
  std::string t;
  std::istringstream in(types);
  while (std::getline(in, t, ',')) {
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

std::vector<Rule> ToRules(const std::vector<store::RoutingRule>& rows) {
  std::vector<Rule> rules;
  for (const auto& r : rows)
    rules.push_back({r.id, r.agency_id, r.priority, RuleTerms(r.keywords), SplitTypes(r.types)});
  return rules;
}

}  // namespace

StatusOr<RoutingInfo> RequestService::Routing(const Actor& actor) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CanManageRouting(actor, council)) return RoutingDenied();
  RoutingInfo info;
  info.min_confidence = router_->min_confidence();
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto m, store::LoadRoutingModel(c, council));
    if (m) {
      info.samples = m->samples;
      info.held_out = m->held_out;
      info.accuracy = m->accuracy;
      info.trained_at = m->trained_at;
    }
    POL_ASSIGN_OR_RETURN(info.rules, store::ListRoutingRules(c, council));
    return Status::Ok();
  }));
  return info;
}

StatusOr<store::RoutingRule> RequestService::AddRule(const Actor& actor, int64_t agency_id,
                                                     const std::string& keywords, const std::string& types,
                                                     int64_t priority) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CanManageRouting(actor, council)) return RoutingDenied();
  POL_ASSIGN_OR_RETURN(std::string kw, accounts::NormalizeText(keywords, 500, "keywords", false));
  const std::vector<std::string> type_list = SplitTypes(types);
  for (const auto& t : type_list) {
    if (!IsRequestType(t)) return Bad("invalid_type", "نوع درخواست ناشناخته است.", "types");
  }
  if (RuleTerms(kw).empty() && type_list.empty()) {
    return Bad("required",
               "دست‌کم یک کلیدواژه یا یک نوع درخواست لازم است.",
               "keywords");
  }
  if (priority < -1000 || priority > 1000) {
    return Bad("invalid_priority", "اولویت باید بین ۱۰۰۰- و ۱۰۰۰ باشد.", "priority");
  }
  store::RoutingRule rule{.council_id = council,
                          .agency_id = agency_id,
                          .keywords = kw,
                          .priority = priority,
                          .created_by = ActorId(actor),
                          .created_at = env_->NowMillis()};
  for (size_t i = 0; i < type_list.size(); ++i) rule.types += (i ? "," : "") + type_list[i];
  std::vector<store::RoutingRule> all;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    auto a = store::GetAgency(c, agency_id);
    if (!a.ok() || a->council_id != council)
      return Bad("unknown_agency", "دستگاه انتخاب‌شده وجود ندارد.", "agency_id");
    POL_ASSIGN_OR_RETURN(rule.id, store::InsertRoutingRule(c, rule));
    POL_ASSIGN_OR_RETURN(all, store::ListRoutingRules(c, council));
    return accounts::Audit(c, actor, rule.created_at, "create", "routing_rule", std::to_string(rule.id),
                           {council, agency_id}, {{"keywords", kw}, {"types", rule.types}});
  }));
  router_->SetRules(council, ToRules(all));
  return rule;
}

Status RequestService::DeleteRule(const Actor& actor, int64_t rule_id) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CanManageRouting(actor, council)) return RoutingDenied();
  std::vector<store::RoutingRule> all;
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto r, store::GetRoutingRule(c, rule_id));
    if (!r || r->council_id != council) return NotFound("قاعده پیدا نشد.");
    POL_RETURN_IF_ERROR(store::DeleteRoutingRule(c, rule_id));
    POL_ASSIGN_OR_RETURN(all, store::ListRoutingRules(c, council));
    return accounts::Audit(c, actor, now, "delete", "routing_rule", std::to_string(rule_id),
                           {council, r->agency_id});
  }));
  router_->SetRules(council, ToRules(all));
  return Status::Ok();
}

Status RequestService::LoadRouting() {
  return db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto councils, store::ListCouncils(c));
    for (const auto& co : councils) {
      POL_ASSIGN_OR_RETURN(auto m, store::LoadRoutingModel(c, co.id));
      if (m) {
        auto model = NaiveBayes::FromJson(json::parse(m->model, nullptr, false));
        if (model.ok()) {
          router_->SetModel(co.id, std::make_shared<const NaiveBayes>(std::move(*model)));
        } else {
          spdlog::warn("routing model of council {}: {}", co.id, model.status().ToString());
        }
      }
      POL_ASSIGN_OR_RETURN(auto rules, store::ListRoutingRules(c, co.id));
      router_->SetRules(co.id, ToRules(rules));
    }
    return Status::Ok();
  });
}

StatusOr<RoutingInfo> RequestService::TrainCouncil(int64_t council_id,
                                                   const std::vector<LabelledRequest>& seed) {
  std::vector<LabelledText> samples;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    store::AgencyFilter f{.council_id = council_id, .limit = 1000};
    POL_ASSIGN_OR_RETURN(auto agencies, store::ListAgencies(c, f));
    std::map<std::string, int64_t> by_slug;
    for (const auto& a : agencies.first) by_slug[a.slug] = a.id;
    for (const auto& s : seed) {
      if (auto it = by_slug.find(s.agency); it != by_slug.end())
        samples.push_back({s.subject + "\n" + s.text, it->second});
    }
    POL_ASSIGN_OR_RETURN(auto rows, store::RoutingTrainingRows(c, council_id));
    for (const auto& r : rows) samples.push_back({r.subject + "\n" + r.text, r.agency_id});
    return Status::Ok();
  }));
  TrainReport report;
  NaiveBayes model = TrainWithHoldout(samples, &report);
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    return store::SaveRoutingModel(
        c, {council_id, model.ToJson().dump(), report.samples, report.held_out, report.accuracy, now});
  }));
  router_->SetModel(council_id, std::make_shared<const NaiveBayes>(std::move(model)));
  return RoutingInfo{report.samples, report.held_out, report.accuracy, now, router_->min_confidence(), {}};
}

StatusOr<RoutingInfo> RequestService::Retrain(const Actor& actor) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CanManageRouting(actor, council)) return RoutingDenied();
  POL_ASSIGN_OR_RETURN(RoutingInfo info, TrainCouncil(council, ParseLabelledSet(ShippedLabelledSet())));
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    return accounts::Audit(c, actor, info.trained_at, "retrain", "routing_model", std::to_string(council),
                           {council, {}}, {{"samples", info.samples}, {"accuracy", info.accuracy}});
  }));
  return Routing(actor);
}

void RequestService::ScheduleRetrain(Conn& c, int64_t council_id, int64_t now) {
  if (!queue_) return;
  // One retraining per council per minute at most; corrections in between ride along.
  auto s = queue_->EnqueueIn(
      c, {.kind = kRetrainJobKind,
          .payload_json = json{{"council_id", council_id}}.dump(),
          .run_at = now + 5000,
          .dedup_key = "citizen.retrain:" + std::to_string(council_id) + ":" + std::to_string(now / 60000)});
  if (!s.ok()) spdlog::warn("citizen: scheduling retraining: {}", s.status().ToString());
}

}  // namespace pol::citizen
