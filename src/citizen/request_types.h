// The vocabulary of citizens' requests: the request types in form order, the Persian names of
// types and states, the masked mobile shown in lists, and the labelled set the router trains on.
//
// Thread-safety: pure functions over constant data.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pol::citizen {

// The request types, in form order: code and Persian name.
struct RequestType {
  const char* code;
  const char* name;
};
const std::vector<RequestType>& RequestTypes();
// Whether `code` is one of RequestTypes().
bool IsRequestType(std::string_view code);
std::string TypeName(const std::string& code);
std::string StateName(const std::string& state);
// "0912***6789".
std::string MaskMobile(const std::string& mobile);

// Reads a labelled set (JSON lines: {"agency": slug, "type", "subject", "text"}).
struct LabelledRequest {
  std::string agency, type, subject, text;
};
std::vector<LabelledRequest> ParseLabelledSet(std::string_view jsonl);
// The labelled set shipped with Pol (tests/data/citizen-requests.jsonl, compiled in).
std::string_view ShippedLabelledSet();

}  // namespace pol::citizen
