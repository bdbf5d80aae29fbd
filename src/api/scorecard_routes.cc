// /api/v1/insight/scorecard: the PR units' scorecards (insight/scorecard.h, docs/insight.md).
//   GET  /formulas                                  the formula catalogue
//   GET  /template?council_id=&kind=season|year     the template (the default until one is stored)
//   PUT  /template?council_id=&kind=                {items: [...], version}
//   GET  /periods?council_id=                       the council's periods
//   POST /periods                                   {council_id, period: "1405-3" | "1405"}
//   GET  /periods/{id}                              the ranked table with every agency's items
//   GET  /periods/{id}/agencies/{agency_id}         one agency's card
//   PUT  /periods/{id}/scores                       {agency_id, item, score (1–5), note}
//   POST /periods/{id}/evidence?agency_id=&item=&file_name=   the file itself is the body
//   GET  /evidence/{id}                             an evidence file
//   DELETE /evidence/{id}                           deletes it (the agency, until the period closes)
//   POST /periods/{id}/close                        freezes the snapshot
//   GET  /periods/{id}/export?format=pdf|xlsx       a closed period's scorecard
#include <set>

#include "api/json_io.h"
#include "api/routes.h"
#include "insight/scorecard.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Json OptNum(const std::optional<double>& v) { return v ? Json(*v) : Json(); }

Json ItemJson(const insight::ScorecardItem& it) {
  return Json{{"index_code", it.index_code},
              {"index_name", it.index_name},
              {"code", it.code},
              {"name", it.name},
              {"formula", it.formula},
              {"weight", it.weight},
              {"max_score", it.max_score},
              {"floor", it.floor_value},
              {"target", it.target_value},
              {"lower_is_better", insight::LowerIsBetter(it)}};
}

Json PeriodJson(const store::ScorecardPeriodRow& p) {
  return Json{{"id", p.id},
              {"council_id", p.council_id},
              {"kind", p.kind},
              {"code", insight::ScorecardPeriodCode(p)},
              {"label", insight::ScorecardPeriodLabel(p)},
              {"year", p.year},
              {"season", p.season},
              {"from", p.from_ms},
              {"to", p.to_ms},
              {"status", p.status},
              {"version", p.version},
              {"created_at", p.created_at},
              {"closed_at", OptJson(p.closed_at)}};
}

Json EvidenceJson(const store::ScorecardEvidenceRow& e) {
  return Json{{"id", e.id},
              {"agency_id", e.agency_id},
              {"item", e.item_code},
              {"file_name", e.file_name},
              {"content_type", e.content_type},
              {"size", e.size},
              {"uploaded_at", e.uploaded_at},
              {"url", "/api/v1/insight/scorecard/evidence/" + std::to_string(e.id)}};
}

Json CardJson(const insight::AgencyScore& s) {
  Json items = Json::array();
  for (const insight::ItemScore& i : s.items) {
    Json ev = Json::array();
    for (const auto& e : i.evidence) ev.push_back(EvidenceJson(e));
    Json j = ItemJson(i.item);
    j["raw"] = OptNum(i.raw);
    j["points"] = i.points;
    j["max_points"] = i.max_points;
    j["metric"] = i.metric.empty() ? Json() : Json(i.metric);
    // The drill-down: the list route + filter that produced the figure, and the same records as XLSX.
    j["records"] =
        i.records_href.empty() ? Json() : Json{{"href", i.records_href}, {"export", i.records_export_href}};
    j["note"] = i.note;
    j["evidence"] = std::move(ev);
    items.push_back(std::move(j));
  }
  return Json{{"agency_id", s.agency_id},
              {"agency_name", s.agency_name},
              {"total", s.total},
              {"max_total", s.max_total},
              {"rank", s.rank},
              {"previous_total", OptNum(s.previous_total)},
              {"delta", s.previous_total ? Json(s.total - *s.previous_total) : Json()},
              {"items", std::move(items)}};
}

Json ViewJson(const insight::ScorecardView& v) {
  Json agencies = Json::array();
  for (const auto& s : v.agencies) agencies.push_back(CardJson(s));
  return Json{{"period", PeriodJson(v.period)},
              {"council_name", v.council_name},
              {"previous_period_id", OptJson(v.previous_period_id)},
              {"agencies", std::move(agencies)}};
}

StatusOr<double> NumberField(const Json& j, const char* name, const std::string& where) {
  if (!j.contains(name) || !j[name].is_number())
    return InvalidArgument("invalid_field", "مقدار «" + std::string(name) + "» باید عدد باشد.", where + name);
  return j[name].get<double>();
}

