// /api/v1/monitor/…: media monitoring — sources and their health, the monitoring feed (search), an item
// with its mentions and reused passages, tone overrides, release coverage, charts, watch terms, alert
// rules and saved searches. Logic and access checks live in monitor/monitor.h.
#include <charconv>

#include "api/json_io.h"
#include "api/routes.h"
#include "text/html_escape.h"
#include "text/jalali.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Json OptJ(const std::optional<int64_t>& v) { return v ? Json(*v) : Json(); }

Json SourceJson(const store::MonitorSource& s) {
  return Json{{"id", s.id},
              {"council_id", s.council_id},
              {"name", s.name},
              {"url", s.url},
              {"kind", s.kind},
              {"outlet_type", s.outlet_type},
              {"tier", s.tier},
              {"reach_weight", s.reach_weight},
              {"language", s.language},
              {"fetch_interval_s", s.fetch_interval_s},
              {"selectors", Json::parse(s.selectors, nullptr, false)},
              {"enabled", s.enabled},
              {"health",
               {{"healthy", s.healthy},
                {"last_fetch_at", OptJ(s.last_fetch_at)},
                {"last_success_at", OptJ(s.last_success_at)},
                {"last_error_at", OptJ(s.last_error_at)},
                {"last_error", s.last_error},
                {"items_total", s.items_total},
                {"items_last_day", s.items_last_day}}},
              {"version", s.version},
              {"created_at", s.created_at},
              {"updated_at", s.updated_at}};
}

Json ItemJson(const store::MediaItem& m, bool full) {
  Json j{{"id", m.id},
         {"council_id", m.council_id},
         {"source_id", OptJ(m.source_id)},
         {"source_name", m.source_name},
         {"tier", m.tier},
         {"outlet", m.outlet},
         {"url", m.url},
         {"canonical_url", m.canonical_url},
         {"title", m.title},
         {"lead", m.lead},
         {"author", m.author},
         {"published_at", OptJ(m.published_at)},
         {"fetched_at", m.fetched_at},
         {"tone", m.tone_override ? *m.tone_override : m.tone},
         {"tone_classifier", m.tone},
         {"tone_confidence", m.tone_confidence},
         {"tone_override", m.tone_override ? Json(*m.tone_override) : Json()}};
  if (full) {
    j["body"] = m.body;
    j["images"] = Json::parse(m.images, nullptr, false);
    j["fingerprint"] = m.fingerprint;
  }
  if (!m.snippet.empty()) j["snippet"] = text::SnippetToHtml(m.snippet);
  return j;
}

Json PickupJson(const store::PickupRow& p) {
  return Json{{"release_id", p.release_id},
              {"release_title", p.release_title},
              {"item_id", p.item_id},
              {"item_title", p.item_title},
              {"item_url", p.item_url},
              {"outlet", p.outlet},
              {"source_name", p.source_name},
              {"tier", p.tier},
              {"reach_weight", p.reach_weight},
              {"containment", p.containment},
              {"kind", p.kind},
              {"paragraphs", Json::parse(p.paragraphs, nullptr, false)},
              {"item_published_at", OptJ(p.item_published_at)},
              {"item_fetched_at", p.item_fetched_at}};
}

// A time bound: unix ms, or a Jalali date ("۱۴۰۴/۰۳/۲۰", "20 خرداد 1404"; the day's start in Tehran,
// or the next day's start for an upper bound).
StatusOr<std::optional<int64_t>> TimeParam(const Request& req, const std::string& name, bool upper) {
  auto v = req.Query(name);
  if (!v || v->empty()) return std::optional<int64_t>();
  bool digits = true;
  for (char c : *v) digits = digits && c >= '0' && c <= '9';
  if (digits && v->size() >= 10) {
    int64_t ms = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), ms);
    if (ec != std::errc() || end != v->data() + v->size())
      return InvalidArgument("invalid_date", "زمان «" + *v + "» خارج از بازه است.", name);
    return std::optional<int64_t>(ms);
  }
  auto j = text::ParseJalali(*v);
  if (!j.ok()) return InvalidArgument("invalid_date", "تاریخ «" + *v + "» درست نیست.", name);
  int64_t days = text::DaysFromJalali(*j) + (upper ? 1 : 0);
  return std::optional<int64_t>(text::UnixFromTehran({text::CivilFromDays(days), 0}) * 1000);
}

