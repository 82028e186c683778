#include "engine/export/graphviz_render.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

extern char** environ;

namespace mlkg::exporter {

namespace {

// A temporary file, removed when this goes out of scope.
class TempFile {
 public:
  explicit TempFile(const char* suffix) {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/mlkg-dot-XXXXXX" + suffix;
    const int fd = mkstemps(tmpl.data(), static_cast<int>(std::strlen(suffix)));
    if (fd >= 0) {
      close(fd);
      path_ = tmpl;
    }
  }
  ~TempFile() {
    if (!path_.empty()) unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  bool ok() const { return !path_.empty(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string find_graphviz_dot() {
  if (const char* env = std::getenv("MLKG_DOT"); env && *env) return access(env, X_OK) == 0 ? env : "";
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "/usr/bin:/bin";
  while (!dirs.empty()) {
    const size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
    if (dir.empty()) dir = ".";
    const std::string candidate = dir + "/dot";
    struct stat st {};
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return "";
}

Status render_dot(std::string_view dot_text, std::string_view format, std::ostream& out, std::string* warnings,
                  const std::string& dot_program) {
  if (dot_program.empty())
    return Status::not_supported(std::string(format) +
                                 " needs Graphviz's dot program, which was not found on PATH (install Graphviz: "
                                 "apt install graphviz, brew install graphviz); --to dot writes the DOT text instead");
  TempFile input(".dot"), output(format == "png" ? ".png" : ".svg"), errors(".txt");
  if (!input.ok() || !output.ok() || !errors.ok()) return Status::io_error("cannot create temporary files for dot");
  {
    std::ofstream f(input.path(), std::ios::binary);
    f.write(dot_text.data(), static_cast<std::streamsize>(dot_text.size()));
    if (!f) return Status::io_error("cannot write a temporary file for dot");
  }
  const std::string type = "-T" + std::string(format);
  std::vector<const char*> argv = {dot_program.c_str(), type.c_str(), "-o", output.path().c_str(),
                                   input.path().c_str(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, errors.path().c_str(), O_WRONLY | O_APPEND, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors.path().c_str(), O_WRONLY | O_APPEND, 0);
  pid_t pid;
  const int rc = posix_spawn(&pid, dot_program.c_str(), &actions, nullptr, const_cast<char* const*>(argv.data()),
                             environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return Status::io_error("cannot run " + dot_program + ": " + std::strerror(rc));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::string said = read_all(errors.path());
  while (!said.empty() && (said.back() == '\n' || said.back() == '\r')) said.pop_back();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Status::io_error("Graphviz's dot failed" + (said.empty() ? std::string() : ": " + said));
  if (warnings) *warnings = said;
  const std::string picture = read_all(output.path());
  out.write(picture.data(), static_cast<std::streamsize>(picture.size()));
  return out ? Status() : Status::io_error("writing the picture failed");
}

}  // namespace mlkg::exporter
