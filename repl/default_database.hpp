#pragma once
// The default database: the bundled syllabus graph, built from the files in
// data/ on first use into the user's data directory and rebuilt whenever
// those files change (DESIGN.md section 5).
//
// The database lives in <data home>/mlkg/syllabus-<fingerprint>, where the
// fingerprint hashes the data files' names and contents and the storage
// format. A change to any file therefore means a new directory: it is built
// under a temporary name and renamed into place, so a half-built database is
// never opened, and two mlkg processes starting at once cannot clash (one
// rename wins; the other's copy is discarded). Directories of older
// fingerprints are removed when nothing has them open.

#include <functional>
#include <string>
#include <vector>

#include "engine/common/status.hpp"
#include "engine/load/graph_loader.hpp"

namespace mlkg::repl {

// $XDG_DATA_HOME/mlkg, else $HOME/.local/share/mlkg.
std::string user_data_dir();

// Where the bundled data files are: $MLKG_DATA_DIR, else the source tree's
// data/ this binary was built from, else <prefix>/share/mlkg/data next to an
// installed binary. Empty when none exists.
std::string bundled_data_dir();

// The graph files of the bundle (data/*.pg but the schema), sorted by name.
std::vector<std::string> bundled_data_files(const std::string& data_dir);
// The bundle's schema file (data/schema.pg).
inline constexpr const char* kSchemaFileName = "schema.pg";

struct DefaultDatabaseEvents {
  // Called once when a build starts (so the user knows why start-up waits).
  std::function<void(const std::string& message)> on_build;
  std::function<void(const load::ImportProgress&)> on_progress;
};

// Sets *path to the default database directory, building it first if it is
// missing or stale. Fails with the import's error (file, line, column) if a
// data file is broken; nothing is left behind then.
Status ensure_default_database(std::string* path, const DefaultDatabaseEvents& events = {});

}  // namespace mlkg::repl
