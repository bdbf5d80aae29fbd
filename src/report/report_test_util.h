// Test helpers for report/: the Vazirmatn folder of the source tree, a scratch folder, and running
// the Debian tools the tests read outputs back with (pdftotext, pdffonts, python3 + openpyxl/icalendar).
#pragma once

#include <memory>
#include <string>

#include "report/fonts.h"

namespace pol::report::test_util {

// The Debian interpreter (python3-openpyxl, python3-icalendar are Debian packages; a pyenv python3 on
// PATH would not see them).
inline constexpr const char* kPython = "/usr/bin/python3";

std::string FontDir();                     // <source>/web/node_modules/vazirmatn/fonts/ttf
std::shared_ptr<const Fonts> TestFonts();  // loaded once; aborts the test binary if missing

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout
};
// Runs a shell command (sh -c) and returns its exit code and stdout.
CommandResult Run(const std::string& command);
// True when `program` is on PATH.
bool HaveProgram(const std::string& program);

// A fresh folder under the temporary directory (left for inspection; the OS cleans /tmp).
std::string ScratchDir();

}  // namespace pol::report::test_util
