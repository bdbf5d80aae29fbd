// Distribution: /api/v1/channels (secrets write-only, shown masked), /api/v1/press-lists and their
// contacts (JSON or CSV import), /api/v1/releases/{id}/deliveries, /api/v1/deliveries (the failed ones),
// /api/v1/deliveries/{id}/retry|cancel, the failed deliveries of bulletins, alerts and corrections/withdrawals
// (/api/v1/outbox/failed) and their retry (/api/v1/outbox/{kind}/{id}/retry),
// and the public unsubscribe page /unsubscribe/{token} (GET shows a form that works without JS; POST
// unsubscribes — also the RFC 8058 one-click POST of mail clients).
#include "api/json_io.h"
#include "api/routes.h"
#include "distribution/distributor.h"
#include "distribution/outbox.h"
#include "text/html_escape.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Json ChannelJson(const distribution::ChannelView& v) {
  const store::Channel& ch = v.channel;
  return Json{{"id", ch.id},
              {"council_id", ch.council_id},
              {"agency_id", OptJson(ch.agency_id)},
              {"kind", ch.kind},
              {"kind_name", distribution::KindPersianName(ch.kind)},
              {"name", ch.name},
              {"config", v.config.ToJson()},
              {"secret_set", !ch.secret.empty()},
              {"secret_hint", ch.secret_hint},
              {"enabled", ch.enabled},
              {"version", ch.version},
              {"created_at", ch.created_at},
              {"updated_at", ch.updated_at}};
}

Json ListJson(const store::PressList& l) {
  return Json{{"id", l.id},           {"council_id", l.council_id}, {"agency_id", OptJson(l.agency_id)},
              {"name", l.name},       {"contacts", l.contacts},     {"unsubscribed", l.unsubscribed},
              {"version", l.version}, {"created_at", l.created_at}, {"updated_at", l.updated_at}};
}

Json ContactJson(const store::PressContact& c) {
  return Json{{"id", c.id},
              {"list_id", c.list_id},
              {"outlet", c.outlet},
              {"name", c.name},
              {"email", c.email},
              {"beats", c.beats},
              {"unsubscribed_at", OptJson(c.unsubscribed_at)},
              {"created_at", c.created_at}};
}

std::string StateName(const std::string& s) {
  if (s == "queued") return "در صف";
  if (s == "sending") return "در حال ارسال";
  if (s == "sent") return "ارسال شد";
  if (s == "failed") return "ناموفق";
  if (s == "cancelled") return "لغو شد";
  return s;
}

Json DeliveryJson(const distribution::DeliveryView& v) {
  const store::Delivery& d = v.delivery;
  return Json{{"id", d.id},
              {"release_id", d.release_id},
              {"channel_id", d.channel_id},
              {"channel_kind", v.channel_kind},
              {"channel_name", v.channel_name},
              {"recipient", d.recipient},
              {"state", d.state},
              {"state_name", StateName(d.state)},
              {"attempts", d.attempts},
              {"max_attempts", d.max_attempts},
              {"next_at", d.next_at},
              {"message_id", d.message_id},
              {"url", d.url},
              {"error_code", d.error_code},
              {"error_fa", d.error_fa},
              {"error_detail", d.error_detail},
              {"created_at", d.created_at},
              {"updated_at", d.updated_at},
              {"sending_at", OptJson(d.sending_at)},
              {"sent_at", OptJson(d.sent_at)}};
}

const char* OutboxKindPersian(store::OutboxKind k) {
  switch (k) {
    case store::OutboxKind::kBulletin:
      return "بولتن خبری";
    case store::OutboxKind::kAlert:
      return "هشدار پایش";
    case store::OutboxKind::kReleaseUpdate:
      return "اصلاحیه یا پس‌گرفتن";
  }
  return "";
}

