#include "report/report_test_util.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <cstdio>
#include <filesystem>

namespace pol::report::test_util {

std::string FontDir() { return std::string(POL_SOURCE_DIR) + "/web/node_modules/vazirmatn/fonts/ttf"; }

std::shared_ptr<const Fonts> TestFonts() {
  static std::shared_ptr<const Fonts> fonts = [] {
    auto loaded = Fonts::Load(FontDir());
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
      std::abort();
    }
    return *loaded;
  }();
  return fonts;
}

CommandResult Run(const std::string& command) {
  CommandResult r;
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 65536> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

bool HaveProgram(const std::string& program) {
  return Run("command -v " + program + " >/dev/null 2>&1 && echo yes").output == "yes\n";
}

std::string ScratchDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "pol-report-test-XXXXXX").string();
  char* dir = ::mkdtemp(pattern.data());
  EXPECT_NE(dir, nullptr);
  return pattern;
}

}  // namespace pol::report::test_util

// fontconfig keeps allocations of the patterns Pango hands it (FcCharSet/FcLangSet copies behind
// a private FcConfig) that LeakSanitizer reports at exit; they are fontconfig's, not Pol's.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
