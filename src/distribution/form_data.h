// multipart/form-data (RFC 7578) for uploading a document to a messenger's HTTP API (Bot API sendDocument,
// Eitaa sendFile). Field values are UTF-8 as they are; a file part's name goes in `filename="…"` as raw
// UTF-8 with `"`, CR and LF percent-encoded (RFC 7578 §4.2, what browsers send and the Bot API reads).
// The boundary is derived from the content (a hash), checked not to occur in any part.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

namespace pol::distribution {

struct FormPart {
  std::string name, value;
  std::string filename, content_type;  // a file part when filename is not empty
};

struct FormData {
  std::string content_type;  // "multipart/form-data; boundary=…"
  std::string body;
};

FormData BuildFormData(const std::vector<FormPart>& parts);

// The filename as a quoted-string's content: `"` → %22, CR → %0D, LF → %0A; other bytes as they are.
std::string FormFileName(const std::string& name);

}  // namespace pol::distribution
