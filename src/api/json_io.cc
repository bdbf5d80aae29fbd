#include "api/json_io.h"

#include <charconv>

namespace pol::api {
namespace {

Status WrongType(const char* name, const char* expected) {
  return InvalidArgument("invalid_field", std::string("مقدار این بخش باید ") + expected + " باشد.", name);
}

StatusOr<int64_t> ParsePositive(const std::string& s, const char* name, int64_t max) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 1 || v > max) {
    return InvalidArgument("invalid_query", "مقدار پارامتر نامعتبر است.", name);
  }
  return v;
}

}  // namespace

StatusOr<Fields> Fields::From(const http::Request& req, std::initializer_list<std::string_view> allowed) {
  POL_ASSIGN_OR_RETURN(Json j, req.JsonBody());
  for (const auto& [key, value] : j.items()) {
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (!known) return InvalidArgument("unknown_field", "بخش ناشناخته در درخواست: " + key, key);
  }
  return Fields(std::move(j));
}

Json Fields::Take(const char* name) {
  auto it = j_.find(name);
  if (it == j_.end()) return Json();
  return std::move(*it);
}

StatusOr<std::optional<std::string>> Fields::Str(const char* name, size_t max_bytes) const {
  auto it = j_.find(name);
  if (it == j_.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return WrongType(name, "متن");
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_bytes) return InvalidArgument("too_long", "متن بیش از اندازهٔ مجاز است.", name);
  return std::optional<std::string>(s);
}

StatusOr<std::string> Fields::RequiredStr(const char* name, size_t max_bytes) const {
  POL_ASSIGN_OR_RETURN(auto s, Str(name, max_bytes));
  if (!s || s->empty()) return InvalidArgument("required", "این بخش نباید خالی باشد.", name);
  return *s;
}

StatusOr<std::optional<int64_t>> Fields::Int(const char* name) const {
  auto it = j_.find(name);
  if (it == j_.end() || it->is_null()) return std::optional<int64_t>();
  if (!it->is_number_integer()) return WrongType(name, "عدد صحیح");
  return std::optional<int64_t>(it->get<int64_t>());
}

StatusOr<std::optional<bool>> Fields::Bool(const char* name) const {
  auto it = j_.find(name);
  if (it == j_.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) return WrongType(name, "درست یا نادرست");
  return std::optional<bool>(it->get<bool>());
}

StatusOr<std::optional<std::vector<store::RoleGrant>>> Fields::Roles(const char* name) const {
  auto it = j_.find(name);
  if (it == j_.end() || it->is_null()) return std::optional<std::vector<store::RoleGrant>>();
  if (!it->is_array()) return WrongType(name, "فهرست نقش‌ها");
  std::vector<store::RoleGrant> out;
  for (const Json& g : *it) {
    if (!g.is_object() || !g.contains("role") || !g["role"].is_string())
      return WrongType(name, "فهرست نقش‌ها");
    store::RoleGrant r{g["role"].get<std::string>(), std::nullopt, std::nullopt};
    for (const auto& [k, v] : g.items()) {
      if (k == "role") continue;
      if (k != "council_id" && k != "agency_id")
        return InvalidArgument("unknown_field", "بخش ناشناخته در نقش: " + k, name);
      if (v.is_null()) continue;
      if (!v.is_number_integer()) return WrongType(name, "فهرست نقش‌ها");
      (k == "council_id" ? r.council_id : r.agency_id) = v.get<int64_t>();
    }
    out.push_back(std::move(r));
  }
  return std::optional<std::vector<store::RoleGrant>>(std::move(out));
}

StatusOr<Paging> ParsePaging(const http::Request& req) {
  Paging p;
  if (auto v = req.Query("page")) {
    POL_ASSIGN_OR_RETURN(p.page, ParsePositive(*v, "page", 1000000));
  }
  if (auto v = req.Query("per_page")) {
    POL_ASSIGN_OR_RETURN(p.per_page, ParsePositive(*v, "per_page", 200));
  }
  return p;
}

