// The press bulletin's schedule and archive (insight/bulletin_schedule.h, issue 12 §4).
//   GET  /api/v1/insight/bulletin/schedules?council_id=       the council's schedules (daily, weekly)
//   PUT  /api/v1/insight/bulletin/schedules                   {"council_id","period":"day|week","time":"HH:MM",
//                                                              "weekday":0-6,"enabled":true,"channel_ids":[…]}
//                                                              (channel_ids: the recipients, e-mail and
//                                                              messenger channels of the council)
//   POST /api/v1/insight/bulletin/run                         {"council_id","period"} — make one now (202)
//   GET  /api/v1/insight/bulletin/archive?council_id=         archived bulletins, newest first (200 at most),
//                                                              each with its deliveries per channel and state
//   GET  /api/v1/insight/bulletin/archive/{id}?format=pdf|html  one archived bulletin (PDF as an attachment)
// Who: insight/bulletin_schedule_policy.h. The routes enqueue on the same durable queue as the module's
// job handler (a Queue over the same database; the workers' next poll finds the job).
#include <algorithm>
#include <memory>

#include "api/json_io.h"
#include "api/routes.h"
#include "insight/bulletin_schedule.h"
#include "text/jalali.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

std::string HourMinute(int64_t minute) {
  const auto two = [](int64_t n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  return two(minute / 60) + ":" + two(minute % 60);
}

Json ScheduleJson(const store::BulletinScheduleRow& r) {
  return Json{{"council_id", r.council_id},  {"period", r.period},   {"time", HourMinute(r.minute_of_day)},
              {"weekday", r.weekday},        {"enabled", r.enabled}, {"updated_at", r.updated_at},
              {"channel_ids", r.channel_ids}};
}

// Per channel: {channel_id, kind, name, queued, sending, sent, failed, cancelled, url, error}.
Json DeliveriesJson(const std::vector<store::BulletinDeliveryCount>& counts) {
  Json out = Json::array();
  for (const auto& x : counts) {
    if (out.empty() || out.back()["channel_id"] != x.channel_id) {
      out.push_back(Json{{"channel_id", x.channel_id},
                         {"kind", x.channel_kind},
                         {"name", x.channel_name},
                         {"queued", 0},
                         {"sending", 0},
                         {"sent", 0},
                         {"failed", 0},
                         {"cancelled", 0},
                         {"url", ""},
                         {"error", ""},
                         {"last_at", 0}});
    }
    Json& ch = out.back();
    if (ch.contains(x.state)) ch[x.state] = x.count;
    if (x.state == "sent" && !x.url.empty()) ch["url"] = x.url;
    if (x.state == "failed") ch["error"] = x.error_fa;
    ch["last_at"] = std::max(ch["last_at"].get<int64_t>(), x.last_at);
  }
  return out;
}

Json ArchiveJson(const store::BulletinArchiveRow& r) {
  return Json{{"id", r.id},
              {"council_id", r.council_id},
              {"period", r.period},
              {"first_day", r.first_day},
              {"label", r.label},
              {"file_name", r.file_name},
              {"source", r.source},
              {"slot_at", r.slot_at},
              {"created_at", r.created_at},
              {"pdf_bytes", r.pdf_bytes},
              {"deliveries", DeliveriesJson(r.deliveries)}};
}

struct Scheduling {
  jobs::Queue queue;
  insight::BulletinScheduler scheduler;
  explicit Scheduling(const Services& s) : queue(s.db, s.env), scheduler(s.db, s.env, &queue, s.bulletins) {}
};

}  // namespace

void RegisterBulletinScheduleRoutes(http::Router& r, const Services& s) {
  auto sch = std::make_shared<Scheduling>(s);
  r.Add(V::get, "/api/v1/insight/bulletin/schedules", Access::kSession, [sch](Request& req) {
    POL_TRY(int64_t council_id, RequiredQueryId(req, "council_id"));
    POL_TRY(auto list, sch->scheduler.Schedules(ActorOf(req), council_id));
    Json items = Json::array();
    for (const auto& x : list) items.push_back(ScheduleJson(x));
    return Response::MakeJson({{"items", items}});
  });
  r.Add(V::put, "/api/v1/insight/bulletin/schedules", Access::kSession, [sch](Request& req) {
    POL_TRY(Fields f,
            Fields::From(req, {"council_id", "period", "time", "weekday", "enabled", "channel_ids"}));
    POL_TRY(auto council, f.Int("council_id"));
    if (!council)
      return Response::Error(InvalidArgument("missing_field", "شورا (council_id) را بدهید.", "council_id"));
    insight::BulletinScheduleInput in{.council_id = *council};
    POL_TRY(in.period, f.RequiredStr("period", 10));
    POL_TRY(in.time, f.RequiredStr("time", 10));
    POL_TRY(auto weekday, f.Int("weekday"));
    in.weekday = weekday.value_or(0);
    POL_TRY(auto enabled, f.Bool("enabled"));
    in.enabled = enabled.value_or(true);
    if (auto it = f.json().find("channel_ids"); it != f.json().end() && !it->is_null()) {
      const Status bad = InvalidArgument(
          "invalid_field",
          "کانال‌های گیرنده باید فهرستی از شناسه‌های کانال باشند.",
          "channel_ids");
      if (!it->is_array() || it->size() > 50) return Response::Error(bad);
      std::vector<int64_t> ids;
      for (const Json& x : *it) {
        if (!x.is_number_integer() || x.get<int64_t>() <= 0) return Response::Error(bad);
        ids.push_back(x.get<int64_t>());
      }
      in.channel_ids = std::move(ids);
    }
    POL_TRY(auto row, sch->scheduler.SetSchedule(ActorOf(req), in));
    return Response::MakeJson({{"schedule", ScheduleJson(row)}});
  });
  r.Add(V::post, "/api/v1/insight/bulletin/run", Access::kSession, [sch](Request& req) {
    POL_TRY(Fields f, Fields::From(req, {"council_id", "period"}));
    POL_TRY(auto council, f.Int("council_id"));
    if (!council)
      return Response::Error(InvalidArgument("missing_field", "شورا (council_id) را بدهید.", "council_id"));
    POL_TRY(std::string period, f.RequiredStr("period", 10));
    POL_TRY(int64_t job, sch->scheduler.RunNow(ActorOf(req), *council, period));
    return Response::MakeJson({{"job_id", job}}, 202);
  });
  r.Add(V::get, "/api/v1/insight/bulletin/archive", Access::kSession, [sch](Request& req) {
    POL_TRY(int64_t council_id, RequiredQueryId(req, "council_id"));
    POL_TRY(auto list, sch->scheduler.Archive(ActorOf(req), council_id));
    Json items = Json::array();
    for (const auto& x : list) items.push_back(ArchiveJson(x));
    return Response::MakeJson({{"items", items}});
  });
  r.Add(V::get, "/api/v1/insight/bulletin/archive/{id}", Access::kSession, [sch](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    const std::string format = QueryFilter(req, "format").value_or("pdf");
    POL_TRY(auto file, sch->scheduler.ArchivedBulletin(ActorOf(req), id, format));
    Response out = Response::Text(std::move(file.bytes), file.content_type);
    out.With("Content-Disposition", std::string(format == "html" ? "inline" : "attachment") +
                                        "; filename=\"" + file.file_name + "\"");
    return out;
  });
}

}  // namespace pol::api
