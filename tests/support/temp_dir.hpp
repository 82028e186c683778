#pragma once
// A fresh directory under `parent` (empty: $TMPDIR, or /tmp), removed with
// everything in it when the object goes out of scope.

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace mlkg::test {

class TempDir {
 public:
  explicit TempDir(std::string parent = "") {
    if (parent.empty()) {
      const char* base = std::getenv("TMPDIR");
      parent = base && *base ? base : "/tmp";
    }
    std::string tmpl = parent + "/mlkg-test-XXXXXX";
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot make a directory in " + parent);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace mlkg::test