Json StatsJson(const monitor::MonitorStats& st) {
  Json mentions = Json::array(), pickup_rates = Json::array();
  for (const auto& b : st.mentions) {
    mentions.push_back({{"agency_id", b.agency_id},
                        {"day", text::FormatJalali(text::JalaliFromDays(b.day), "yyyy/MM/dd", true)},
                        {"tone", b.tone},
                        {"items", b.items}});
  }
  for (const auto& r : st.pickup_rates) {
    const text::JalaliDate month{
        .year = static_cast<int>(r.month / 100), .month = static_cast<int>(r.month % 100), .day = 1};
    pickup_rates.push_back({{"agency_id", r.agency_id},
                            {"month", r.month},
                            {"month_name", text::FormatJalali(month, "MMMM yyyy")},
                            {"releases", r.releases},
                            {"picked_up", r.picked_up},
                            {"rate", r.rate}});
  }
  return Json{{"mentions", mentions}, {"pickup_rates", pickup_rates}};
}

StatusOr<monitor::SourceInput> ReadSource(const Request& req, bool create) {
  POL_ASSIGN_OR_RETURN(
      Fields f, Fields::From(req, {"version", "council_id", "name", "url", "kind", "outlet_type", "tier",
                                   "reach_weight", "language", "fetch_interval_s", "selectors", "enabled"}));
  monitor::SourceInput in;
  if (!create) {
    POL_ASSIGN_OR_RETURN(in.version, VersionFrom(req, f));
  }
  POL_ASSIGN_OR_RETURN(in.council_id, f.Int("council_id"));
  POL_ASSIGN_OR_RETURN(in.name, f.Str("name", 500));
  POL_ASSIGN_OR_RETURN(in.url, f.Str("url", 2000));
  POL_ASSIGN_OR_RETURN(in.kind, f.Str("kind", 20));
  POL_ASSIGN_OR_RETURN(in.outlet_type, f.Str("outlet_type", 40));
  POL_ASSIGN_OR_RETURN(in.tier, f.Str("tier", 20));
  POL_ASSIGN_OR_RETURN(in.language, f.Str("language", 10));
  POL_ASSIGN_OR_RETURN(in.fetch_interval_s, f.Int("fetch_interval_s"));
  POL_ASSIGN_OR_RETURN(in.enabled, f.Bool("enabled"));
  const Json& j = f.json();
  if (auto it = j.find("reach_weight"); it != j.end() && !it->is_null()) {
    if (!it->is_number())
      return InvalidArgument("invalid_field", "وزن دسترسی باید عدد باشد.", "reach_weight");
    in.reach_weight = it->get<double>();
  }
  if (auto it = j.find("selectors"); it != j.end() && !it->is_null()) in.selectors = f.Take("selectors");
  return in;
}

StatusOr<int64_t> RequiredId(const Request& req, const std::string& name) {
  POL_ASSIGN_OR_RETURN(auto v, QueryId(req, name));
  if (!v) return InvalidArgument("required", "پارامتر «" + name + "» لازم است.", name);
  return *v;
}

Json ItemViewJson(const monitor::ItemView& v) {
  Json j = ItemJson(v.item, true);
  Json mentions = Json::array();
  for (const auto& m : v.mentions) {
    mentions.push_back({{"agency_id", m.agency_id},
                        {"term_id", m.term_id},
                        {"term", m.term},
                        {"count", m.count},
                        {"spans", Json::parse(m.spans, nullptr, false)}});
  }
  j["mentions"] = mentions;
  j["text"] = monitor::ItemText(v.item);  // mention spans are byte ranges in this text
  Json pickups = Json::array();
  for (const auto& p : v.pickups) {
    Json pj = PickupJson(p);
    auto paragraphs = v.release_paragraphs.find(p.release_id);
    pj["release_paragraphs"] =
        paragraphs == v.release_paragraphs.end() ? std::vector<std::string>{} : paragraphs->second;
    pickups.push_back(pj);
  }
  j["pickups"] = pickups;
  return j;
}

