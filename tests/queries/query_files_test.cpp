// Runs the query tests kept as data in tests/queries/*.test (format in
// tests/queries/README.md) against fixture graphs from data/fixtures/.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/database.hpp"
#include "engine/query/parser/parser.hpp"
#include "support/temp_dir.hpp"
#include "support/test_db.hpp"

namespace fs = std::filesystem;
using namespace mlkg;

namespace {

struct Expectation {
  enum class Kind { kRows, kError, kOk } kind = Kind::kOk;
  bool unordered = false;
  std::vector<std::string> rows;  // kRows
  std::string error;              // kError: the start of the first line
};

struct Statement {
  std::string text;
  Expectation expect;
  size_t line = 0;
};

struct Case {
  std::string name;
  std::string dataset;
  std::vector<Statement> statements;
};

std::vector<Case> parse_test_file(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<Case> cases;
  std::string dataset = "empty";
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (l.rfind("-DATASET ", 0) == 0) {
      dataset = l.substr(9);
    } else if (l.rfind("-CASE ", 0) == 0) {
      cases.push_back({l.substr(6), dataset, {}});
    } else if (l.rfind("-STATEMENT ", 0) == 0) {
      REQUIRE_FALSE(cases.empty());
      Statement st;
      st.line = i + 1;
      st.text = l.substr(11);
      // Continuation lines until the "----" line.
      while (i + 1 < lines.size() && lines[i + 1].rfind("----", 0) != 0) st.text += "\n" + lines[++i];
      REQUIRE(i + 1 < lines.size());
      std::istringstream header(lines[++i].substr(4));
      std::string what;
      header >> what;
      if (what == "error") {
        st.expect.kind = Expectation::Kind::kError;
        st.expect.error = lines.at(++i);
      } else if (what == "ok") {
        st.expect.kind = Expectation::Kind::kOk;
      } else {
        st.expect.kind = Expectation::Kind::kRows;
        size_t n = std::stoul(what);
        std::string mode;
        header >> mode;
        st.expect.unordered = mode == "unordered";
        for (size_t k = 0; k < n; ++k) st.expect.rows.push_back(lines.at(++i));
      }
      cases.back().statements.push_back(std::move(st));
    }
  }
  return cases;
}

std::string cell(const Value& v) { return v.is_string() ? v.as_string() : v.to_literal(); }

std::vector<std::string> render_rows(const query::QueryResult& r) {
  std::vector<std::string> out;
  for (const auto& row : r.rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) line += (i ? "\t" : "") + cell(row[i]);
    out.push_back(line);
  }
  return out;
}

void load_dataset(Database& db, const std::string& name) {
  if (name == "empty") return;
  std::string file = std::string(MLKG_SOURCE_DIR) + "/data/fixtures/" + name + ".pg";
  load::ImportStats stats;
  Status s = db.import_files({file}, load::ImportOptions{}, &stats);
  INFO(s.to_string());
  REQUIRE(s.ok());
}

}  // namespace

TEST_CASE("query files: every case of tests/queries/*.test gives its expected rows or error", "[query]") {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(MLKG_SOURCE_DIR) / "tests" / "queries"))
    if (e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  size_t total = 0;
  for (const auto& file : files) {
    for (const Case& c : parse_test_file(file)) {
      DYNAMIC_SECTION(file.filename().string() << ": " << c.name) {
        test::TempDir dir;
        auto db = test::open_db(dir.sub("db"));
        load_dataset(*db, c.dataset);
        for (const Statement& st : c.statements) {
          INFO(file.filename().string() << ":" << st.line << ": " << st.text);
          ++total;
          try {
            query::QueryResult r = db->execute(st.text);
            INFO("the statement succeeded with " << r.rows.size() << " rows");
            REQUIRE(st.expect.kind != Expectation::Kind::kError);
            if (st.expect.kind == Expectation::Kind::kRows) {
              std::vector<std::string> got = render_rows(r);
              std::vector<std::string> want = st.expect.rows;
              if (st.expect.unordered) {
                std::sort(got.begin(), got.end());
                std::sort(want.begin(), want.end());
              }
              REQUIRE(got == want);
            }
          } catch (const query::QueryError& e) {
            INFO("error: " << e.what());
            REQUIRE(st.expect.kind == Expectation::Kind::kError);
            REQUIRE(std::string(e.what()).rfind(st.expect.error, 0) == 0);
          }
        }
      }
    }
  }
}