Json OutboxJson(const distribution::OutboxView& v) {
  const store::OutboxItem& o = v.item;
  const store::OutboxStatus& s = o.status;
  std::string kind_name = OutboxKindPersian(o.kind);
  if (o.kind == store::OutboxKind::kReleaseUpdate)
    kind_name = o.event == "withdrawn" ? "پس‌گرفتن خبر" : "اصلاحیهٔ خبر";
  return Json{{"kind", store::OutboxKindName(o.kind)},
              {"kind_name", kind_name},
              {"id", s.id},
              {"council_id", o.council_id},
              {"agency_id", OptJson(o.agency_id)},
              {"channel_id", OptJson(o.channel_id)},
              {"channel_kind", o.channel_kind},
              {"channel_name", o.channel_name},
              {"recipient", o.recipient},
              {"title", o.title},
              {"event", o.event},
              {"ref_id", o.ref_id},
              {"link", o.link},
              {"state", s.state},
              {"state_name", StateName(s.state)},
              {"attempts", s.attempts},
              {"error_code", s.error_code},
              {"error_fa", s.error_fa},
              {"error_detail", s.error_detail},
              {"created_at", o.created_at},
              {"updated_at", s.updated_at},
              {"sent_at", OptJson(s.sent_at)},
              {"retryable", v.retryable}};
}

StatusOr<store::OutboxKind> ParseKind(const std::string& k, const char* field) {
  auto kind = store::ParseOutboxKind(k);
  if (!kind) {
    return InvalidArgument("invalid_kind", "نوع ارسال باید یکی از bulletin، alert یا release_update باشد.",
                           field);
  }
  return *kind;
}

StatusOr<distribution::ChannelInput> ReadChannel(const Request& req, bool create) {
  POL_ASSIGN_OR_RETURN(Fields f, Fields::From(req, {"version", "council_id", "agency_id", "kind", "name",
                                                    "config", "secret", "enabled"}));
  distribution::ChannelInput in;
  if (!create) {
    POL_ASSIGN_OR_RETURN(in.version, VersionFrom(req, f));
  }
  POL_ASSIGN_OR_RETURN(in.council_id, f.Int("council_id"));
  POL_ASSIGN_OR_RETURN(in.agency_id, f.Int("agency_id"));
  POL_ASSIGN_OR_RETURN(in.kind, f.Str("kind", 20));
  POL_ASSIGN_OR_RETURN(in.name, f.Str("name", 1000));
  POL_ASSIGN_OR_RETURN(in.secret, f.Str("secret", 2000));
  POL_ASSIGN_OR_RETURN(in.enabled, f.Bool("enabled"));
  if (auto it = f.json().find("config"); it != f.json().end() && !it->is_null()) {
    if (!it->is_object())
      return InvalidArgument("invalid_field", "تنظیمات کانال باید یک شیء باشد.", "config");
    in.config = f.Take("config");
  }
  return in;
}

Json ReportJson(const distribution::ImportReport& r) {
  Json problems = Json::array();
  for (const auto& p : r.problems) {
    problems.push_back({{"line", p.line}, {"email", p.email}, {"code", p.code}, {"message", p.message}});
  }
  return Json{
      {"added", r.added}, {"updated", r.updated}, {"rejected", r.problems.size()}, {"problems", problems}};
}

std::string Esc(std::string_view s) { return text::EscapeHtml(s); }

Response Page(int status, const std::string& title, const std::string& body) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" +
      Esc(title) +
      "</title><style>body{font-family:Vazirmatn,Tahoma,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;"
      "line-height:1.9;color:#222}button{font:inherit;padding:.4rem 1.2rem;border-radius:.4rem;border:1px solid #0d6efd;"
      "background:#0d6efd;color:#fff;cursor:pointer}.muted{color:#666}</style></head><body><main><h1>" +
      Esc(title) + "</h1>" + body + "</main></body></html>\n";
  Response r = Response::Text(std::move(html), "text/html; charset=utf-8", status);
  r.With("Cache-Control", "no-store").With("Referrer-Policy", "no-referrer");
  return r;
}

// The rows of {"contacts": [{email, name, outlet, beats}, …]}.
StatusOr<std::vector<distribution::ContactInput>> ReadContacts(const Json& rows) {
  std::vector<distribution::ContactInput> contacts;
  for (const Json& x : rows) {
    if (!x.is_object()) {
      return InvalidArgument("invalid_field", "هر ردیف باید یک شیء باشد.", "contacts");
    }
    distribution::ContactInput c;
    for (const auto& [k, v] : x.items()) {
      if (!v.is_string() || v.get_ref<const std::string&>().size() > 2000) {
        return InvalidArgument("invalid_field", "مقدار «" + k + "» باید متن باشد.", "contacts");
      }
      if (k == "email") {
        c.email = v.get<std::string>();
      } else if (k == "name") {
        c.name = v.get<std::string>();
      } else if (k == "outlet") {
        c.outlet = v.get<std::string>();
      } else if (k == "beats") {
        c.beats = v.get<std::string>();
      } else {
        return InvalidArgument("unknown_field", "بخش ناشناخته در ردیف: " + k, "contacts");
      }
    }
    contacts.push_back(std::move(c));
  }
  return contacts;
}