StatusOr<std::optional<int64_t>> QueryId(const http::Request& req, const std::string& name) {
  auto v = req.Query(name);
  if (!v || v->empty()) return std::optional<int64_t>();
  POL_ASSIGN_OR_RETURN(int64_t id, ParsePositive(*v, name.c_str(), INT64_MAX));
  return std::optional<int64_t>(id);
}

StatusOr<int64_t> RequiredQueryId(const http::Request& req, const std::string& name) {
  POL_ASSIGN_OR_RETURN(auto v, QueryId(req, name));
  if (!v) return InvalidArgument("required", "پارامتر «" + name + "» لازم است.", name);
  return *v;
}

std::optional<std::string> QueryFilter(const http::Request& req, const std::string& name) {
  auto v = req.Query(name);
  if (!v || v->empty()) return std::nullopt;
  return v;
}

Json PageJson(Json items, const Paging& p, int64_t total) {
  return Json{{"items", std::move(items)}, {"page", p.page}, {"per_page", p.per_page}, {"total", total}};
}

StatusOr<std::optional<int64_t>> VersionFrom(const http::Request& req, const Fields& f) {
  POL_ASSIGN_OR_RETURN(auto v, f.Int("version"));
  if (v) return v;
  std::string m = req.Header("If-Match");
  if (m.size() >= 2 && m.front() == '"' && m.back() == '"') m = m.substr(1, m.size() - 2);
  if (m.empty()) return std::optional<int64_t>();
  POL_ASSIGN_OR_RETURN(int64_t parsed, ParsePositive(m, "If-Match", INT64_MAX));
  return std::optional<int64_t>(parsed);
}

Json ToJson(const store::User& u) {
  Json roles = Json::array();
  for (const auto& g : u.roles) {
    roles.push_back(
        {{"role", g.role}, {"council_id", OptJson(g.council_id)}, {"agency_id", OptJson(g.agency_id)}});
  }
  return Json{{"id", u.id},
              {"username", u.username},
              {"name", u.name},
              {"mobile", OptJson(u.mobile)},
              {"email", OptJson(u.email)},
              {"disabled", u.disabled},
              {"created_at", u.created_at},
              {"updated_at", u.updated_at},
              {"last_login_at", OptJson(u.last_login_at)},
              {"version", u.version},
              {"roles", roles}};
}

Json ToJson(const store::Council& c) {
  return Json{{"id", c.id},
              {"slug", c.slug},
              {"name", c.name},
              {"province", c.province},
              {"description", c.description},
              {"version", c.version},
              {"created_at", c.created_at},
              {"updated_at", c.updated_at}};
}

Json ToJson(const store::Agency& a) {
  return Json{{"id", a.id},
              {"council_id", a.council_id},
              {"slug", a.slug},
              {"name", a.name},
              {"short_name", a.short_name},
              {"website", a.website},
              {"pr_email", a.pr_email},
              {"pr_phone", a.pr_phone},
              {"disabled", a.disabled},
              {"version", a.version},
              {"created_at", a.created_at},
              {"updated_at", a.updated_at}};
}

Json ToJson(const store::AuditEntry& e) {
  Json detail = Json::parse(e.detail, nullptr, false);
  if (detail.is_discarded()) detail = Json::object();
  return Json{{"id", e.id},
              {"at", e.at},
              {"actor_id", OptJson(e.actor_id)},
              {"actor_name", e.actor_name},
              {"action", e.action},
              {"entity", e.entity},
              {"entity_id", e.entity_id},
              {"council_id", OptJson(e.council_id)},
              {"agency_id", OptJson(e.agency_id)},
              {"ip", e.ip},
              {"detail", detail}};
}

accounts::Actor ActorOf(const http::Request& req) {
  // Never the system actor: a request without a session gets a principal with no roles.
  static const accounts::Principal kNobody;
  return accounts::Actor{req.session ? &req.session->principal : &kNobody, req.remote_ip};
}

http::Response Versioned(const Json& body, int64_t version, int status) {
  return http::Response::MakeJson(body, status).With("ETag", "\"" + std::to_string(version) + "\"");
}

}  // namespace pol::api
