#include "repl/default_database.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/database.hpp"

namespace fs = std::filesystem;

namespace mlkg::repl {

namespace {

constexpr const char* kDatabasePrefix = "syllabus-";
// Bump when the way data/ is loaded changes, so existing builds are redone.
constexpr const char* kLoaderGeneration = "pg-loader-2-schema";

// FNV-1a, 64 bits: enough to tell versions of a few hundred kilobytes apart.
struct Fingerprint {
  uint64_t h = 1469598103934665603ull;
  void add(std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    add_separator();
  }
  void add_separator() {
    h ^= 0xff;
    h *= 1099511628211ull;
  }
  std::string hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
  }
};

Status fingerprint_files(const std::vector<std::string>& files, std::string* out) {
  Fingerprint fp;
  fp.add(kLoaderGeneration);
  fp.add(std::to_string(storage::kFormatVersion));
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Status::io_error("cannot read " + f);
    std::ostringstream ss;
    ss << in.rdbuf();
    fp.add(fs::path(f).filename().string());
    fp.add(ss.str());
  }
  *out = fp.hex();
  return Status();
}

void remove_stale(const fs::path& home, const std::string& current) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(home, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(kDatabasePrefix, 0) != 0 || name == current) continue;
    if (name.find(".building-") != std::string::npos) {
      // A build in progress elsewhere, or one that died: remove only old ones.
      auto age = fs::file_time_type::clock::now() - fs::last_write_time(entry.path(), ec);
      if (ec || age < std::chrono::hours(1)) continue;
    } else {
      // Skip databases another process has open.
      if (Database::in_use(entry.path().string())) continue;
    }
    fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

std::string user_data_dir() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/mlkg";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/mlkg";
}

std::string bundled_data_dir() {
  std::error_code ec;
  if (const char* env = std::getenv("MLKG_DATA_DIR"); env && *env) return env;
  if (fs::is_directory(MLKG_SOURCE_DATA_DIR, ec)) return MLKG_SOURCE_DATA_DIR;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "mlkg" / "data";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  return "";
}

std::vector<std::string> bundled_data_files(const std::string& data_dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(data_dir, ec))
    if (entry.is_regular_file(ec) && entry.path().extension() == ".pg" && entry.path().filename() != kSchemaFileName)
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

Status ensure_default_database(std::string* path, const DefaultDatabaseEvents& events) {
  std::string data_dir = bundled_data_dir();
  if (data_dir.empty())
    return Status::not_found("the bundled data files are missing (set MLKG_DATA_DIR to the data/ folder)");
  std::vector<std::string> files = bundled_data_files(data_dir);
  if (files.empty()) return Status::not_found("no .pg files in " + data_dir);
  std::string schema_file = (fs::path(data_dir) / kSchemaFileName).string();
  std::error_code exists_ec;
  bool has_schema = fs::exists(schema_file, exists_ec);
  std::vector<std::string> fingerprinted = files;
  if (has_schema) fingerprinted.push_back(schema_file);
  std::string fingerprint;
  MLKG_RETURN_IF_ERROR(fingerprint_files(fingerprinted, &fingerprint));

  fs::path home = user_data_dir();
  std::string name = kDatabasePrefix + fingerprint;
  fs::path target = home / name;
  *path = target.string();
  std::error_code ec;
  if (fs::exists(target / "CURRENT", ec)) return Status();

  fs::create_directories(home, ec);
  if (ec) return Status::io_error("cannot create " + home.string() + ": " + ec.message());
  fs::path building = home / (name + ".building-" + std::to_string(::getpid()));
  fs::remove_all(building, ec);
  if (events.on_build)
    events.on_build("Building the syllabus graph from " + data_dir + " into " + target.string() + " ...");
  {
    std::unique_ptr<Database> db;
    storage::OpenOptions exclusive;  // a private directory until it is renamed into place
    exclusive.access = storage::Access::kExclusive;
    MLKG_RETURN_IF_ERROR(Database::open(building.string(), exclusive, &db));
    load::ImportOptions options;
    options.progress = events.on_progress;
    load::Schema schema;
    Status s;
    if (has_schema) {
      std::ifstream in(schema_file, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      s = load::Schema::parse(text.str(), schema_file, &schema);
      options.schema = &schema;
    }
    load::ImportStats stats;
    if (s.ok()) s = db->import_files(files, options, &stats);
    if (!s.ok()) {
      db.reset();
      fs::remove_all(building, ec);
      return s;
    }
  }
  fs::rename(building, target, ec);
  if (ec) {
    // Another process finished the same build first: use its copy.
    fs::remove_all(building, ec);
    if (!fs::exists(target / "CURRENT", ec)) return Status::io_error("cannot move the new database to " + target.string());
  }
  remove_stale(home, name);
  return Status();
}

}  // namespace mlkg::repl
