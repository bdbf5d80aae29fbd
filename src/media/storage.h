// Where the media library keeps its files: a small interface, so tests (and a
// future object store) can stand in for the data folder.
//
// Keys are relative paths of lowercase hex, digits, '.', '_' and '/', e.g.
// "ab/ab12…/large.jpg"; anything else is refused (no traversal).
//
// Thread-safety: implementations must be safe for concurrent use.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace pol::media {

class FileStore {
 public:
  virtual ~FileStore() = default;
  // Durable and atomic: after OK the whole file is on disk under `key` (readers
  // never see a partial file); on error nothing is left under `key`.
  virtual Status Put(const std::string& key, std::string_view data) = 0;
  // NotFound when there is no such file.
  virtual StatusOr<std::string> Get(const std::string& key) = 0;
  virtual bool Exists(const std::string& key) = 0;
  // Removes the file under `key`; OK when there is none (the folder is fsync'ed after an unlink).
  virtual Status Remove(const std::string& key) = 0;
};

bool ValidKey(std::string_view key);

// Files under `root` (created on demand): written to a temporary file in the
// same folder, fsync'ed, renamed over the key, and the folder fsync'ed. Folders
// are made 0700 and files 0600: only Pol's own user reads them.
std::unique_ptr<FileStore> NewDiskFileStore(std::string root);

}  // namespace pol::media