Json CoverageJson(const monitor::Coverage& cov) {
  Json outlets = Json::array();
  for (const auto& o : cov.outlets) {
    Json pj = PickupJson(o.pickup);
    pj["delay_ms"] = OptJ(o.delay_ms);
    outlets.push_back(pj);
  }
  return Json{{"release_id", cov.release_id},           {"title", cov.title},
              {"published_at", OptJ(cov.published_at)}, {"paragraphs", cov.paragraphs},
              {"paragraph_uses", cov.paragraph_uses},   {"outlets", outlets},
              {"first_at", OptJ(cov.first_at)},         {"first_delay_ms", OptJ(cov.first_delay_ms)},
              {"reach_weighted", cov.reach_weighted}};
}

Json WatchTermJson(const store::WatchTermRow& w) {
  return Json{{"id", w.id},
              {"agency_id", w.agency_id},
              {"kind", w.kind},
              {"term", w.term},
              {"created_at", w.created_at}};
}

Json RuleJson(const store::AlertRule& a) {
  return Json{{"id", a.id},           {"council_id", a.council_id}, {"agency_id", OptJ(a.agency_id)},
              {"kind", a.kind},       {"threshold", a.threshold},   {"window_minutes", a.window_minutes},
              {"enabled", a.enabled}, {"created_at", a.created_at}};
}

// GET /items: the query string as an ItemQuery (ids, Jalali or unix-ms bounds, tier, tone, paging).
StatusOr<monitor::ItemQuery> ReadItemQuery(const Request& req, const Paging& paging) {
  monitor::ItemQuery q;
  q.q = req.Query("q").value_or("");
  POL_ASSIGN_OR_RETURN(q.council_id, QueryId(req, "council_id"));
  POL_ASSIGN_OR_RETURN(q.source_id, QueryId(req, "source_id"));
  POL_ASSIGN_OR_RETURN(q.agency_id, QueryId(req, "agency_id"));
  POL_ASSIGN_OR_RETURN(q.release_id, QueryId(req, "release_id"));
  POL_ASSIGN_OR_RETURN(q.from, TimeParam(req, "from", false));
  POL_ASSIGN_OR_RETURN(q.to, TimeParam(req, "to", true));
  if (auto t = req.Query("tier"); t && !t->empty()) q.tier = *t;
  if (auto t = req.Query("tone"); t && !t->empty()) {
    if (*t != "positive" && *t != "neutral" && *t != "negative") {
      return InvalidArgument("invalid_field", "لحن باید positive، neutral یا negative باشد.", "tone");
    }
    q.tone = *t;
  }
  // about=agencies: only items that mention one of the agencies (the console's default); about=all: every
  // imported item, national and international news included.
  if (auto about = QueryFilter(req, "about"); about && *about != "all") {
    if (*about != "agencies") {
      return InvalidArgument("invalid_field", "«about» باید agencies یا all باشد.", "about");
    }
    q.about_agencies = true;
  }
  q.limit = paging.per_page;
  q.offset = paging.offset();
  return q;
}

StatusOr<store::AlertRule> ReadAlertRule(const Request& req) {
  POL_ASSIGN_OR_RETURN(Fields f,
                       Fields::From(req, {"council_id", "agency_id", "kind", "threshold", "window_minutes"}));
  POL_ASSIGN_OR_RETURN(auto council, f.Int("council_id"));
  if (!council) return InvalidArgument("required", "شورا را مشخص کنید.", "council_id");
  store::AlertRule rule;
  rule.council_id = *council;
  POL_ASSIGN_OR_RETURN(rule.agency_id, f.Int("agency_id"));
  POL_ASSIGN_OR_RETURN(rule.kind, f.RequiredStr("kind", 40));
  POL_ASSIGN_OR_RETURN(auto threshold, f.Int("threshold"));
  POL_ASSIGN_OR_RETURN(auto window, f.Int("window_minutes"));
  rule.threshold = threshold.value_or(0);
  rule.window_minutes = window.value_or(60);
  return rule;
}