// The channels of a release's distribution, the public site first.
Json ChannelsJson(const distribution::ReleaseDistribution& dist) {
  const store::Release& rel = dist.release;
  const bool live = rel.status == "published" || rel.status == "corrected";
  Json channels = Json::array();
  // The public site and its feeds count as a channel.
  channels.push_back({{"channel_id", nullptr},
                      {"kind", "site"},
                      {"kind_name", distribution::KindPersianName("site")},
                      {"name", "پایگاه خبری و خوراک‌ها"},
                      {"state", live ? "sent" : (rel.status == "scheduled" ? "queued" : "none")},
                      {"url", live ? dist.article_url : ""},
                      {"sent_at", live ? OptJson(rel.published_at) : Json()},
                      {"queued", live ? 0 : 1},
                      {"sent", live ? 1 : 0},
                      {"failed", 0},
                      {"cancelled", 0},
                      {"sending", 0}});
  for (const auto& c : dist.channels) {
    std::string state = c.failed ? "failed" : (c.queued || c.sending) ? "queued" : c.sent ? "sent" : "queued";
    if (!c.failed && !c.queued && !c.sending && !c.sent && c.cancelled) state = "cancelled";
    channels.push_back({{"channel_id", c.channel_id},
                        {"kind", c.kind},
                        {"kind_name", distribution::KindPersianName(c.kind)},
                        {"name", c.name},
                        {"state", state},
                        {"queued", c.queued},
                        {"sending", c.sending},
                        {"sent", c.sent},
                        {"failed", c.failed},
                        {"cancelled", c.cancelled},
                        {"last_at", c.last_at}});
  }
  return channels;
}

Response UnsubscribeNotFound() {
  return Page(404, "پیوند نامعتبر", "<p>این پیوند لغو اشتراک معتبر نیست یا منقضی شده است.</p>");
}

void RegisterChannelRoutes(http::Router& r, distribution::Distributor* d) {
  r.Add(V::get, "/api/v1/channels", Access::kSession, [d](Request& req) {
    POL_TRY(auto council_id, QueryId(req, "council_id"));
    POL_TRY(auto agency_id, QueryId(req, "agency_id"));
    POL_TRY(auto list, d->ListChannels(ActorOf(req), council_id, agency_id));
    Json items = Json::array();
    for (const auto& v : list) items.push_back(ChannelJson(v));
    return Response::MakeJson(Json{{"items", items}});
  });
  r.Add(V::post, "/api/v1/channels", Access::kSession, [d](Request& req) {
    POL_TRY(auto in, ReadChannel(req, true));
    POL_TRY(auto v, d->CreateChannel(ActorOf(req), in));
    return Versioned(ChannelJson(v), v.channel.version, 201)
        .With("Location", "/api/v1/channels/" + std::to_string(v.channel.id));
  });
  r.Add(V::get, "/api/v1/channels/{id}", Access::kSession, [d](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto v, d->GetChannel(ActorOf(req), id));
    return Versioned(ChannelJson(v), v.channel.version);
  });
  r.Add(V::patch, "/api/v1/channels/{id}", Access::kSession, [d](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, ReadChannel(req, false));
    POL_TRY(auto v, d->UpdateChannel(ActorOf(req), id, in));
    return Versioned(ChannelJson(v), v.channel.version);
  });
  r.Add(V::post, "/api/v1/channels/{id}/test", Access::kSession, [d](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto t, d->TestChannel(ActorOf(req), id));
    return Response::MakeJson(Json{{"ok", t.ok},
                                   {"message_id", t.message_id},
                                   {"url", t.url},
                                   {"error_code", t.error_code},
                                   {"error_fa", t.error_fa},
                                   {"error_detail", t.detail}});
  });
}

