#include "base/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>

#include <sodium.h>

#include "base/env.h"
#include "base/hex.h"

namespace pol {
namespace {

namespace fs = std::filesystem;

Status IoError(const std::string& what, const std::string& path, int err) {
  return Internal(what + " " + path + ": " + std::strerror(err));
}

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError("write", path, n < 0 ? errno : EIO);
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

// Streams `fd` through SHA-256, handing each block to `sink` (may be null).
Status HashStream(int fd, const std::string& path, crypto_hash_sha256_state* st,
                  const std::function<Status(std::string_view)>& sink) {
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("read", path, errno);
    if (n == 0) return Status::Ok();
    crypto_hash_sha256_update(st, reinterpret_cast<const unsigned char*>(buf), static_cast<size_t>(n));
    if (sink) POL_RETURN_IF_ERROR(sink(std::string_view(buf, static_cast<size_t>(n))));
  }
}

std::string Finish(crypto_hash_sha256_state* st) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(st, out);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(out), sizeof out));
}

}  // namespace

Status SyncDirectory(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError("open", path, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  return rc == 0 ? Status::Ok() : IoError("fsync", path, err);
}

Status CreateDirectories(const std::string& path, int dir_mode) {
  std::error_code ec;
  fs::path p(path);
  fs::path built;
  for (const auto& part : p) {
    built /= part;
    if (built.empty() || fs::exists(built, ec)) continue;
    if (::mkdir(built.c_str(), static_cast<mode_t>(dir_mode)) != 0 && errno != EEXIST) {
      return IoError("mkdir", built.string(), errno);
    }
  }
  return Status::Ok();
}

Status WriteFileAtomic(const std::string& path, std::string_view data, int mode) {
  const fs::path target(path);
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  const std::string tmp =
      (dir / ("." + target.filename().string() + "." + RandomHex(Env::Default(), 6) + ".tmp")).string();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) return IoError("create", tmp, errno);
  Status st = WriteAll(fd, data, tmp);
  if (st.ok() && ::fsync(fd) != 0) st = IoError("fsync", tmp, errno);
  ::close(fd);
  if (st.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) st = IoError("rename", path, errno);
  if (!st.ok()) {
    ::unlink(tmp.c_str());
    return st;
  }
  return SyncDirectory(dir.string());
}

StatusOr<std::string> ReadFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound("فایل پیدا نشد.");
    return IoError("open", path, errno);
  }
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return IoError("read", path, err);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

StatusOr<std::string> CopyFileDurable(const std::string& from, const std::string& to, int mode) {
  int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) {
    if (errno == ENOENT) return NotFound("فایل پیدا نشد.");
    return IoError("open", from, errno);
  }
  const fs::path target(to);
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  const std::string tmp =
      (dir / ("." + target.filename().string() + "." + RandomHex(Env::Default(), 6) + ".tmp")).string();
  int out = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
  if (out < 0) {
    int err = errno;
    ::close(in);
    return IoError("create", tmp, err);
  }
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  Status s = HashStream(in, from, &st, [&](std::string_view block) { return WriteAll(out, block, tmp); });
  ::close(in);
  if (s.ok() && ::fsync(out) != 0) s = IoError("fsync", tmp, errno);
  ::close(out);
  if (s.ok() && ::rename(tmp.c_str(), to.c_str()) != 0) s = IoError("rename", to, errno);
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  POL_RETURN_IF_ERROR(SyncDirectory(dir.string()));
  return Finish(&st);
}

StatusOr<std::string> Sha256File(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound("فایل پیدا نشد.");
    return IoError("open", path, errno);
  }
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  Status s = HashStream(fd, path, &st, nullptr);
  ::close(fd);
  if (!s.ok()) return s;
  return Finish(&st);
}

StatusOr<int> RestrictTreeToOwner(const std::string& root) {
  int changed = 0;
  auto restrict = [&](const fs::path& p, mode_t want) -> Status {
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0) return IoError("stat", p.string(), errno);
    if (S_ISLNK(st.st_mode) || (st.st_mode & 07777) == want) return Status::Ok();
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) return Status::Ok();
    if (::chmod(p.c_str(), want) != 0) return IoError("chmod", p.string(), errno);
    ++changed;
    return Status::Ok();
  };
  POL_RETURN_IF_ERROR(restrict(root, 0700));
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_symlink(ec)) continue;
    POL_RETURN_IF_ERROR(restrict(it->path(), it->is_directory(ec) ? 0700 : 0600));
  }
  if (ec) return Internal("walk " + root + ": " + ec.message());
  return changed;
}

}  // namespace pol
