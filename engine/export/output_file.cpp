#include "engine/export/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <ext/stdio_filebuf.h>

namespace mlkg::exporter {

namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }

}  // namespace

Status resolve_output_path(const std::string& requested, const FilePolicy& policy, std::string* out) {
  if (requested.empty()) return Status::invalid_argument("the file name is empty");
  if (!policy.confine_to) {
    *out = requested;
    return Status();
  }
  std::error_code ec;
  const fs::path root = fs::canonical(*policy.confine_to, ec);
  if (ec) return Status::invalid_argument("the export directory " + policy.confine_to->string() + " is not usable: " + ec.message());
  const fs::path asked(requested);
  for (const fs::path& part : asked)
    if (part == "..")
      return Status::invalid_argument("'" + requested + "' goes up with '..'; exports stay inside the export directory " +
                                      root.string());
  const fs::path full = asked.is_absolute() ? asked.lexically_normal() : (root / asked).lexically_normal();
  const fs::path inside = full.lexically_relative(root);
  if (inside.empty() || *inside.begin() == ".." || inside == ".")
    return Status::invalid_argument("'" + requested + "' is outside the export directory " + root.string() +
                                    " (mlkg --export-dir DIR allows another)");
  // No directory between the export directory and the file may be a link
  // (the file itself is checked when it is opened).
  fs::path at = root;
  std::vector<fs::path> parts(inside.begin(), inside.end());
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i].empty()) continue;
    at /= parts[i];
    struct stat st;
    if (::lstat(at.c_str(), &st) != 0) break;  // not there yet: it will be made a directory
    if (S_ISLNK(st.st_mode))
      return Status::invalid_argument("'" + requested + "' leads through the symbolic link " + at.string() +
                                      "; exports do not follow links out of the export directory");
  }
  *out = full.string();
  return Status();
}

struct OutputFile::Stream {
  explicit Stream(int fd) : buf(fd, std::ios::out | std::ios::binary), out(&buf) {}
  __gnu_cxx::stdio_filebuf<char> buf;  // owns the descriptor
  std::ostream out;
};

Status OutputFile::open(const std::string& path, const FilePolicy& policy, std::unique_ptr<OutputFile>* out) {
  std::unique_ptr<OutputFile> file(new OutputFile());
  file->path_ = path;
  struct stat st;
  mode_t keep_mode = 0;
  if (::lstat(path.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode))
      return Status::invalid_argument(path + " is a symbolic link; exports do not write through links");
    if (!S_ISREG(st.st_mode))
      return Status::invalid_argument(path + " is not a regular file (a directory, device, FIFO or socket); exports "
                                             "write regular files only");
    if (!policy.overwrite)
      return Status::invalid_argument(path + " exists; give overwrite: true (CALL export.*) or --force (mlkg export) "
                                             "to replace it");
    keep_mode = st.st_mode & 07777;
    file->replaces_ = true;
  } else if (errno != ENOENT) {
    return Status::io_error("cannot write " + path + ": " + errno_text());
  }
  // A new name beside the file, made by this call alone (O_EXCL), never a
  // link (O_NOFOLLOW): hidden, and removed unless the export completes.
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  static std::atomic<unsigned> counter{0};
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    file->temp_ = (dir / ("." + target.filename().string() + ".mlkg-" + std::to_string(::getpid()) + "-" +
                          std::to_string(counter++) + ".tmp"))
                      .string();
    fd = ::open(file->temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) return Status::io_error("cannot write " + path + ": " + errno_text());
  }
  if (fd < 0) return Status::io_error("cannot write " + path + ": no free temporary name beside it");
  if (file->replaces_ && ::fchmod(fd, keep_mode) != 0) {
    Status s = Status::io_error("cannot keep the mode of " + path + ": " + errno_text());
    ::close(fd);
    ::unlink(file->temp_.c_str());
    return s;
  }
  file->stream_ = std::make_unique<Stream>(fd);
  *out = std::move(file);
  return Status();
}

OutputFile::~OutputFile() {
  if (committed_) return;
  stream_.reset();  // closes the descriptor
  ::unlink(temp_.c_str());
}

std::ostream& OutputFile::stream() { return stream_->out; }

Status OutputFile::commit() {
  stream_->out.flush();
  if (!stream_->out || stream_->buf.fd() < 0 || ::fsync(stream_->buf.fd()) != 0)
    return Status::io_error("writing " + path_ + " failed" + (errno ? ": " + errno_text() : std::string()));
  stream_.reset();
  if (::rename(temp_.c_str(), path_.c_str()) != 0) return Status::io_error("cannot write " + path_ + ": " + errno_text());
  committed_ = true;
  return Status();
}

}  // namespace mlkg::exporter
