// The `pol` command line: one file per subcommand, each an entry point taking
// argv from the subcommand's name on.
#pragma once

namespace pol::cli {

int ServeCommand(int argc, char** argv);
int InitCommand(int argc, char** argv);
int DemoCommand(int argc, char** argv);
int UserCommand(int argc, char** argv);
int MigrateCommand(int argc, char** argv);
int ReindexCommand(int argc, char** argv);
int VersionCommand(int argc, char** argv);
int TextCommand(int argc, char** argv);
int IngestCommand(int argc, char** argv);
int BackupCommand(int argc, char** argv);
int RestoreCommand(int argc, char** argv);
int ReportCommand(int argc, char** argv);  // report_cmd.cc: pol report bulletin

}  // namespace pol::cli
