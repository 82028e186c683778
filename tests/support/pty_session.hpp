#pragma once
// Drives a program through a pseudo-terminal, as a user at a keyboard would:
// send keys, wait for text to appear, read what the terminal showed.
//
// The child runs with the given extra environment (NAME=VALUE) on top of this
// process's, TERM=xterm-256color and NO_COLOR=1 (so output has no colour
// codes to match around; libedit still moves the cursor with escape codes).

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace mlkg::test {

class PtySession {
 public:
  // Runs argv in `cwd` (empty: this process's folder) with `env` added.
  PtySession(const std::vector<std::string>& argv, const std::vector<std::string>& env, const std::string& cwd = "",
             unsigned short columns = 120) {
    winsize ws{};
    ws.ws_col = columns;
    ws.ws_row = 40;
    pid_ = forkpty(&fd_, nullptr, nullptr, &ws);
    if (pid_ == 0) {
      std::vector<std::string> all = env;
      all.push_back("TERM=xterm-256color");
      all.push_back("NO_COLOR=1");
      for (auto& e : all) putenv(e.data());
      if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
  }
  ~PtySession() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (fd_ >= 0) close(fd_);
  }
  PtySession(const PtySession&) = delete;
  PtySession& operator=(const PtySession&) = delete;

  bool started() const { return pid_ > 0 && fd_ >= 0; }

  void send(std::string_view keys) {
    while (!keys.empty()) {
      ssize_t n = write(fd_, keys.data(), keys.size());
      if (n <= 0) return;
      keys.remove_prefix(static_cast<size_t>(n));
    }
  }

  // Reads until `want` appears in the output after the mark (see mark());
  // true if it did within the time.
  bool expect(std::string_view want, int timeout_ms = 10000) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (since_mark().find(want) == std::string::npos) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      if (!read_some(50)) {
        if (eof_) return since_mark().find(want) != std::string::npos;
      }
    }
    return true;
  }

  // Reads until the shell waits at a prompt ("mlkg> ", "mlkg(tx)> " or "...> " last in
  // the output) with the terminal in the line editor's raw mode. Control
  // keys (Ctrl-R, Ctrl-C, Ctrl-D) must wait for that: in the terminal's
  // normal mode its line discipline acts on them. libedit prints the prompt
  // first and takes the terminal a moment later (up to tens of ms after a
  // long statement), so the prompt alone is not enough.
  bool wait_prompt(int timeout_ms = 10000) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    auto at_prompt = [&] {
      return output_.ends_with("mlkg> ") || output_.ends_with("...> ") || output_.ends_with("mlkg(tx)> ") ||
             output_.ends_with("mlkg(tx failed)> ");
    };
    auto raw = [&] {
      termios t{};
      return tcgetattr(fd_, &t) == 0 && (t.c_lflag & ICANON) == 0;
    };
    while (!(at_prompt() && raw())) {
      if (std::chrono::steady_clock::now() >= deadline || eof_) return false;
      if (!at_prompt()) read_some(50);
      else std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
  }

  // Reads whatever arrives for `ms` milliseconds.
  void drain(int ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < deadline && !eof_) read_some(20);
  }

  // Later expect() calls look only at what arrives after this point.
  void mark() { mark_ = output_.size(); }
  std::string since_mark() const { return output_.substr(mark_); }
  const std::string& output() const { return output_; }

  // Waits for the program to end; its exit code, or -1 (still running, or killed).
  int wait_exit(int timeout_ms = 10000) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      read_some(20);  // keep the terminal's buffer from filling
      pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
    }
    return -1;
  }

 private:
  bool read_some(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return false;
    char buf[4096];
    ssize_t n = read(fd_, buf, sizeof buf);
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    output_.append(buf, static_cast<size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int fd_ = -1;
  bool exited_ = false;
  bool eof_ = false;
  std::string output_;
  size_t mark_ = 0;
};

}  // namespace mlkg::test
