#include "cli/migrate_db_cmd.h"

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "cli/config.h"
#include "store/copy_db.h"
#include "store/data_files.h"
#include "store/migrations.h"
#include "store/open.h"
#include "text/number_words.h"

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
  std::printf("%zu tables, %lld rows: counts and checksums match.\n", copied->size(),
              static_cast<long long>(rows));
  // The files stay where they are: the data folder is the one PostgreSQL's nodes serve (shared storage).
  // Every file a copied row names must be in it.
  auto files = store::CheckDataFiles(**target, from);
  if (!files.ok()) return Fail(files.status());
  for (const auto& m : files->missing) std::printf("MISSING %s/%s\n", from.c_str(), m.c_str());
  if (!files->missing.empty()) {
    return Fail(FailedPrecondition(
        "missing_files",
        text::ToPersianDigits(std::to_string(files->missing.size())) +
            " پرونده که ردیف‌های پایگاه داده نام می‌برند در " + from +
            " نیست (files named by rows are missing from the data folder)."));
  }
  std::printf(
      "%lld media items and %lld attachments: every file is in %s.\n"
      "Now serve with: pol serve --data %s --db <the same URL> (media, attachments and keys stay in %s)\n",
      static_cast<long long>(files->media), static_cast<long long>(files->attachments), from.c_str(),
      from.c_str(), from.c_str());
  return 0;
}

}  // namespace pol::cli