StatusOr<std::string> TextField(const Json& j, const char* name, const std::string& where) {
  if (!j.contains(name) || !j[name].is_string())
    return InvalidArgument("invalid_field", "مقدار «" + std::string(name) + "» باید متن باشد.", where + name);
  return j[name].get<std::string>();
}

// The template's items from the body; a manual item may leave floor and target out.
StatusOr<std::vector<insight::ScorecardItem>> ParseItems(const Json& items) {
  if (!items.is_array())
    return InvalidArgument("invalid_field", "زیرشاخص‌ها (items) باید فهرست باشد.",
                           "items");
  if (items.size() > static_cast<size_t>(insight::kMaxTemplateItems))
    return InvalidArgument("invalid_template", "حداکثر ۱۰۰ زیرشاخص.", "items");
  std::vector<insight::ScorecardItem> out;
  for (size_t i = 0; i < items.size(); ++i) {
    const Json& j = items[i];
    const std::string at = "items[" + std::to_string(i) + "].";
    if (!j.is_object()) return InvalidArgument("invalid_field", "هر زیرشاخص باید شیء باشد.", at);
    for (auto field = j.begin(); field != j.end(); ++field) {
      static const std::set<std::string> kAllowed = {"index_code", "index_name",     "code",      "name",
                                                     "formula",    "weight",         "max_score", "floor",
                                                     "target",     "lower_is_better"};
      if (!kAllowed.contains(field.key()))
        return InvalidArgument("unknown_field", "فیلد «" + field.key() + "» شناخته نیست.", at + field.key());
    }
    insight::ScorecardItem it;
    POL_ASSIGN_OR_RETURN(it.index_code, TextField(j, "index_code", at));
    POL_ASSIGN_OR_RETURN(it.index_name, TextField(j, "index_name", at));
    POL_ASSIGN_OR_RETURN(it.code, TextField(j, "code", at));
    POL_ASSIGN_OR_RETURN(it.name, TextField(j, "name", at));
    POL_ASSIGN_OR_RETURN(it.formula, TextField(j, "formula", at));
    POL_ASSIGN_OR_RETURN(it.weight, NumberField(j, "weight", at));
    POL_ASSIGN_OR_RETURN(it.max_score, NumberField(j, "max_score", at));
    if (insight::IsManual(it)) {
      it.floor_value = 1;
      it.target_value = 5;
    } else {
      POL_ASSIGN_OR_RETURN(it.floor_value, NumberField(j, "floor", at));
      POL_ASSIGN_OR_RETURN(it.target_value, NumberField(j, "target", at));
    }
    out.push_back(std::move(it));
  }
  return out;
}

Json TemplateJson(const insight::ScorecardTemplateView& t) {
  Json items = Json::array();
  for (const auto& it : t.items) items.push_back(ItemJson(it));
  return Json{{"council_id", t.council_id},
              {"kind", t.kind},
              {"version", t.version},
              {"is_default", t.version == 0},
              {"items", std::move(items)}};
}

Response File(std::string bytes, const std::string& type, const std::string& name) {
  Response out = Response::Text(std::move(bytes), type);
  out.With("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return out;
}

}  // namespace