void RegisterSourceRoutes(http::Router& r, const Services& s) {
  r.Add(V::get, "/api/v1/monitor/sources", Access::kSession, [s](Request& req) {
    POL_TRY(auto council, QueryId(req, "council_id"));
    POL_TRY(auto list, s.monitoring->ListSources(ActorOf(req), council));
    Json items = Json::array();
    for (const auto& x : list) items.push_back(SourceJson(x));
    return Response::MakeJson(Json{{"items", items}});
  });
  r.Add(V::post, "/api/v1/monitor/sources", Access::kSession, [s](Request& req) {
    POL_TRY(auto in, ReadSource(req, true));
    POL_TRY(auto src, s.monitoring->CreateSource(ActorOf(req), in));
    return Versioned(SourceJson(src), src.version, 201);
  });
  r.Add(V::get, "/api/v1/monitor/sources/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto src, s.monitoring->GetSource(ActorOf(req), id));
    return Versioned(SourceJson(src), src.version);
  });
  r.Add(V::patch, "/api/v1/monitor/sources/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, ReadSource(req, false));
    POL_TRY(auto src, s.monitoring->UpdateSource(ActorOf(req), id, in));
    return Versioned(SourceJson(src), src.version);
  });
  r.Add(V::delete_, "/api/v1/monitor/sources/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    if (Status st = s.monitoring->DeleteSource(ActorOf(req), id); !st.ok()) return Response::Error(st);
    return Response::NoContent();
  });
  r.Add(V::post, "/api/v1/monitor/sources/{id}/fetch", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(int64_t job, s.monitoring->FetchNow(ActorOf(req), id));
    return Response::MakeJson(Json{{"job_id", job}}, 202);
  });
}

// The monitoring feed (search), an item, tone corrections, a release's coverage, the charts.
void RegisterItemRoutes(http::Router& r, const Services& s) {
  r.Add(V::get, "/api/v1/monitor/items", Access::kSession, [s](Request& req) {
    POL_TRY(Paging paging, ParsePaging(req));
    POL_TRY(monitor::ItemQuery q, ReadItemQuery(req, paging));
    POL_TRY(auto page, s.monitoring->Search(ActorOf(req), q));
    Json items = Json::array();
    for (const auto& m : page.items) items.push_back(ItemJson(m, false));
    Json out = PageJson(items, paging, page.total);
    out["total_capped"] = page.total_capped;  // more than `total` matches; the page is the newest of them
    return Response::MakeJson(out);
  });
  r.Add(V::get, "/api/v1/monitor/items/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto v, s.monitoring->GetItem(ActorOf(req), id));
    return Response::MakeJson(ItemViewJson(v));
  });
  r.Add(V::put, "/api/v1/monitor/items/{id}/tone", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"tone"}));
    POL_TRY(auto tone, f.Str("tone", 20));
    POL_TRY(auto item, s.monitoring->SetTone(ActorOf(req), id, tone.value_or("")));
    return Response::MakeJson(ItemJson(item, false));
  });
  r.Add(V::get, "/api/v1/monitor/releases/{id}/coverage", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto cov, s.monitoring->ReleaseCoverage(ActorOf(req), id));
    return Response::MakeJson(CoverageJson(cov));
  });
  // ?council_id=&agency_id=&from=&to= — mentions per agency, day (Jalali) and tone; pickup rate per month.
  r.Add(V::get, "/api/v1/monitor/stats", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t council, RequiredId(req, "council_id"));
    POL_TRY(auto agency, QueryId(req, "agency_id"));
    POL_TRY(auto from, TimeParam(req, "from", false));
    POL_TRY(auto to, TimeParam(req, "to", true));
    POL_TRY(auto stats, s.monitoring->Stats(ActorOf(req), council, agency, from.value_or(0),
                                            to.value_or(s.env->NowMillis() + 86400000)));
    return Response::MakeJson(StatsJson(stats));
  });
  r.Add(V::get, "/api/v1/monitor/tone-model", Access::kSession, [s](Request&) {
    monitor::ToneEvaluation e = s.monitoring->EvaluateToneModel();
    return Response::MakeJson(Json{{"accuracy", e.accuracy},
                                   {"train", e.train},
                                   {"test", e.test},
                                   {"labels", {"negative", "neutral", "positive"}},
                                   {"confusion", e.confusion}});
  });
}

