#include "cli/backup_manifest.h"

#include <charconv>

namespace pol::cli {
namespace {

Status Invalid(const std::string& why) {
  return InvalidArgument("invalid_backup", "این پوشه پشتیبان کامل پل نیست (" + why + ").");
}

template <typename T>
bool ParseNumber(std::string_view s, T& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

// Splits off the text before the first space.
std::string_view Word(std::string_view& line) {
  size_t sp = line.find(' ');
  std::string_view w = line.substr(0, sp);
  line = sp == std::string_view::npos ? std::string_view() : line.substr(sp + 1);
  return w;
}

}  // namespace

bool SafeRelativePath(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.back() == '/') return false;
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string_view part = path.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

std::string RenderManifest(const BackupManifest& m) {
  std::string out = "pol-backup 1\nbackend " + m.backend + "\nschema_version " +
                    std::to_string(m.schema_version) + "\ncreated_at_ms " + std::to_string(m.created_at_ms) +
                    "\n";
  for (const BackupEntry& f : m.files) {
    out += "file " + f.sha256 + " " + std::to_string(f.bytes) + " " + f.path + "\n";
  }
  out += "end " + std::to_string(m.files.size()) + "\n";
  return out;
}

StatusOr<BackupManifest> ParseManifest(std::string_view text) {
  BackupManifest m;
  bool header = false, ended = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return Invalid("the manifest is cut short");
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (ended) return Invalid("text after the end of the manifest");
    std::string_view key = Word(line);
    if (!header) {
      if (key != "pol-backup" || line != "1") return Invalid("not a manifest of format 1");
      header = true;
    } else if (key == "backend") {
      m.backend = std::string(line);
    } else if (key == "schema_version") {
      if (!ParseNumber(line, m.schema_version)) return Invalid("bad schema_version");
    } else if (key == "created_at_ms") {
      if (!ParseNumber(line, m.created_at_ms)) return Invalid("bad created_at_ms");
    } else if (key == "file") {
      BackupEntry f;
      f.sha256 = std::string(Word(line));
      if (f.sha256.size() != 64 || !ParseNumber(Word(line), f.bytes) || !SafeRelativePath(line)) {
        return Invalid("a bad file line");
      }
      f.path = std::string(line);
      m.files.push_back(std::move(f));
    } else if (key == "end") {
      size_t n = 0;
      if (!ParseNumber(line, n) || n != m.files.size()) return Invalid("the file count does not match");
      ended = true;
    } else {
      return Invalid("an unknown line");
    }
  }
  if (!ended) return Invalid("the manifest is cut short");
  if (m.backend.empty() || m.files.empty() || m.files.front().path != kBackupDatabaseName) {
    return Invalid("no database in the manifest");
  }
  return m;
}

}  // namespace pol::cli
