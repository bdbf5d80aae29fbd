#include "citizen/request_types.h"

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

namespace pol::citizen {
namespace {

const std::vector<RequestType> kTypes = {
    {"question", "پرسش"},      {"complaint", "شکایت"},      {"criticism", "انتقاد"},
    {"suggestion", "پیشنهاد"}, {"appreciation", "قدردانی"}, {"report", "گزارش"},
};

}  // namespace

const std::vector<RequestType>& RequestTypes() { return kTypes; }

bool IsRequestType(std::string_view code) {
  return std::any_of(kTypes.begin(), kTypes.end(), [&](const RequestType& t) { return code == t.code; });
}

std::string TypeName(const std::string& code) {
  for (const auto& t : kTypes) {
    if (code == t.code) return t.name;
  }
  return code;
}

std::string StateName(const std::string& s) {
  if (s == "unverified") return "در انتظار تأیید شمارهٔ همراه";
  if (s == "triage") return "در دبیرخانهٔ شورا برای ارجاع";
  if (s == "open") return "در دست بررسی دستگاه";
  if (s == "answered") return "پاسخ داده شد";
  if (s == "closed") return "بسته شد";
  if (s == "merged") return "ادغام‌شده با درخواست مشابه";
  return s;
}

std::string MaskMobile(const std::string& m) {
  if (m.size() != 11) return m.empty() ? "" : "***";
  return m.substr(0, 4) + "***" + m.substr(7);
}

std::vector<LabelledRequest> ParseLabelledSet(std::string_view jsonl) {
  std::vector<LabelledRequest> out;
  std::istringstream in{std::string(jsonl)};
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    try {
      nlohmann::json j = nlohmann::json::parse(line);
      out.push_back({j.at("agency").get<std::string>(), j.value("type", ""), j.value("subject", ""),
                     j.at("text").get<std::string>()});
    } catch (const std::exception&) {
      continue;
    }
  }
  return out;
}

}  // namespace pol::citizen