// Watch terms, alert rules and saved searches.
void RegisterWatchRoutes(http::Router& r, const Services& s) {
  // ---- Watch terms ----
  r.Add(V::get, "/api/v1/monitor/agencies/{id}/watch-terms", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto list, s.monitoring->ListWatchTerms(ActorOf(req), id));
    Json items = Json::array();
    for (const auto& w : list) items.push_back(WatchTermJson(w));
    return Response::MakeJson(Json{{"items", items}});
  });
  r.Add(V::post, "/api/v1/monitor/agencies/{id}/watch-terms", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"kind", "term"}));
    POL_TRY(auto kind, f.Str("kind", 20));
    POL_TRY(std::string term, f.RequiredStr("term", 500));
    POL_TRY(auto w, s.monitoring->AddWatchTerm(ActorOf(req), id, kind.value_or("name"), term));
    return Response::MakeJson(WatchTermJson(w), 201);
  });
  r.Add(V::delete_, "/api/v1/monitor/watch-terms/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    if (Status st = s.monitoring->DeleteWatchTerm(ActorOf(req), id); !st.ok()) return Response::Error(st);
    return Response::NoContent();
  });

  // ---- Alert rules ----
  r.Add(V::get, "/api/v1/monitor/alert-rules", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t council, RequiredId(req, "council_id"));
    POL_TRY(auto list, s.monitoring->ListAlertRules(ActorOf(req), council));
    Json items = Json::array();
    for (const auto& a : list) items.push_back(RuleJson(a));
    return Response::MakeJson(Json{{"items", items}});
  });
  r.Add(V::post, "/api/v1/monitor/alert-rules", Access::kSession, [s](Request& req) {
    POL_TRY(auto rule, ReadAlertRule(req));
    POL_TRY(auto created, s.monitoring->AddAlertRule(ActorOf(req), rule));
    return Response::MakeJson(RuleJson(created), 201);
  });
  r.Add(V::delete_, "/api/v1/monitor/alert-rules/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    if (Status st = s.monitoring->DeleteAlertRule(ActorOf(req), id); !st.ok()) return Response::Error(st);
    return Response::NoContent();
  });

  // ---- Saved searches ----
  r.Add(V::get, "/api/v1/monitor/saved-searches", Access::kSession, [s](Request& req) {
    POL_TRY(auto list, s.monitoring->ListSavedSearches(ActorOf(req)));
    Json items = Json::array();
    for (const auto& x : list) {
      items.push_back({{"id", x.id},
                       {"name", x.name},
                       {"query", Json::parse(x.query, nullptr, false)},
                       {"created_at", x.created_at}});
    }
    return Response::MakeJson(Json{{"items", items}});
  });
  r.Add(V::post, "/api/v1/monitor/saved-searches", Access::kSession, [s](Request& req) {
    POL_TRY(Fields f, Fields::From(req, {"name", "query"}));
    POL_TRY(std::string name, f.RequiredStr("name", 500));
    Json q = f.json().contains("query") ? f.Take("query") : Json::object();
    POL_TRY(auto saved, s.monitoring->SaveSearch(ActorOf(req), name, q));
    Json out = Json{{"id", saved.id}, {"name", saved.name}, {"created_at", saved.created_at}};
    out["query"] = std::move(q);
    return Response::MakeJson(out, 201);
  });
  r.Add(V::delete_, "/api/v1/monitor/saved-searches/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    if (Status st = s.monitoring->DeleteSavedSearch(ActorOf(req), id); !st.ok()) return Response::Error(st);
    return Response::NoContent();
  });
}

}  // namespace

void RegisterMonitorRoutes(http::Router& r, const Services& s) {
  RegisterSourceRoutes(r, s);
  RegisterItemRoutes(r, s);
  RegisterWatchRoutes(r, s);
}

}  // namespace pol::api
