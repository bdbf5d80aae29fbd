// libFuzzer target: the form parser of the citizens' pages and Open311 (citizen::ParseForm:
// urlencoded and multipart/form-data) on arbitrary bytes. The input's first line is the
// Content-Type, the rest the body. Checks: no crash, errors are the documented ones, at most 50
// parts come back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "citizen/form.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 20) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const size_t nl = in.find('\n');
  std::string_view content_type = in.substr(0, nl);
  std::string_view body = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  auto form = pol::citizen::ParseForm(content_type, body);
  if (!form.ok()) {
    if (form.status().code() != pol::StatusCode::kInvalidArgument) std::abort();
    return 0;
  }
  if (form->fields.size() + form->files.size() > 50) std::abort();
  return 0;
}
