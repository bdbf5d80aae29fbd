#include "distribution/form_data.h"

#include <sodium.h>

namespace pol::distribution {
namespace {

std::string HexHash(const std::string& seed, int round) {
  unsigned char hash[16];
  const std::string s = seed + "#" + std::to_string(round);
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(s.data()), s.size(), nullptr,
                     0);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char ch : hash) {
    out.push_back(hex[ch >> 4]);
    out.push_back(hex[ch & 15]);
  }
  return out;
}

bool OccursIn(const std::vector<FormPart>& parts, const std::string& boundary) {
  for (const FormPart& p : parts) {
    if (p.value.find(boundary) != std::string::npos || p.name.find(boundary) != std::string::npos ||
        p.filename.find(boundary) != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace

std::string FormFileName(const std::string& name) {
  std::string out;
  for (char ch : name) {
    if (ch == '"') {
      out += "%22";
    } else if (ch == '\r') {
      out += "%0D";
    } else if (ch == '\n') {
      out += "%0A";
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

FormData BuildFormData(const std::vector<FormPart>& parts) {
  std::string seed;
  for (const FormPart& p : parts) seed += p.name + "\n" + std::to_string(p.value.size()) + "\n";
  std::string boundary;
  for (int round = 0;; ++round) {
    boundary = "----pol-form-" + HexHash(seed, round);
    if (!OccursIn(parts, boundary)) break;
  }
  FormData f;
  f.content_type = "multipart/form-data; boundary=" + boundary;
  for (const FormPart& p : parts) {
    f.body += "--" + boundary + "\r\n";
    f.body += "Content-Disposition: form-data; name=\"" + FormFileName(p.name) + "\"";
    if (!p.filename.empty()) {
      f.body += "; filename=\"" + FormFileName(p.filename) + "\"\r\n";
      f.body += "Content-Type: " +
                (p.content_type.empty() ? std::string("application/octet-stream") : p.content_type);
    }
    f.body += "\r\n\r\n";
    f.body += p.value;
    f.body += "\r\n";
  }
  f.body += "--" + boundary + "--\r\n";
  return f;
}

}  // namespace pol::distribution
