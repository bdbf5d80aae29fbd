#include "store/postgresql_impl/pg_test_database.h"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <set>

#include "store/postgresql_impl/pg_conn.h"

namespace pol::store {

std::optional<std::string> TestPostgresAdminUrl() {
  const char* url = std::getenv("POL_TEST_PG_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

std::string PostgresUrlWithDatabase(const std::string& url, const std::string& name) {
  size_t scheme = url.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t slash = url.find('/', start);
  size_t query = url.find('?', start);
  std::string base = url.substr(0, std::min(slash, query));
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + name + tail;
}

StatusOr<std::string> TestPostgresDatabase(const std::string& admin_url, const std::string& key) {
  static std::mutex mu;
  static std::set<std::string> created;
  char name[40];
  std::snprintf(name, sizeof name, "pol_t_%016zx", std::hash<std::string>()(key));
  std::lock_guard<std::mutex> l(mu);
  if (!created.contains(name)) {
    POL_ASSIGN_OR_RETURN(PGconn * raw, ConnectPostgres(admin_url));
    PgConn admin(raw);
    POL_RETURN_IF_ERROR(admin.ExecScript(std::string("DROP DATABASE IF EXISTS ") + name + " WITH (FORCE)"));
    POL_RETURN_IF_ERROR(admin.ExecScript(std::string("CREATE DATABASE ") + name));
    created.insert(name);
  }
  return PostgresUrlWithDatabase(admin_url, name);
}

}  // namespace pol::store
