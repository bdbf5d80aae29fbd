// pol restore BACKUP --data DIR [--force] — a data folder from a `pol backup` folder.
//
// Everything goes into a staging folder beside DIR first: every file is copied and checked against
// the manifest's SHA-256 and size, the database passes the backend's integrity check
// (Database::CheckIntegrity: SQLite's integrity_check and foreign_key_check) and must not be newer than
// this pol's schema, and every mode is made private (folders 0700, files 0600). Only then is the staging
// folder renamed to DIR, so a failed restore leaves DIR as it was. A DIR that is not empty is refused
// unless --force; then it is kept beside, renamed DIR.before-restore-<time>. Stop `pol serve` first.
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
#include "store/migrations.h"
#include "text/number_words.h"

namespace pol::cli {
namespace {

namespace fs = std::filesystem;

constexpr char kUsage[] = "usage: pol restore BACKUP --data DIR [--force]\n";

// Copies every file of the manifest into `staging`, checking each against the manifest.
Status CopyChecked(const fs::path& backup, const BackupManifest& m, const fs::path& staging) {
  for (const BackupEntry& f : m.files) {
    const fs::path target = staging / f.path;
    POL_RETURN_IF_ERROR(CreateDirectories(target.parent_path().string(), 0700));
    auto sha = CopyFileDurable((backup / f.path).string(), target.string(), 0600);
    if (!sha.ok() && sha.status().code() == StatusCode::kNotFound) {
      return InvalidArgument("invalid_backup", "فایلی از پشتیبان کم است: " + f.path);
    }
    if (!sha.ok()) return sha.status();
    if (*sha != f.sha256 || fs::file_size(target) != f.bytes) {
      return InvalidArgument("invalid_backup", "فایلی از پشتیبان آسیب دیده است: " + f.path);
    }
  }
  return Status::Ok();
}

// The restored database: intact, and of a schema this pol knows.
Status CheckDatabase(const fs::path& staging, const BackupManifest& m) {
  POL_ASSIGN_OR_RETURN(auto db, store::Open({.url = (staging / kBackupDatabaseName).string(), .readers = 1}));
  if (db->BackendName() != m.backend) {
    return InvalidArgument("invalid_backup", "پشتیبان از پایگاه دادهٔ " + m.backend + " است.");
  }
  POL_RETURN_IF_ERROR(db->CheckIntegrity());
  POL_ASSIGN_OR_RETURN(int version, db->SchemaVersion());
  int newest = 0;
  for (const store::Migration& mig : store::AllMigrations()) newest = std::max(newest, mig.version);
  if (version > newest) {
    return FailedPrecondition(
        "backup_too_new",
        "این پشتیبان از نسخهٔ تازه‌تری از پل است (نسخهٔ طرح‌واره " +
            text::PersianNumber(version) + ")؛ با همان نسخه بازگردانید.");
  }
  return Status::Ok();
}

Status Restore(const fs::path& backup, const fs::path& data, bool force, BackupManifest& m,
               std::string& kept) {
  POL_ASSIGN_OR_RETURN(std::string text, ReadFile((backup / kManifestName).string()));
  POL_ASSIGN_OR_RETURN(m, ParseManifest(text));
  std::error_code ec;
  const bool exists = fs::exists(data, ec);
  if (exists && (!fs::is_directory(data, ec) || !fs::is_empty(data, ec)) && !force) {
    return FailedPrecondition(
        "data_folder_not_empty",
        "پوشهٔ داده خالی نیست: " + data.string() +
            "؛ برای جایگزینی، --force بدهید (پوشهٔ کنونی کنار گذاشته می‌شود).");
  }
  const fs::path abs = fs::absolute(data).lexically_normal();
  const fs::path parent = abs.parent_path();
  POL_RETURN_IF_ERROR(CreateDirectories(parent.string(), 0700));
  const fs::path staging =
      parent / ("." + abs.filename().string() + ".restore-" + RandomHex(Env::Default(), 4));
  POL_RETURN_IF_ERROR(CreateDirectories(staging.string(), 0700));
  Status s = CopyChecked(backup, m, staging);
  if (s.ok()) s = CheckDatabase(staging, m);
  if (s.ok()) s = RestrictTreeToOwner(staging.string()).status();
  if (s.ok() && exists) {
    if (fs::is_empty(abs, ec)) {
      fs::remove(abs, ec);
    } else {
      kept = abs.string() + ".before-restore-" + std::to_string(Env::Default()->NowMillis());
      fs::rename(abs, kept, ec);
    }
    if (ec) s = Internal("move " + abs.string() + " aside: " + ec.message());
  }
  if (s.ok()) {
    fs::rename(staging, abs, ec);
    if (ec) s = Internal("rename " + staging.string() + ": " + ec.message());
  }
  if (s.ok()) s = SyncDirectory(parent.string());
  if (!s.ok()) fs::remove_all(staging, ec);
  return s;
}

}  // namespace

int RestoreCommand(int argc, char** argv) {
  auto cl =
      ParseCommandLine(argc, argv, 1, {.switches = {"force"}, .min_positional = 1, .max_positional = 1});
  if (!cl) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string& backup = cl->positional[0];
  const bool force = cl->Switch("force");
  auto config = LoadCommandConfig(*cl);
  if (!config.ok()) return Fail(config.status());
  BackupManifest m;
  std::string kept;
  if (Status s = Restore(backup, config->data, force, m, kept); !s.ok()) return Fail(s);
  std::printf(
      "بازگردانی کامل شد: %s — پایگاه داده و %s فایل (نسخهٔ طرح‌واره %s)\n",
      config->data.c_str(), text::PersianNumber(static_cast<int64_t>(m.files.size()) - 1).c_str(),
      text::PersianNumber(m.schema_version).c_str());
  if (!kept.empty()) std::printf("  پوشهٔ پیشین نگه داشته شد: %s\n", kept.c_str());
  return 0;
}

}  // namespace pol::cli
