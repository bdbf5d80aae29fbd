// The manifest of a `pol backup` folder (BACKUP/MANIFEST), shared by `pol backup` and `pol restore`.
//
// A backup is a folder: pol.db (a consistent copy of the database, made with the backend's online
// backup), the data folder's other files under their own relative paths (media/…, citizen-attachments/…,
// distribution.key, pol.toml), and MANIFEST, written last, so a backup without one is incomplete:
//
//   pol-backup 1
//   backend sqlite
//   schema_version 14
//   created_at_ms 1764850000000
//   file <sha256> <bytes> pol.db
//   file <sha256> <bytes> media/ab/ab12…/original.png
//   end 2
//
// Paths come last on their line (they may hold spaces) and are relative, without "." or ".." parts.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace pol::cli {

inline constexpr char kManifestName[] = "MANIFEST";
inline constexpr char kBackupDatabaseName[] = "pol.db";

struct BackupEntry {
  std::string path;  // relative to the backup (and to the data folder)
  uint64_t bytes = 0;
  std::string sha256;  // lowercase hex
};

struct BackupManifest {
  std::string backend;
  int schema_version = 0;
  int64_t created_at_ms = 0;
  std::vector<BackupEntry> files;  // pol.db first
};

std::string RenderManifest(const BackupManifest& m);
// InvalidArgument "invalid_backup" for anything but a complete manifest of format 1.
StatusOr<BackupManifest> ParseManifest(std::string_view text);
// A relative path of non-empty parts, none "." or "..", no control characters.
bool SafeRelativePath(std::string_view path);

}  // namespace pol::cli
