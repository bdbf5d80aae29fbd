#include "media/storage.h"

#include <filesystem>

#include "base/file.h"

namespace pol::media {
namespace {

namespace fs = std::filesystem;

class DiskFileStore final : public FileStore {
 public:
  explicit DiskFileStore(std::string root) : root_(std::move(root)) {}

  Status Put(const std::string& key, std::string_view data) override {
    if (!ValidKey(key)) return Internal("invalid media key: " + key);
    const fs::path target = root_ / key;
    // The data folder is private to Pol's user: folders 0700, files 0600 (served through Pol only).
    POL_RETURN_IF_ERROR(CreateDirectories(target.parent_path().string(), 0700));
    return WriteFileAtomic(target.string(), data, 0600);
  }

  StatusOr<std::string> Get(const std::string& key) override {
    if (!ValidKey(key)) return NotFound();
    auto data = ReadFile((root_ / key).string());
    if (!data.ok() && data.status().code() == StatusCode::kNotFound) return NotFound("فایل رسانه پیدا نشد.");
    return data;
  }

  bool Exists(const std::string& key) override {
    std::error_code ec;
    return ValidKey(key) && fs::is_regular_file(root_ / key, ec);
  }

  Status Remove(const std::string& key) override {
    if (!ValidKey(key)) return Internal("invalid media key: " + key);
    const fs::path target = root_ / key;
    std::error_code ec;
    if (!fs::remove(target, ec)) {
      if (ec) return Internal("could not remove " + target.string() + ": " + ec.message());
      return Status::Ok();
    }
    return SyncDirectory(target.parent_path().string());
  }

 private:
  const fs::path root_;
};

}  // namespace

bool ValidKey(std::string_view key) {
  if (key.empty() || key.size() > 200 || key.front() == '/' || key.find("..") != std::string_view::npos)
    return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '/')) return false;
  }
  return true;
}

std::unique_ptr<FileStore> NewDiskFileStore(std::string root) {
  return std::make_unique<DiskFileStore>(std::move(root));
}

}  // namespace pol::media
