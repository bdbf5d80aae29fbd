#include "media/storage.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/env.h"

namespace pol::media {
namespace {

namespace fs = std::filesystem;

Status IoError(const std::string& what, const fs::path& p) {
  return Internal(what + " " + p.string() + ": " + std::strerror(errno));
}

Status FsyncPath(const fs::path& p, int flags) {
  int fd = ::open(p.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return IoError("open", p);
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : IoError("fsync", p);
}

class DiskFileStore final : public FileStore {
 public:
  explicit DiskFileStore(std::string root) : root_(std::move(root)) {}

  Status Put(const std::string& key, std::string_view data) override {
    if (!ValidKey(key)) return Internal("invalid media key: " + key);
    const fs::path target = root_ / key;
    const fs::path dir = target.parent_path();
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Internal("mkdir " + dir.string() + ": " + ec.message());
    const fs::path tmp =
        dir / ("." + target.filename().string() + "." + RandomHex(Env::Default(), 6) + ".tmp");
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return IoError("create", tmp);
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::write(fd, data.data() + done, data.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        Status s = IoError("write", tmp);
        ::close(fd);
        ::unlink(tmp.c_str());
        return s;
      }
      done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) {
      Status s = IoError("fsync", tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return s;
    }
    ::close(fd);
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
      Status s = IoError("rename", target);
      ::unlink(tmp.c_str());
      return s;
    }
    return FsyncPath(dir, O_RDONLY | O_DIRECTORY);
  }

  StatusOr<std::string> Get(const std::string& key) override {
    if (!ValidKey(key)) return NotFound();
    std::ifstream in(root_ / key, std::ios::binary);
    if (!in) return NotFound("فایل رسانه پیدا نشد.");
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return Internal("read " + (root_ / key).string());
    return std::move(ss).str();
  }

  bool Exists(const std::string& key) override {
    std::error_code ec;
    return ValidKey(key) && fs::is_regular_file(root_ / key, ec);
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
