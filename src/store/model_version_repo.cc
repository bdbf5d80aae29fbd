#include "store/model_version_repo.h"

namespace pol::store {

Status BumpModelVersion(Conn& c, const std::string& name) {
  return c
      .Exec(
          "INSERT INTO model_versions(name, version) VALUES (?, 1) "
          "ON CONFLICT (name) DO UPDATE SET version = model_versions.version + 1",
          {name})
      .status();
}

StatusOr<int64_t> GetModelVersion(Conn& c, const std::string& name) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt("SELECT version FROM model_versions WHERE name = ?", {name}));
  return row ? row->Int(0) : 0;
}

}  // namespace pol::store
