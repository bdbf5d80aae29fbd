// Files written so that a crash never leaves half of one: the one atomic writer.
//
// Contract: WriteFileAtomic(path, data, mode) writes `data` to a fresh temporary file in the
// same folder (created with `mode`, O_EXCL), fsyncs it, renames it over `path` and fsyncs the
// folder, so after an OK return the file survives power loss and a reader sees either the old
// or the new content, never a mix. On error nothing is left behind and `path` is unchanged.
// The folder must exist (CreateDirectories makes it, with `dir_mode` for the folders it creates).
// ReadFile reads a whole file; NotFound when it does not exist.
// CopyFileDurable copies a file the same way (temporary name, fsync, rename, fsync of the folder) and
// returns the SHA-256 of what it copied; Sha256File hashes a file in blocks. Neither holds a whole file
// in memory.
// Modes: Pol's data folder is private to its owner — folders 0700, files 0600 (the defaults here);
// RestrictTreeToOwner tightens a tree made before that (or by hand).
// Thread-safety: safe to call concurrently for different paths; the last rename wins for one path.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace pol {

[[nodiscard]] Status WriteFileAtomic(const std::string& path, std::string_view data, int mode = 0600);
[[nodiscard]] StatusOr<std::string> ReadFile(const std::string& path);
[[nodiscard]] Status CreateDirectories(const std::string& path, int dir_mode = 0700);
// fsync of a folder, so that a rename or a new entry in it is durable.
[[nodiscard]] Status SyncDirectory(const std::string& path);
// Copies `from` to `to` (created with `mode`, atomically and durably as WriteFileAtomic); returns the
// lowercase hex SHA-256 of the bytes copied. NotFound when `from` does not exist.
[[nodiscard]] StatusOr<std::string> CopyFileDurable(const std::string& from, const std::string& to,
                                                    int mode = 0600);
// The lowercase hex SHA-256 of a file's bytes.
[[nodiscard]] StatusOr<std::string> Sha256File(const std::string& path);
// chmod 0700 on `root` and every folder under it, 0600 on every regular file; symbolic links are
// neither followed nor changed. Returns how many modes it changed.
[[nodiscard]] StatusOr<int> RestrictTreeToOwner(const std::string& root);

}  // namespace pol
