// pol backup [--data DIR] OUT — a consistent backup of a data folder, also while `pol serve` runs.
//
// Order matters: the database first, then the files. The database is copied as one snapshot through
// the store (Database::BackupTo: SQLite's online backup API; other backends answer
// backend_not_supported and are backed up with their own tools). The files come after: media and
// citizens' attachments are content-addressed, written and fsync'ed BEFORE the row that names them
// commits, and never rewritten, so every file the snapshot names is already on disk when the copy
// starts. Files newer than the snapshot come along too (harmless: no row names them). Temporary files
// (names starting with '.') and the database's own files (pol.db, -wal, -shm, -journal) are skipped.
// MANIFEST (cli/backup_manifest.h) is written last: a backup without one is incomplete.
// OUT is a new or empty folder; it and everything in it are private to the owner (0700/0600).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "base/env.h"
#include "base/file.h"
#include "cli/backup_manifest.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "text/number_words.h"

namespace pol::cli {
namespace {

namespace fs = std::filesystem;

constexpr char kUsage[] = "usage: pol backup [--data DIR] OUT\n";

bool IsDatabaseFile(const std::string& rel) {
  return rel == "pol.db" || rel == "pol.db-wal" || rel == "pol.db-shm" || rel == "pol.db-journal";
}

// Every regular file under `data` that belongs in a backup, as sorted relative paths.
StatusOr<std::vector<std::string>> DataFiles(const fs::path& data) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(data, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(".")) {  // temporary files of WriteFileAtomic; hidden folders are not Pol's
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    std::string rel = fs::relative(it->path(), data, ec).generic_string();
    if (ec || IsDatabaseFile(rel)) continue;
    if (!SafeRelativePath(rel)) {
      std::fprintf(stderr, "pol backup: skipped a file with an unusual name: %s\n", rel.c_str());
      continue;
    }
    out.push_back(std::move(rel));
  }
  if (ec) return Internal("walk " + data.string() + ": " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

// OUT must be new or an empty folder; made 0700.
Status PrepareTarget(const fs::path& out) {
  std::error_code ec;
  if (fs::exists(out, ec)) {
    if (!fs::is_directory(out, ec) || !fs::is_empty(out, ec)) {
      return FailedPrecondition(
          "backup_target_not_empty",
          "مقصد پشتیبان باید پوشه‌ای تازه یا خالی باشد: " +
              out.string());
    }
  }
  POL_RETURN_IF_ERROR(CreateDirectories(out.string(), 0700));
  return RestrictTreeToOwner(out.string()).status();
}

Status Copy(const Config& config, const fs::path& out, BackupManifest& m, int& skipped) {
  const fs::path data(config.data);
  m.created_at_ms = Env::Default()->NowMillis();

  // 1. The database, as one snapshot.
  {
    store::StoreConfig sc = StoreConfigOf(config);
    sc.readers = 1;
    POL_ASSIGN_OR_RETURN(auto db, store::Open(sc));
    m.backend = db->BackendName();
    POL_ASSIGN_OR_RETURN(m.schema_version, db->SchemaVersion());
    const std::string copy = (out / kBackupDatabaseName).string();
    POL_RETURN_IF_ERROR(db->BackupTo(copy));
    POL_ASSIGN_OR_RETURN(std::string sha, Sha256File(copy));
    m.files.push_back({kBackupDatabaseName, fs::file_size(copy), std::move(sha)});
  }
  // 2. The files, after the snapshot.
  POL_ASSIGN_OR_RETURN(std::vector<std::string> files, DataFiles(data));
  for (const std::string& rel : files) {
    const fs::path target = out / rel;
    POL_RETURN_IF_ERROR(CreateDirectories(target.parent_path().string(), 0700));
    auto sha = CopyFileDurable((data / rel).string(), target.string(), 0600);
    if (!sha.ok() && sha.status().code() == StatusCode::kNotFound) {
      ++skipped;  // removed since the walk (a citizen's attachment erased): not needed any more
      continue;
    }
    if (!sha.ok()) return sha.status();
    m.files.push_back({rel, fs::file_size(target), std::move(*sha)});
  }
  // 3. The manifest, last.
  POL_RETURN_IF_ERROR(WriteFileAtomic((out / kManifestName).string(), RenderManifest(m), 0600));
  const fs::path parent = fs::absolute(out).parent_path();
  return SyncDirectory(parent.string());
}

// The backup into `out`; on failure nothing is left in `out` (which was new or empty).
Status Backup(const Config& config, const fs::path& out, BackupManifest& m, int& skipped) {
  std::error_code ec;
  // A database on a server is backed up with its own tools (docs/postgresql.md: pg_dump, PITR).
  if (!config.db.empty() && config.db.find("://") != std::string::npos) {
    return store::BackendNotSupported("PostgreSQL", "backup");
  }
  if (!fs::exists(DatabasePath(config), ec)) {
    return FailedPrecondition("no_data_folder", "پوشهٔ داده پیدا نشد: " + config.data);
  }
  POL_RETURN_IF_ERROR(PrepareTarget(out));
  Status s = Copy(config, out, m, skipped);
  if (!s.ok()) {
    for (const auto& e : fs::directory_iterator(out, ec)) fs::remove_all(e.path(), ec);
  }
  return s;
}

}  // namespace

int BackupCommand(int argc, char** argv) {
  auto cl = ParseCommandLine(argc, argv, 1, {.min_positional = 1, .max_positional = 1});
  if (!cl) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string& out = cl->positional[0];
  auto config = LoadCommandConfig(*cl);
  if (!config.ok()) return Fail(config.status());
  BackupManifest m;
  int skipped = 0;
  if (Status s = Backup(*config, out, m, skipped); !s.ok()) return Fail(s);
  uint64_t bytes = 0;
  for (const BackupEntry& f : m.files) bytes += f.bytes;
  std::printf(
      "پشتیبان کامل شد: %s — پایگاه داده و %s فایل، %s مگابایت (نسخهٔ طرح‌واره %s)\n",
      out.c_str(), text::PersianNumber(static_cast<int64_t>(m.files.size()) - 1).c_str(),
      text::PersianDecimal(static_cast<double>(bytes) / 1e6, 1).c_str(),
      text::PersianNumber(m.schema_version).c_str());
  if (skipped > 0) {
    std::printf("  %s فایل در میانهٔ کار پاک شد و کنار گذاشته شد.\n", text::PersianNumber(skipped).c_str());
  }
  return 0;
}

}  // namespace pol::cli
