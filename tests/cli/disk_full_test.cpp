// A disk that fills up under mlkg: on a small tmpfs (root only; elsewhere the
// case says why it did not run), a write or an import that meets the full disk
// fails with exit 1 and a message in our words, changes nothing, and the
// database goes on answering reads, info and check; once space is freed,
// writes go on and nothing committed before or after was lost.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/pty_session.hpp"
#include "support/mlkg_process.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

using mlkg::test::CommandResult;
using mlkg::test::PtySession;
using mlkg::test::run_command;
using mlkg::test::TempDir;
using mlkg::test::mlkg_run;
namespace fs = std::filesystem;

namespace {

// A tmpfs of `size` mounted at `dir` while it lives.
class SmallDisk {
 public:
  SmallDisk(const std::string& dir, const char* size) : dir_(dir) {
    fs::create_directories(dir_);
    mounted_ = geteuid() == 0 && ::mount("tmpfs", dir_.c_str(), "tmpfs", 0, size) == 0;
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
  bool mounted() const { return mounted_; }

 private:
  std::string dir_;
  bool mounted_ = false;
};

// Writes `path` until the disk has at most `leave` bytes free (0: full).
void fill(const std::string& path, size_t leave) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  REQUIRE(fd >= 0);
  std::vector<char> block(4096, 'x');
  for (;;) {
    const fs::space_info space = fs::space(fs::path(path).parent_path());
    if (space.available <= leave) break;
    const size_t n = std::min<size_t>(block.size(), space.available - leave);
    if (::write(fd, block.data(), n) <= 0) break;  // ENOSPC: full
  }
  ::close(fd);
}

uint64_t count_nodes(const TempDir& home, const std::string& db) {
  auto r = mlkg_run(home, {"--db", db, "--format", "csv", "-c", "MATCH (n) RETURN count(n) AS n"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return std::stoull(r.out.substr(r.out.find('\n') + 1));
}

void require_disk_full_error(const CommandResult& r) {
  INFO("exit " << r.exit_code << ", stderr: " << r.err);
  REQUIRE(r.exit_code == 1);
  REQUIRE(r.err.find("the disk is full") != std::string::npos);
  REQUIRE(r.err.find("IO error") == std::string::npos);  // our words, not RocksDB's
}

void require_reads_work(const TempDir& home, const std::string& db, uint64_t nodes) {
  REQUIRE(count_nodes(home, db) == nodes);
  auto info = mlkg_run(home, {"--db", db, "info"});
  INFO(info.err);
  REQUIRE(info.exit_code == 0);
  auto check = mlkg_run(home, {"--db", db, "check"});
  INFO(check.out << check.err);
  REQUIRE(check.exit_code == 0);
  REQUIRE(check.out.rfind("ok: checked " + std::to_string(nodes) + " nodes", 0) == 0);
}

}  // namespace

TEST_CASE("disk full: writes and imports fail cleanly, reads go on, and writes resume once space is freed",
          "[cli][disk]") {
  TempDir home;
  SmallDisk disk(home.sub("small"), "size=6m");
  if (!disk.mounted()) {
    WARN("not run: mounting a tmpfs needs root (and CAP_SYS_ADMIN)");
    return;
  }
  const std::string db = home.sub("small/db");
  const std::string filler = home.sub("small/filler");
  auto created = mlkg_run(home, {"--db", db, "-c", "UNWIND range(1, 100) AS i CREATE (:Kept {i: i})-[:NEXT]->(:Kept)"});
  INFO(created.err);
  REQUIRE(created.exit_code == 0);
  uint64_t nodes = 200;

  // Room for a small write but not for a large one: the large one fails
  // part-way through writing its log, whole.
  fill(filler, 400 * 1024);
  const std::string large =
      "UNWIND range(1, 20000) AS i CREATE (:Lost {i: i, text: 'a property long enough to fill the log quickly'})";
  require_disk_full_error(mlkg_run(home, {"--db", db, "-c", large}));
  require_reads_work(home, db, nodes);
  auto small = mlkg_run(home, {"--db", db, "-c", "CREATE (:Small)"});
  INFO(small.err);
  REQUIRE(small.exit_code == 0);
  nodes += 1;
  require_reads_work(home, db, nodes);

  // No room at all: every kind of write fails the same way.
  fill(filler, 0);
  require_disk_full_error(mlkg_run(home, {"--db", db, "-c", "CREATE (:Lost)"}));
  require_disk_full_error(mlkg_run(home, {"--db", db, "-c", large}));
  {
    std::ofstream(home.sub("more.pg")) << "a :Imported\nb :Imported\na -> b :LINK\n";
  }
  require_disk_full_error(mlkg_run(home, {"--db", db, "import", home.sub("more.pg")}));
  // The shell (a shared store, which opens the writer per statement) reports
  // the statement's failure and goes on.
  {
    PtySession shell({MLKG_BINARY, "--db", db}, {"HOME=" + home.path(), "XDG_DATA_HOME=" + home.sub("xdg")});
    REQUIRE(shell.expect("mlkg> "));
    shell.mark();
    shell.send("CREATE (:Lost);\r");
    REQUIRE(shell.expect("the disk is full"));
    REQUIRE(shell.wait_prompt());
    shell.mark();
    shell.send("MATCH (n) RETURN count(n) AS n;\r");
    REQUIRE(shell.expect("1 row"));
    CHECK(shell.since_mark().find(" " + std::to_string(nodes) + " ") != std::string::npos);
    shell.send(":quit\r");
    CHECK(shell.wait_exit() == 0);
  }
  require_reads_work(home, db, nodes);

  // Space freed: writes and imports work again, and nothing was lost.
  fs::remove(filler);
  auto after = mlkg_run(home, {"--db", db, "-c", "CREATE (:AfterFree)"});
  INFO(after.err);
  REQUIRE(after.exit_code == 0);
  auto imported = mlkg_run(home, {"--db", db, "import", home.sub("more.pg")});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  nodes += 3;
  require_reads_work(home, db, nodes);
  auto lost = mlkg_run(home, {"--db", db, "--format", "csv", "-c", "MATCH (n:Lost) RETURN count(n) AS n"});
  REQUIRE(lost.out == "n\n0\n");
}
