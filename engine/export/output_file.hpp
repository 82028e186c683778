#pragma once
// How an export writes its files, so they stay the user's:
//  - an existing file is replaced only when the policy says so (overwrite),
//    and then keeps its permission bits; a symbolic link, a device, a FIFO,
//    a socket or a directory where the file should go is never written
//    through or replaced;
//  - the file is written under a temporary name beside it (created new,
//    never through a link) and renamed over it once complete, so a failed
//    export leaves the old file, or none, and never half a file;
//  - for an export a query asked for (CALL export.*), the file must lie
//    inside the export directory the user allowed: a relative name is taken
//    from it, an absolute one must point inside it, no `..` is accepted, and
//    no directory on the way may be a symbolic link.
// (A hard link to a replaced file keeps the old contents: renaming makes a
// new file, as every atomic replacement does.)

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "engine/common/status.hpp"

namespace mlkg::exporter {

struct FilePolicy {
  bool overwrite = false;  // replace a regular file that exists
  // Set for the exports of queries: the directory every file must lie in.
  std::optional<std::filesystem::path> confine_to;
};

// The path to write for `requested` under `policy`: `requested` itself, or,
// when confined, the file inside the export directory it names. Fails with
// kInvalidArgument saying why a confined name is refused (`..`, outside the
// directory, a symbolic link on the way).
Status resolve_output_path(const std::string& requested, const FilePolicy& policy, std::string* out);

class OutputFile {
 public:
  // Checks what is at `path` (see above) and creates the temporary file.
  // kInvalidArgument when the target may not be written (exists without
  // overwrite, not a regular file, a link); kIOError when the temporary
  // file cannot be created.
  static Status open(const std::string& path, const FilePolicy& policy, std::unique_ptr<OutputFile>* out);
  ~OutputFile();  // removes the temporary file unless committed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream();
  // Flushes, syncs and renames the temporary file over the path.
  Status commit();
  const std::string& path() const { return path_; }
  // Whether commit() replaced a file that was there.
  bool replaces() const { return replaces_; }

 private:
  OutputFile() = default;
  struct Stream;
  std::string path_, temp_;
  std::unique_ptr<Stream> stream_;
  bool replaces_ = false;
  bool committed_ = false;
};

}  // namespace mlkg::exporter
