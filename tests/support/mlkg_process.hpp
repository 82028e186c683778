#pragma once
// Runs the mlkg program the tests built (MLKG_BINARY) as a user's script
// would, with a private data home (XDG_DATA_HOME=<home>/xdg), so no test
// touches the user's files or another test's syllabus database.

#include <string>
#include <vector>

#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace mlkg::test {

// `env` adds variables (NAME=VALUE); `input` is the program's stdin.
inline CommandResult mlkg_run(const TempDir& home, std::vector<std::string> args, std::vector<std::string> env = {},
                              const std::string& input = "") {
  args.insert(args.begin(), MLKG_BINARY);
  env.push_back("XDG_DATA_HOME=" + home.sub("xdg"));
  return run_command(args, env, input);
}

}  // namespace mlkg::test
