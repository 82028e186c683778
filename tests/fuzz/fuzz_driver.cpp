// A main() for the libFuzzer targets of tests/fuzz, for builds without
// libFuzzer: g++ and the sanitizer build CI runs (docs/fuzzing.md, "In CI").
//
//   TARGET [-runs=N] [-max_total_time=S] [-seed=N] [-max_len=N] [-dict=FILE]
//          [-timeout=S] [-artifact_prefix=P] FILE_OR_DIR...
//
// It runs every file given, and every file of every directory given, through
// the target's LLVMFuzzerTestOneInput. Then, if -runs or -max_total_time is
// given, it mutates those inputs until either bound is reached: bit flips,
// byte changes, inserts, deletes, repeated and copied pieces, splices of two
// inputs, digit runs replaced by numbers at the edges of their types, and
// tokens from the -dict file (libFuzzer's format). There is no coverage
// feedback (so no need for clang), and the mutations come from -seed alone:
// the same seed and inputs give the same sequence of runs on any machine.
//
// A failure is whatever stops the process: a sanitizer report, an abort
// (the targets abort on a broken invariant), an uncaught exception, or an
// input that runs longer than -timeout seconds. The input is then written to
// <artifact_prefix>crash-<hash> (or timeout-<hash>), printed escaped, and the
// process fails; rerun it alone with `TARGET <that file>`. The options mean
// what libFuzzer's options of the same names mean; others are ignored.

#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);
// In the sanitizers' runtime when the program is linked with it.
extern "C" __attribute__((weak)) void __sanitizer_set_death_callback(void (*callback)(void));

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Options {
  long long runs = -1;            // mutated inputs to run; -1: no bound
  double max_total_time = -1;     // seconds, from the start; -1: no bound
  uint64_t seed = 1;
  size_t max_len = 4096;
  double timeout = 20;            // seconds one input may take
  std::string dict;
  std::string artifact_prefix;
  std::vector<std::string> inputs;
};

// ---------------------------------------------------------------- failure reports
// What the handlers below need, set up before the first run: they may only
// use what is safe in a signal handler (write, open, close, _exit).

const char* g_program = "fuzz_driver";
std::atomic<const uint8_t*> g_data{nullptr};
std::atomic<size_t> g_size{0};
std::atomic<long long> g_run{0};         // 1-based; the mutated runs follow the inputs'
std::atomic<long long> g_run_start_ns{0};  // of the running input; 0 between runs
std::atomic<bool> g_reported{false};
char g_prefix[4096];

void say(const char* s) { (void)!write(2, s, std::strlen(s)); }
void say(const char* s, size_t n) { (void)!write(2, s, n); }

void say_number(unsigned long long n) {
  char buf[24];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n);
  say(p, buf + sizeof buf - p);
}

// The input, as a C string literal, up to 2 000 bytes.
void say_escaped(const uint8_t* data, size_t size) {
  static const char hex[] = "0123456789abcdef";
  char buf[8];
  say("\"");
  const size_t shown = size < 2000 ? size : 2000;
  for (size_t i = 0; i < shown; ++i) {
    const uint8_t c = data[i];
    if (c == '\\' || c == '"') {
      buf[0] = '\\', buf[1] = static_cast<char>(c);
      say(buf, 2);
    } else if (c == '\n') {
      say("\\n");
    } else if (c >= 0x20 && c < 0x7f) {
      buf[0] = static_cast<char>(c);
      say(buf, 1);
    } else {
      buf[0] = '\\', buf[1] = 'x', buf[2] = hex[c >> 4], buf[3] = hex[c & 15];
      say(buf, 4);
      // A hex escape goes on over hex digits: end the literal there.
      if (i + 1 < shown && std::isxdigit(data[i + 1])) say("\" \"");
    }
  }
  say("\"");
  if (shown < size) say(" ...");
}

