#include "messenger/bot_api.h"

#include "distribution/channels.h"
#include "net/http_client.h"

namespace pol::messenger {

using nlohmann::json;

bool BotCall::Blocked() const {
  return status == 403 && (description.find("blocked") != std::string::npos ||
                           description.find("deactivated") != std::string::npos ||
                           description.find("kicked") != std::string::npos);
}

std::string OfficialBaseUrl(const std::string& kind) { return distribution::DefaultBaseUrl(kind); }

BotApi::BotApi(const std::string& kind, const std::string& base_url, std::string token)
    : base_(base_url.empty() ? OfficialBaseUrl(kind) : base_url), token_(std::move(token)) {
  while (!base_.empty() && base_.back() == '/') base_.pop_back();
}

BotCall BotApi::Call(const std::string& method, const json& body, int64_t timeout_ms) const {
  net::RequestLimits limits;
  limits.timeout_ms = timeout_ms;
  limits.max_response_bytes = 4 << 20;  // a batch of 100 updates stays far below
  net::HttpResult res =
      net::HttpSend({.url = base_ + "/bot" + token_ + "/" + method, .body = body.dump(), .limits = limits});
  BotCall out;
  out.status = res.status;
  out.refused = res.refused;
  json answer = json::parse(res.body, nullptr, false);
  if (!answer.is_object()) return out;
  if (answer.contains("description") && answer["description"].is_string())
    out.description = answer["description"].get<std::string>();
  if (answer.contains("parameters") && answer["parameters"].is_object() &&
      answer["parameters"].contains("retry_after") && answer["parameters"]["retry_after"].is_number_integer())
    out.retry_after_s = answer["parameters"]["retry_after"].get<int64_t>();
  out.ok = res.status == 200 && answer.value("ok", false) && answer.contains("result");
  if (out.ok) out.result = std::move(answer["result"]);
  return out;
}

std::string BotApi::Download(const std::string& file_id, int64_t max_bytes, std::string& error) const {
  BotCall f = Call("getFile", json{{"file_id", file_id}});
  if (!f.ok || !f.result.is_object() || !f.result.contains("file_path") ||
      !f.result["file_path"].is_string()) {
    error = "getFile failed (HTTP " + std::to_string(f.status) + ")";
    return "";
  }
  if (f.result.contains("file_size") && f.result["file_size"].is_number_integer() &&
      f.result["file_size"].get<int64_t>() > max_bytes) {
    error = "too_large";
    return "";
  }
  net::RequestLimits limits;
  limits.max_response_bytes = max_bytes;
  net::HttpResult res =
      net::HttpSend({.method = "GET",
                     .url = base_ + "/file/bot" + token_ + "/" + f.result["file_path"].get<std::string>(),
                     .limits = limits});
  if (res.too_large) {
    error = "too_large";
    return "";
  }
  if (res.status != 200) {
    error = "download failed (HTTP " + std::to_string(res.status) + ")";
    return "";
  }
  return res.body;
}

}  // namespace pol::messenger