void RegisterScorecardRoutes(http::Router& r, const Services& services) {
  const insight::ScorecardService* s = services.scorecards;
  r.Add(V::get, "/api/v1/insight/scorecard/formulas", Access::kSession, [](Request&) {
    Json out = Json::array();
    for (const auto& f : insight::FormulaCatalogue())
      out.push_back(Json{{"code", std::string(f.code)},
                         {"name", std::string(f.name)},
                         {"unit", std::string(f.unit)},
                         {"metric", std::string(f.metric)}});
    out.push_back(
        Json{{"code", "manual"}, {"name", "دستی (۱ تا ۵، با مستند)"}, {"unit", "score"}, {"metric", ""}});
    return Response::MakeJson(Json{{"items", std::move(out)}});
  });
  r.Add(V::get, "/api/v1/insight/scorecard/template", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t council, RequiredQueryId(req, "council_id"));
    POL_TRY(auto t, s->GetTemplate(ActorOf(req), council, QueryFilter(req, "kind").value_or("season")));
    return Response::MakeJson(TemplateJson(t));
  });
  r.Add(V::put, "/api/v1/insight/scorecard/template", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t council, RequiredQueryId(req, "council_id"));
    POL_TRY(Fields f, Fields::From(req, {"items", "version"}));
    POL_TRY(std::optional<int64_t> version, VersionFrom(req, f));
    POL_TRY(auto items, ParseItems(f.json().contains("items") ? f.json()["items"] : Json()));
    POL_TRY(auto t, s->PutTemplate(ActorOf(req), council, QueryFilter(req, "kind").value_or("season"), items,
                                   version));
    return Response::MakeJson(TemplateJson(t));
  });
  r.Add(V::get, "/api/v1/insight/scorecard/periods", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t council, RequiredQueryId(req, "council_id"));
    POL_TRY(auto periods, s->ListPeriods(ActorOf(req), council));
    Json items = Json::array();
    for (const auto& p : periods) items.push_back(PeriodJson(p));
    return Response::MakeJson(Json{{"items", std::move(items)}});
  });
  r.Add(V::post, "/api/v1/insight/scorecard/periods", Access::kSession, [s](Request& req) {
    POL_TRY(Fields f, Fields::From(req, {"council_id", "period"}));
    POL_TRY(std::optional<int64_t> council, f.Int("council_id"));
    if (!council)
      return Response::Error(InvalidArgument("missing_field", "شورا (council_id) را بدهید.", "council_id"));
    POL_TRY(std::string period, f.RequiredStr("period", 20));
    POL_TRY(auto p, s->CreatePeriod(ActorOf(req), *council, period));
    return Response::MakeJson(PeriodJson(p), 201);
  });
  r.Add(V::get, "/api/v1/insight/scorecard/periods/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto v, s->GetPeriod(ActorOf(req), id));
    return Response::MakeJson(ViewJson(v));
  });
  r.Add(V::get, "/api/v1/insight/scorecard/periods/{id}/agencies/{agency_id}", Access::kSession,
        [s](Request& req) {
          POL_TRY(int64_t id, req.IdParam());
          POL_TRY(int64_t agency, req.IdParam("agency_id"));
          POL_TRY(auto card, s->GetCard(ActorOf(req), id, agency));
          return Response::MakeJson(CardJson(card));
        });
  r.Add(V::put, "/api/v1/insight/scorecard/periods/{id}/scores", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"agency_id", "item", "score", "note"}));
    POL_TRY(std::optional<int64_t> agency, f.Int("agency_id"));
    if (!agency)
      return Response::Error(InvalidArgument("missing_field", "دستگاه (agency_id) را بدهید.", "agency_id"));
    POL_TRY(std::string item, f.RequiredStr("item", 40));
    POL_TRY(double score, NumberField(f.json(), "score", ""));
    POL_TRY(std::optional<std::string> note, f.Str("note", 4000));
    Status st = s->SetScore(ActorOf(req), id, *agency, item, score, note.value_or(""));
    if (!st.ok()) return Response::Error(st);
    POL_TRY(auto card, s->GetCard(ActorOf(req), id, *agency));
    return Response::MakeJson(CardJson(card));
  });
  r.Add(V::post, "/api/v1/insight/scorecard/periods/{id}/evidence", Access::kSession,
        [s](Request& req) {
          POL_TRY(int64_t id, req.IdParam());
          POL_TRY(int64_t agency, RequiredQueryId(req, "agency_id"));
          const std::string item = QueryFilter(req, "item").value_or("");
          const std::string name = QueryFilter(req, "file_name").value_or("");
          POL_TRY(auto e, s->UploadEvidence(ActorOf(req), id, agency, item, name, req.body));
          return Response::MakeJson(EvidenceJson(e), 201);
        },
        {.body_limit = static_cast<size_t>(insight::kMaxEvidenceBytes) + 1024 * 1024});
  r.Add(V::get, "/api/v1/insight/scorecard/evidence/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto e, s->GetEvidence(ActorOf(req), id));
    return File(std::move(e.second), e.first.content_type,
                "evidence-" + std::to_string(e.first.id) +
                    (e.first.content_type == "application/pdf" ? ".pdf"
                     : e.first.content_type == "image/png"     ? ".png"
                     : e.first.content_type == "image/webp"    ? ".webp"
                                                               : ".jpg"));
  });
  r.Add(V::delete_, "/api/v1/insight/scorecard/evidence/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    Status st = s->DeleteEvidence(ActorOf(req), id);
    if (!st.ok()) return Response::Error(st);
    return Response::NoContent();
  });
  r.Add(V::post, "/api/v1/insight/scorecard/periods/{id}/close", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto v, s->Close(ActorOf(req), id));
    return Response::MakeJson(ViewJson(v));
  });
  r.Add(V::get, "/api/v1/insight/scorecard/periods/{id}/export", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto f, s->Export(ActorOf(req), id, QueryFilter(req, "format").value_or("pdf")));
    return File(std::move(f.bytes), f.content_type, f.file_name);
  });
}

}  // namespace pol::api