// Writes the running input to <prefix><kind>-<hash> and says so.
void report(const char* kind, const char* why) {
  if (g_reported.exchange(true)) return;
  const uint8_t* data = g_data.load();
  const size_t size = g_size.load();
  say("\n");
  say(g_program);
  say(": ");
  say(why);
  if (!data) {
    say(" between inputs (a leak is reported at exit)\n");
    return;
  }
  say(" at run ");
  say_number(static_cast<unsigned long long>(g_run.load()));
  say(", on an input of ");
  say_number(size);
  say(" bytes:\n");
  say_escaped(data, size);
  say("\n");
  uint64_t h = 14695981039346656037ull;  // FNV-1a
  for (size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 1099511628211ull;
  char path[sizeof g_prefix + 64];
  size_t n = std::strlen(g_prefix);
  std::memcpy(path, g_prefix, n);
  for (const char* k = kind; *k;) path[n++] = *k++;
  path[n++] = '-';
  for (int shift = 60; shift >= 0; shift -= 4) path[n++] = "0123456789abcdef"[(h >> shift) & 15];
  path[n] = '\0';
  const int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    for (size_t done = 0; done < size;) {
      const ssize_t w = write(fd, data + done, size - done);
      if (w <= 0) break;
      done += static_cast<size_t>(w);
    }
    close(fd);
    say("The input is in ");
    say(path);
    say("; run it alone with: ");
    say(g_program);
    say(" ");
    say(path);
    say("\n");
  } else {
    say("(could not write it to ");
    say(path);
    say(")\n");
  }
}

void on_sanitizer_death() { report("crash", "a sanitizer stopped the run"); }

void on_signal(int sig) {
  report("crash", sig == SIGABRT ? "aborted" : sig == SIGSEGV ? "segmentation fault" : "fatal signal");
  signal(sig, SIG_DFL);
  raise(sig);
}

// Stops the process when one input runs longer than the timeout.
class Watchdog {
 public:
  explicit Watchdog(double seconds) : limit_ns_(static_cast<long long>(seconds * 1e9)), thread_([this] { run(); }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  void run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stop_; })) {
      const long long start = g_run_start_ns.load();
      if (start == 0) continue;
      const long long now = Clock::now().time_since_epoch().count();
      if (now - start > limit_ns_) {
        report("timeout", "an input ran longer than the timeout");
        _exit(70);
      }
    }
  }

  const long long limit_ns_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

void run_one(const std::string& input) {
  g_data = reinterpret_cast<const uint8_t*>(input.data());
  g_size = input.size();
  ++g_run;
  g_run_start_ns = Clock::now().time_since_epoch().count();
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  g_run_start_ns = 0;
  g_data = nullptr;
}

// ---------------------------------------------------------------- options and inputs

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "%s: %s\n", g_program, message.c_str());
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    if (arg.size() < 2 || arg[0] != '-' || eq == std::string::npos) {
      o.inputs.push_back(arg);
      continue;
    }
    const std::string name = arg.substr(1, eq - 1), value = arg.substr(eq + 1);
    try {
      if (name == "runs") o.runs = std::stoll(value);
      else if (name == "max_total_time") o.max_total_time = std::stod(value);
      else if (name == "seed") o.seed = std::stoull(value);
      else if (name == "max_len") o.max_len = std::stoull(value);
      else if (name == "timeout") o.timeout = std::stod(value);
      else if (name == "dict") o.dict = value;
      else if (name == "artifact_prefix") o.artifact_prefix = value;
      else std::fprintf(stderr, "%s: ignoring %s (a libFuzzer option this driver does not have)\n", g_program, argv[i]);
    } catch (const std::exception&) {
      usage_error("bad value in " + arg);
    }
  }
  if (o.max_len == 0) usage_error("-max_len must be at least 1");
  if (!(o.timeout > 0)) usage_error("-timeout must be more than 0");
  return o;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) usage_error("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every file given, and every file directly in every directory given (in
// name order): read before the first run, since a target may change the
// current directory.
std::vector<std::string> load_inputs(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(p))
        if (entry.is_regular_file()) files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) out.push_back(read_file(f));
    } else if (fs::is_regular_file(p, ec)) {
      out.push_back(read_file(p));
    } else {
      usage_error("no such file or directory: " + p);
    }
  }
  return out;
}

// libFuzzer's (and AFL's) dictionary format: one entry a line, name="value"
// or "value", with \\, \" and \xNN escapes; '#' starts a comment line.
std::vector<std::string> load_dictionary(const std::string& path) {
  std::vector<std::string> out;
  if (path.empty()) return out;
  std::istringstream lines(read_file(path));
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    const size_t open = line.find('"'), close = line.rfind('"');
    if (open == std::string::npos || close <= open) usage_error(path + ":" + std::to_string(number) + ": no \"value\"");
    std::string value;
    for (size_t i = open + 1; i < close; ++i) {
      if (line[i] != '\\' || i + 1 >= close) {
        value += line[i];
      } else if (line[i + 1] == 'x' && i + 3 < close) {
        value += static_cast<char>(std::stoi(line.substr(i + 2, 2), nullptr, 16));
        i += 3;
      } else {
        value += line[++i];
      }
    }
    out.push_back(value);
  }
  return out;
}

