// HTML form bodies as the citizens' pages and Open311 receive them:
// application/x-www-form-urlencoded, and multipart/form-data (RFC 7578) whose parts with a
// filename are uploads. Malformed bodies are InvalidArgument ("bad_form"); other content types
// "unsupported_media_type". At most 50 parts; boundaries up to 200 bytes.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "citizen/requests.h"

namespace pol::citizen {

struct Form {
  std::map<std::string, std::string> fields;
  std::vector<Upload> files;  // the "attachments" parts with a filename
  std::string Get(const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() ? "" : it->second;
  }
};

StatusOr<Form> ParseForm(std::string_view content_type, std::string_view body);

}  // namespace pol::citizen