void RegisterPressListRoutes(http::Router& r, distribution::Distributor* d) {
  r.Add(V::get, "/api/v1/press-lists", Access::kSession, [d](Request& req) {
    POL_TRY(auto lists, d->ListPressLists(ActorOf(req)));
    Json items = Json::array();
    for (const auto& l : lists) items.push_back(ListJson(l));
    return Response::MakeJson(Json{{"items", items}});
  });
  r.Add(V::post, "/api/v1/press-lists", Access::kSession, [d](Request& req) {
    POL_TRY(Fields f, Fields::From(req, {"council_id", "agency_id", "name"}));
    POL_TRY(auto council_id, f.Int("council_id"));
    POL_TRY(auto agency_id, f.Int("agency_id"));
    POL_TRY(std::string name, f.RequiredStr("name", 1000));
    if (!council_id && !agency_id) {
      return Response::Error(
          InvalidArgument("required", "دستگاه یا شورای صاحب فهرست را انتخاب کنید.", "agency_id"));
    }
    POL_TRY(auto l, d->CreatePressList(ActorOf(req), council_id.value_or(0), agency_id, name));
    return Response::MakeJson(ListJson(l), 201);
  });
  r.Add(V::get, "/api/v1/press-lists/{id}/contacts", Access::kSession, [d](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Paging p, ParsePaging(req));
    POL_TRY(auto page, d->ListContacts(ActorOf(req), id, p.per_page, p.offset()));
    Json items = Json::array();
    for (const auto& c : page.first) items.push_back(ContactJson(c));
    return Response::MakeJson(PageJson(std::move(items), p, page.second));
  });
  // {"contacts": [{email, name, outlet, beats}, …]} or {"csv": "email,name,outlet,beats\n…"}.
  r.Add(V::post, "/api/v1/press-lists/{id}/contacts", Access::kSession, [d](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(Fields f, Fields::From(req, {"contacts", "csv"}));
    POL_TRY(auto csv, f.Str("csv", 4 * 1024 * 1024));
    std::vector<distribution::ContactInput> contacts;
    distribution::ImportReport pre;
    if (csv) {
      POL_TRY(contacts, distribution::Distributor::ParseContactsCsv(*csv, pre));
    } else if (auto it = f.json().find("contacts"); it != f.json().end() && it->is_array()) {
      POL_TRY(contacts, ReadContacts(*it));
    } else {
      return Response::Error(InvalidArgument(
          "required", "فهرست نشانی‌ها (contacts) یا پروندهٔ CSV لازم است.",
          "contacts"));
    }
    POL_TRY(auto report, d->ImportContacts(ActorOf(req), id, contacts));
    return Response::MakeJson(ReportJson(report));
  });
}

void RegisterDeliveryRoutes(http::Router& r, distribution::Distributor* d) {
  r.Add(V::get, "/api/v1/releases/{id}/deliveries", Access::kSession, [d](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto dist, d->ForRelease(ActorOf(req), id));
    const store::Release& rel = dist.release;
    Json channels = ChannelsJson(dist);
    Json items = Json::array();
    for (const auto& v : dist.deliveries) items.push_back(DeliveryJson(v));
    return Response::MakeJson(
        Json{{"release_id", rel.id}, {"status", rel.status}, {"channels", channels}, {"items", items}});
  });
  // The failed deliveries of the channels the person manages (the distribution screen's list).
  r.Add(V::get, "/api/v1/deliveries", Access::kSession, [d](Request& req) {
    POL_TRY(Paging p, ParsePaging(req));
    POL_TRY(auto agency_id, QueryId(req, "agency_id"));
    if (auto state = QueryFilter(req, "state"); state && *state != "failed") {
      return Response::Error(InvalidArgument(
          "invalid_field",
          "این فهرست فقط ارسال‌های ناموفق را نشان می‌دهد (state=failed).",
          "state"));
    }
    POL_TRY(auto page, d->ListFailed(ActorOf(req), agency_id, p.per_page, p.offset()));
    Json items = Json::array();
    for (const auto& f : page.first) {
      Json j = DeliveryJson(f.view);
      j["council_id"] = f.council_id;
      j["agency_id"] = OptJson(f.agency_id);
      j["release_title"] = f.release_title;
      j["release_status"] = f.release_status;
      j["retryable"] = f.retryable;
      items.push_back(std::move(j));
    }
    return Response::MakeJson(PageJson(std::move(items), p, page.second));
  });
  r.Add(V::post, "/api/v1/deliveries/{id}/retry", Access::kSession, [d](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto v, d->Retry(ActorOf(req), id));
    return Response::MakeJson(DeliveryJson(v));
  });
  r.Add(V::post, "/api/v1/deliveries/{id}/cancel", Access::kSession, [d](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto v, d->Cancel(ActorOf(req), id));
    return Response::MakeJson(DeliveryJson(v));
  });
}

