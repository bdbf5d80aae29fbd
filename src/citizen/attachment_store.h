// The files behind citizens' attachments: content-addressed by SHA-256 under
// <data_dir>/citizen-attachments/<sha256>, written atomically and durably (base/file.h: temp file,
// fsync, rename, fsync of the folder) before the row that names them commits, so a row always has
// its file. The same bytes are stored once.
//
// Accepted types are decided by content, never by the name a citizen gave: JPEG, PNG, WebP, PDF.
//
// Thread-safety: thread-safe (no state but the folder; WriteFileAtomic's rename is atomic).
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace pol::citizen {

// The file's real type from its first bytes ("image/jpeg", "image/png", "image/webp",
// "application/pdf"); "" when not an accepted type.
std::string SniffAttachmentType(std::string_view data);

class AttachmentStore {
 public:
  explicit AttachmentStore(const std::string& data_dir);

  // Stores `data` as `sha256` (its hex digest) unless that file exists already.
  Status Put(const std::string& sha256, std::string_view data) const;
  // The bytes; NotFound when the file is missing.
  StatusOr<std::string> Get(const std::string& sha256) const;
  // Removes the file (erasure); a missing file is not an error.
  void Remove(const std::string& sha256) const;

 private:
  std::string PathOf(const std::string& sha256) const;
  const std::string dir_;
};

}  // namespace pol::citizen
