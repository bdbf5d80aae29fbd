// pol — the public-relations hub of a council of government agencies.
#include <sys/stat.h>

#include <cstdio>
#include <cstring>
#include <string_view>

#include "cli/commands.h"
#include "cli/migrate_db_cmd.h"

namespace {

void Usage() {
  std::fputs(
      "usage: pol <command> [options]\n"
      "  serve    --data DIR --listen HOST:PORT [--config FILE] [--console DIR]   run the server\n"
      "  init     --data DIR                     create and migrate a data folder\n"
      "  demo     --data DIR [--week]            load the Qazvin demo council (creates the folder); --week: its last seven days\n"
      "  user     add|passwd|disable|enable ...  manage staff accounts (pol user --help)\n"
      "  migrate  --data DIR                     apply pending schema migrations\n"
      "  migrate-db --from DIR --to postgresql://…  copy an SQLite data folder's database into PostgreSQL\n"
      "  reindex  --data DIR                     rebuild the full-text search indexes\n"
      "  backup   --data DIR OUT                 a consistent backup into the new folder OUT (also while serving)\n"
      "  restore  BACKUP --data DIR [--force]    a data folder from a backup (docs/backup.md)\n"
      "  text     normalize|terms|tokens|jalali  Persian text tools over stdin lines\n"
      "  ingest   [--data DIR] [--council SLUG] FILE|URL  import feeds, pages or JSON lines into monitoring\n"
      "  report   bulletin --period day|week|month --format pdf|xlsx|html --out FILE  a council's press bulletin\n"
      "  report   scorecard --period 1405-3|1405 --format pdf|xlsx --out FILE  a closed period's scorecard\n"
      "  version                                 print the version\n"
      "settings (pol.toml, POL_* environment, flags such as --set KEY=VALUE): docs/configuration.md\n",
      stderr);
}

}  // namespace

int main(int argc, char** argv) {
  // Everything pol creates — the data folder, the database and its -wal/-shm, keys, media, attachments,
  // backups — is for its own user only: folders 0700, files 0600, whatever the shell's umask.
  ::umask(077);
  if (argc < 2) {
    Usage();
    return 2;
  }
  std::string_view cmd = argv[1];
  int sub_argc = argc - 1;
  char** sub_argv = argv + 1;
  if (cmd == "serve") return pol::cli::ServeCommand(sub_argc, sub_argv);
  if (cmd == "init") return pol::cli::InitCommand(sub_argc, sub_argv);
  if (cmd == "demo") return pol::cli::DemoCommand(sub_argc, sub_argv);
  if (cmd == "user") return pol::cli::UserCommand(sub_argc, sub_argv);
  if (cmd == "migrate") return pol::cli::MigrateCommand(sub_argc, sub_argv);
  if (cmd == "migrate-db") return pol::cli::MigrateDbCommand(sub_argc, sub_argv);
  if (cmd == "reindex") return pol::cli::ReindexCommand(sub_argc, sub_argv);
  if (cmd == "ingest") return pol::cli::IngestCommand(sub_argc, sub_argv);
  if (cmd == "backup") return pol::cli::BackupCommand(sub_argc, sub_argv);
  if (cmd == "restore") return pol::cli::RestoreCommand(sub_argc, sub_argv);
  if (cmd == "report") return pol::cli::ReportCommand(sub_argc, sub_argv);
#ifdef POL_HAVE_TEXT_CMD
  if (cmd == "text") return pol::cli::TextCommand(sub_argc, sub_argv);
#endif
  if (cmd == "version" || cmd == "--version") return pol::cli::VersionCommand(sub_argc, sub_argv);
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    Usage();
    return 0;
  }
  std::fprintf(stderr, "pol: unknown command '%s'\n", argv[1]);
  Usage();
  return 2;
}
