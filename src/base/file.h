// Files written so that a crash never leaves half of one: the one atomic writer.
//
// Contract: WriteFileAtomic(path, data, mode) writes `data` to a fresh temporary file in the
// same folder (created with `mode`, O_EXCL), fsyncs it, renames it over `path` and fsyncs the
// folder, so after an OK return the file survives power loss and a reader sees either the old
// or the new content, never a mix. On error nothing is left behind and `path` is unchanged.
// The folder must exist (CreateDirectories makes it, with `dir_mode` for the folders it creates).
// ReadFile reads a whole file; NotFound when it does not exist.
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

}  // namespace pol