// ---------------------------------------------------------------- mutations

class Mutator {
 public:
  Mutator(uint64_t seed, size_t max_len, std::vector<std::string> dict)
      : rng_(seed), max_len_(max_len), dict_(std::move(dict)) {}

  // Another input from `base`: one to eight mutations, some of them taking
  // pieces of `pool`.
  std::string mutate(std::string s, const std::vector<const std::string*>& pool) {
    const int count = 1 + static_cast<int>(below(2) ? below(2) : below(8));
    for (int i = 0; i < count; ++i) mutate_once(s, pool);
    if (s.size() > max_len_) s.resize(max_len_);
    return s;
  }

  size_t below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(rng_() % n); }

 private:
  char some_byte() {
    // Half the time one that means something to a parser.
    static constexpr std::string_view kSpecial = " \t\n\r\0'\"`\\()[]{}<>:;,.$-+*/=!|#%^&?~_@0159aeEx\x7f\x80\xbf\xc3\xe2\xf0\xff";
    return below(2) ? kSpecial[below(kSpecial.size())] : static_cast<char>(below(256));
  }

  std::string number() {
    static const char* const kNumbers[] = {
        "0", "1", "-1", "127", "128", "255", "256", "-129", "32767", "65535", "65536", "2147483647", "2147483648",
        "-2147483649", "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "99999999999999999999999", "0.0", "-0.0", "1e308", "1e309",
        "-1e309", "4.9e-324", "1e-400", "0x7fffffffffffffff", "0x8000000000000000", "0o777", "1.5", ".5", "5.",
        "1e", "0x", "00", "1_000"};
    return kNumbers[below(std::size(kNumbers))];
  }

  const std::string& other(const std::vector<const std::string*>& pool) { return *pool[below(pool.size())]; }

  void mutate_once(std::string& s, const std::vector<const std::string*>& pool) {
    const size_t n = s.size();
    switch (below(14)) {
      case 0:  // flip a bit
        if (n) s[below(n)] ^= static_cast<char>(1 << below(8));
        break;
      case 1:  // change a byte
        if (n) s[below(n)] = some_byte();
        break;
      case 2: {  // insert a few bytes
        const size_t at = below(n + 1), k = 1 + below(4);
        for (size_t i = 0; i < k; ++i) s.insert(s.begin() + static_cast<long>(at), some_byte());
        break;
      }
      case 3:  // delete a piece
        if (n) {
          const size_t at = below(n);
          s.erase(at, 1 + below(std::min<size_t>(16, n - at)));
        }
        break;
      case 4:  // repeat a piece in place, to nest deeper or make lists longer
        if (n) {
          const size_t at = below(n), len = 1 + below(std::min<size_t>(32, n - at));
          const std::string piece = s.substr(at, len);
          const size_t times = 1 + below(below(2) ? 4 : 200);
          std::string more;
          for (size_t i = 0; i < times && more.size() < max_len_; ++i) more += piece;
          s.insert(at, more);
        }
        break;
      case 5:  // copy a piece elsewhere
        if (n) {
          const size_t at = below(n), len = 1 + below(std::min<size_t>(64, n - at));
          const std::string piece = s.substr(at, len);
          s.insert(below(s.size() + 1), piece);
        }
        break;
      case 6:  // swap two bytes
        if (n > 1) std::swap(s[below(n)], s[below(n)]);
        break;
      case 7: {  // put a piece of another input here
        const std::string& o = other(pool);
        if (o.empty()) break;
        const size_t from = below(o.size()), len = 1 + below(std::min<size_t>(128, o.size() - from));
        const size_t at = below(n + 1);
        s.replace(at, below(2) ? 0 : below(std::min<size_t>(16, n - at) + 1), o, from, len);
        break;
      }
      case 8: {  // this input's start, another's end
        const std::string& o = other(pool);
        s = s.substr(0, below(n + 1)) + o.substr(below(o.size() + 1));
        break;
      }
      case 9:   // a dictionary token, inserted
      case 10:  // or over what is there
        if (!dict_.empty()) {
          const std::string& token = dict_[below(dict_.size())];
          const size_t at = below(n + 1);
          s.replace(at, below(2) == 0 ? std::min(token.size(), n - at) : 0, token);
        } else {
          s.insert(below(n + 1), 1, some_byte());
        }
        break;
      case 11: {  // a number over a run of digits, or anywhere
        size_t at = below(n + 1), len = 0;
        const size_t digit = n ? s.find_first_of("0123456789", below(n)) : std::string::npos;
        if (digit != std::string::npos && below(4)) {
          at = digit;
          while (at + len < n && std::isdigit(static_cast<unsigned char>(s[at + len]))) ++len;
        }
        s.replace(at, len, number());
        break;
      }
      case 12:  // cut the end off
        if (n) s.resize(below(n));
        break;
      default:  // overwrite with another part of itself
        if (n > 1) {
          const size_t from = below(n), to = below(n);
          const size_t len = 1 + below(std::min(n - from, n - to));
          const std::string piece = s.substr(from, len);
          s.replace(to, len, piece);
        }
        break;
    }
  }

  std::mt19937_64 rng_;
  size_t max_len_;
  std::vector<std::string> dict_;
};

