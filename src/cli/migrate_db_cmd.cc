#include "cli/migrate_db_cmd.h"

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "cli/config.h"
#include "store/copy_db.h"
#include "store/migrations.h"
#include "store/open.h"

namespace pol::cli {
namespace {

int Usage() {
  std::fputs("usage: pol migrate-db --from DATA_DIR --to postgresql://USER@HOST:PORT/DB\n", stderr);
  return 2;
}

}  // namespace

int MigrateDbCommand(int argc, char** argv) {
  std::string from, to;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if ((a == "--from" || a == "--to") && i + 1 < argc) {
      (a == "--from" ? from : to) = argv[++i];
    } else {
      return Usage();
    }
  }
  if (from.empty() || to.empty()) return Usage();
  SetupLogging("warn");
  const std::string source_path = (std::filesystem::path(from) / "pol.db").string();
  if (!std::filesystem::exists(source_path)) {
    return Fail(FailedPrecondition(
        "no_data_folder", "پایگاه دادهٔ SQLite در " + from + " پیدا نشد (no pol.db in the data folder)."));
  }
  if (to.rfind("postgresql://", 0) != 0 && to.rfind("postgres://", 0) != 0) {
    return Fail(InvalidArgument("to", "مقصد باید نشانی PostgreSQL باشد (--to postgresql://…)."));
  }
  auto source = store::OpenAndMigrate({.url = source_path});
  if (!source.ok()) return Fail(source.status());
  auto target = store::OpenAndMigrate({.url = to});
  if (!target.ok()) return Fail(target.status());
  store::CopyOptions options;
  options.on_table = [](const store::TableCopy& t) {
    std::printf("%-32s %9lld rows  %s  %s\n", t.table.c_str(), static_cast<long long>(t.source_rows),
                t.source_checksum.c_str(),
                t.skipped ? "already copied" : (t.Matches() ? "copied" : "MISMATCH"));
    std::fflush(stdout);
  };
  auto copied = store::CopyDatabase(**source, **target, options);
  if (!copied.ok()) return Fail(copied.status());
  int64_t rows = 0;
  for (const auto& t : *copied) rows += t.source_rows;
  std::printf(
      "%zu tables, %lld rows: counts and checksums match.\n"
      "Now serve with: pol serve --data %s --db <the same URL> (media, attachments and keys stay in %s)\n",
      copied->size(), static_cast<long long>(rows), from.c_str(), from.c_str());
  return 0;
}

}  // namespace pol::cli
