#include "citizen/attachment_store.h"

#include <filesystem>

#include "base/file.h"

namespace pol::citizen {
namespace {

namespace fs = std::filesystem;

constexpr int kFileMode = 0600;  // the data folder is the owner's alone (docs/security.md)
constexpr int kDirMode = 0700;

}  // namespace

std::string SniffAttachmentType(std::string_view d) {
  auto starts = [&](std::string_view p) { return d.size() >= p.size() && d.substr(0, p.size()) == p; };
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts("\x89PNG\r\n\x1A\n")) return "image/png";
  if (d.size() >= 12 && starts("RIFF") && d.substr(8, 4) == "WEBP") return "image/webp";
  if (starts("%PDF-")) return "application/pdf";
  return "";
}

AttachmentStore::AttachmentStore(const std::string& data_dir)
    : dir_((fs::path(data_dir) / "citizen-attachments").string()) {}

std::string AttachmentStore::PathOf(const std::string& sha256) const {
  return (fs::path(dir_) / sha256).string();
}

Status AttachmentStore::Put(const std::string& sha256, std::string_view data) const {
  POL_RETURN_IF_ERROR(CreateDirectories(dir_, kDirMode));
  const std::string path = PathOf(sha256);
  std::error_code ec;
  if (fs::exists(path, ec)) return Status::Ok();
  return WriteFileAtomic(path, data, kFileMode);
}

StatusOr<std::string> AttachmentStore::Get(const std::string& sha256) const {
  return ReadFile(PathOf(sha256));
}

void AttachmentStore::Remove(const std::string& sha256) const {
  std::error_code ec;
  fs::remove(PathOf(sha256), ec);
}

}  // namespace pol::citizen