std::string seconds(Clock::duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", std::chrono::duration<double>(d).count());
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  const char* slash = std::strrchr(argv[0], '/');
  g_program = slash ? slash + 1 : argv[0];
  const Options options = parse_options(argc, argv);
  const auto start = Clock::now();

  // The artifact prefix as an absolute path: a target may change directory.
  std::string prefix = options.artifact_prefix;
  if (prefix.empty() || prefix[0] != '/') prefix = fs::current_path().string() + "/" + prefix;
  if (prefix.size() >= sizeof g_prefix) usage_error("-artifact_prefix is too long");
  std::memcpy(g_prefix, prefix.c_str(), prefix.size() + 1);

  const std::vector<std::string> inputs = load_inputs(options.inputs);
  const std::vector<std::string> dict = load_dictionary(options.dict);

  if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(on_sanitizer_death);
  // g++ links UndefinedBehaviorSanitizer as a library of its own, with its
  // own copy of the callback: set that one too.
  if (void* ubsan = dlopen("libubsan.so.1", RTLD_NOW | RTLD_NOLOAD)) {
    using SetCallback = void (*)(void (*)(void));
    if (auto set = reinterpret_cast<SetCallback>(dlsym(ubsan, "__sanitizer_set_death_callback"))) {
      if (set != __sanitizer_set_death_callback) set(on_sanitizer_death);
    }
  }
  for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) {
    // The sanitizers' own handlers (for SIGSEGV, say) stay: they report more,
    // and end in the death callback above.
    struct sigaction old = {};
    sigaction(sig, nullptr, &old);
    if (old.sa_handler == SIG_DFL) signal(sig, on_signal);
  }
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);

  long long mutated = 0;
  {
    Watchdog watchdog(options.timeout);
    for (const auto& input : inputs) run_one(input);
    const auto inputs_done = Clock::now();
    std::printf("%s: %zu inputs ran in %s\n", g_program, inputs.size(), seconds(inputs_done - start).c_str());
    std::fflush(stdout);

    const bool fuzz = options.runs >= 0 || options.max_total_time >= 0;
    const auto deadline = options.max_total_time >= 0
                              ? start + std::chrono::duration_cast<Clock::duration>(
                                            std::chrono::duration<double>(options.max_total_time))
                              : Clock::time_point::max();
    if (fuzz) {
      Mutator mutator(options.seed, options.max_len, dict);
      // What the mutations start from and take pieces of: the inputs, and
      // one in sixteen of the mutated inputs (the latest 256 of them), so
      // that mutations can build on each other.
      const std::string empty;
      std::vector<std::string> kept;
      kept.reserve(256);  // never reallocated: `all` points into it
      size_t next_kept = 0;
      std::vector<const std::string*> pool;
      for (const auto& input : inputs) pool.push_back(&input);
      if (pool.empty()) pool.push_back(&empty);
      std::vector<const std::string*> all = pool;
      while ((options.runs < 0 || mutated < options.runs) && Clock::now() < deadline) {
        const std::string& base = kept.empty() || mutator.below(4) ? *pool[mutator.below(pool.size())]
                                                                  : kept[mutator.below(kept.size())];
        std::string input = mutator.mutate(base, all);
        run_one(input);
        ++mutated;
        if (mutator.below(16) == 0) {
          if (kept.size() < 256) {
            kept.push_back(std::move(input));
            all.push_back(&kept.back());
          } else {
            kept[next_kept] = std::move(input);
            next_kept = (next_kept + 1) % kept.size();
          }
        }
      }
      std::printf("%s: then %lld mutated inputs in %s (seed %llu, max_len %zu, %zu dictionary tokens); no failure\n",
                  g_program, mutated, seconds(Clock::now() - inputs_done).c_str(),
                  static_cast<unsigned long long>(options.seed), options.max_len, dict.size());
    }
  }
  return 0;
}
