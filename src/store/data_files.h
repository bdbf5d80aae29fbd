// The files of the data folder that the database's rows name, and whether each is there: media
// (DATA/media/<storage_key>/original.<ext>, media/media.cc) and citizens' attachments
// (DATA/citizen-attachments/<sha256>, citizen/attachment_store.h). `pol migrate-db` runs it after a copy:
// the PostgreSQL deployment keeps serving the same data folder (on several nodes, a folder every node
// mounts), so every file a copied row names must be there.
//
// Thread-safety: one Read on the thread-safe Database, then file-system checks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct DataFileCheck {
  int64_t media = 0, attachments = 0;  // rows checked
  std::vector<std::string> missing;    // paths relative to the data folder, sorted
};

StatusOr<DataFileCheck> CheckDataFiles(Database& db, const std::string& data_dir);

}  // namespace pol::store
