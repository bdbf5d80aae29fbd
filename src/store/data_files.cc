#include "store/data_files.h"

#include <algorithm>
#include <filesystem>

namespace pol::store {
namespace {

namespace fs = std::filesystem;

// The media item's original (media.cc writes "<storage_key>/original.<ext>", then its variants).
bool HasOriginal(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().rfind("original.", 0) == 0 && it->is_regular_file(ec)) return true;
  }
  return false;
}

}  // namespace

StatusOr<DataFileCheck> CheckDataFiles(Database& db, const std::string& data_dir) {
  std::vector<std::string> media_keys, attachment_hashes;
  POL_RETURN_IF_ERROR(db.Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(Rows m, c.Query("SELECT DISTINCT storage_key FROM media"));
    for (const Row& r : m) media_keys.push_back(r.Text(0));
    POL_ASSIGN_OR_RETURN(Rows a, c.Query("SELECT DISTINCT sha256 FROM citizen_attachments"));
    for (const Row& r : a) attachment_hashes.push_back(r.Text(0));
    return Status::Ok();
  }));
  DataFileCheck out;
  const fs::path root(data_dir);
  std::error_code ec;
  for (const auto& key : media_keys) {
    ++out.media;
    if (!HasOriginal(root / "media" / key)) out.missing.push_back("media/" + key + "/original.*");
  }
  for (const auto& sha : attachment_hashes) {
    ++out.attachments;
    if (!fs::is_regular_file(root / "citizen-attachments" / sha, ec))
      out.missing.push_back("citizen-attachments/" + sha);
  }
  std::sort(out.missing.begin(), out.missing.end());
  return out;
}

}  // namespace pol::store