// The failed bulletin, alert and correction/withdrawal deliveries in the same scope, and their retry.
void RegisterOutboxRoutes(http::Router& r, const Services& s) {
  // A retry gets the attempts the distributor gives every delivery (DistributorOptions::max_attempts).
  const int64_t attempts =
      s.distribution ? s.distribution->max_attempts() : distribution::DistributorOptions{}.max_attempts;
  auto outbox = std::make_shared<distribution::OutboxService>(s.db, s.env, attempts);
  r.Add(V::get, "/api/v1/outbox/failed", Access::kSession, [outbox](Request& req) {
    POL_TRY(Paging p, ParsePaging(req));
    POL_TRY(auto agency_id, QueryId(req, "agency_id"));
    std::optional<store::OutboxKind> kind;
    if (auto k = QueryFilter(req, "kind")) {
      POL_TRY(kind, ParseKind(*k, "kind"));
    }
    POL_TRY(auto page, outbox->ListFailed(ActorOf(req), kind, agency_id, p.per_page, p.offset()));
    Json items = Json::array();
    for (const auto& v : page.first) items.push_back(OutboxJson(v));
    return Response::MakeJson(PageJson(std::move(items), p, page.second));
  });
  r.Add(V::post, "/api/v1/outbox/{kind}/{id}/retry", Access::kSession, [outbox](Request& req) {
    POL_TRY(auto kind, ParseKind(req.params["kind"], "kind"));
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto v, outbox->Retry(ActorOf(req), kind, id));
    return Response::MakeJson(OutboxJson(v));
  });
}

void RegisterUnsubscribeRoutes(http::Router& r, distribution::Distributor* d) {
  r.Add(V::get, "/unsubscribe/{token}", Access::kPublic, [d](Request& req) {
    auto info = d->UnsubscribeInfo(req.params["token"]);
    if (!info.ok()) return UnsubscribeNotFound();
    const auto& [contact, list] = *info;
    if (contact.unsubscribed_at) {
      return Page(
          200, "اشتراک لغو شده است",
          "<p>نشانی <bdi>" + Esc(contact.email) + "</bdi> پیش از این از فهرست «" + Esc(list) +
              "» خارج شده است و خبری برای آن فرستاده نمی‌شود.</p>");
    }
    return Page(
        200, "لغو اشتراک خبرنامه",
        "<p>با زدن دکمهٔ زیر، نشانی <bdi>" + Esc(contact.email) + "</bdi> از فهرست «" + Esc(list) +
            "» خارج می‌شود و دیگر خبرنامه‌ای دریافت نمی‌کند.</p><form method=\"post\" action=\"/unsubscribe/" +
            Esc(req.params["token"]) + "\"><button type=\"submit\">لغو اشتراک</button></form>");
  });
  r.Add(V::post, "/unsubscribe/{token}", Access::kPublic, [d](Request& req) {
    Status st = d->Unsubscribe(req.params["token"]);
    if (st.code() == StatusCode::kNotFound) return UnsubscribeNotFound();
    if (!st.ok()) return Response::Error(st);
    return Page(
        200, "اشتراک شما لغو شد",
        "<p>از این پس خبرنامهٔ این فهرست برای شما فرستاده نمی‌شود.</p><p class=\"muted\">اگر اشتباهی رخ داده است، "
        "به روابط عمومی دستگاه خبر دهید.</p>");
  });
}

}  // namespace

void RegisterDistributionRoutes(http::Router& r, const Services& s) {
  auto* d = s.distribution;  // null only where routes are listed but not served (openapi_test)
  RegisterChannelRoutes(r, d);
  RegisterPressListRoutes(r, d);
  RegisterDeliveryRoutes(r, d);
  RegisterOutboxRoutes(r, s);
  RegisterUnsubscribeRoutes(r, d);
}

}  // namespace pol::api
