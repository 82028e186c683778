// The interactive prompt, driven through a pseudo-terminal as a user would.

#include <catch2/catch.hpp>

#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "support/temp_dir.hpp"

namespace {

// Reads from the terminal until `want` appears or the time is up.
std::string read_until(int fd, const std::string& want, std::string& seen, int timeout_ms = 5000) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  char buf[4096];
  while (seen.find(want) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    seen.append(buf, static_cast<size_t>(n));
  }
  return seen;
}

}  // namespace

TEST_CASE("plain shell: a statement over several lines runs at its ';' and prints a table", "[cli][shell]") {
  mlkg::test::TempDir home;
  int fd;
  pid_t pid = forkpty(&fd, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::string xdg = "XDG_DATA_HOME=" + home.sub("xdg");
    putenv(xdg.data());
    putenv(const_cast<char*>("NO_COLOR=1"));
    execl(MLKG_BINARY, MLKG_BINARY, static_cast<char*>(nullptr));
    _exit(127);
  }
  std::string seen;
  read_until(fd, "mlkg> ", seen);
  REQUIRE(seen.find("syllabus graph") != std::string::npos);
  std::string first = "MATCH (d:Domain)\n";
  REQUIRE(write(fd, first.data(), first.size()) == static_cast<ssize_t>(first.size()));
  read_until(fd, "...> ", seen);
  REQUIRE(seen.find("...> ") != std::string::npos);  // the continuation prompt
  std::string second = "RETURN d.id, d.weight ORDER BY d.id;\n";
  REQUIRE(write(fd, second.data(), second.size()) == static_cast<ssize_t>(second.size()));
  read_until(fd, "4 rows", seen);
  REQUIRE(seen.find("│ d1   │       28 │") != std::string::npos);
  REQUIRE(seen.find("4 rows") != std::string::npos);
  std::string bad = "RETURN nope;\n";
  REQUIRE(write(fd, bad.data(), bad.size()) == static_cast<ssize_t>(bad.size()));
  read_until(fd, "UndefinedVariable", seen);
  REQUIRE(seen.find("SyntaxError: UndefinedVariable") != std::string::npos);
  std::string quit = ":quit\n";
  REQUIRE(write(fd, quit.data(), quit.size()) == static_cast<ssize_t>(quit.size()));
  int status = 0;
  for (int i = 0; i < 100 && waitpid(pid, &status, WNOHANG) == 0; ++i) usleep(50000);
  close(fd);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
}
