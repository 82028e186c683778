#pragma once
// The shell's meta-commands (`:help`, `:schema`, `:format`, ...): their
// names, usage and help texts, in one table that :help, Tab completion and
// "did you mean" all read. What each one does is the shell's (shell.cpp).

#include <string>
#include <string_view>
#include <vector>

namespace mlkg::repl {

struct MetaCommand {
  std::string_view name;     // ":format"
  std::string_view usage;    // ":format table|csv|tsv|json|jsonl|markdown|plain"
  std::string_view summary;  // one line for the :help list
  std::string_view details;  // what :help :format adds (may be empty)
  std::string_view example;  // a line to type
  bool takes_path = false;   // its argument is a file name (completed as a path)
};

// Every meta-command, in the order :help lists them.
const std::vector<MetaCommand>& meta_commands();

// The command called `name` (with or without its ':', any case; also the
// aliases :q and :exit for :quit), or null.
const MetaCommand* find_meta_command(std::string_view name);

// "did you mean :format?" material: the command name closest to `name`, or "".
std::string closest_meta_command(std::string_view name);

}  // namespace mlkg::repl
