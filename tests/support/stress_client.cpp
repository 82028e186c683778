// mlkg_stress_client: one process of the readers-and-writers stress test
// (tests/storage/readers_writers_stress_test.cpp), using only the engine's
// embedding API with the access the shell uses (storage::Access::kShared).
//
//   mlkg_stress_client write DIR WRITER
//     Forever: one statement that adds one to the counter and creates one
//     Item with this writer's name and the next number, then prints
//     "ack WRITER NUMBER" (flushed) once it committed. A statement that
//     fails (the lock stayed taken) is reported on stderr and retried.
//   mlkg_stress_client read DIR SECONDS
//     For SECONDS: reads the counter and the Items in one statement; in
//     every committed state they agree, so a difference means the reader saw
//     half a statement. Prints "reads N torn T" and exits 1 if T > 0.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "engine/database.hpp"

using namespace mlkg;

namespace {

std::unique_ptr<Database> open_shared(const char* dir) {
  storage::OpenOptions options;
  options.access = storage::Access::kShared;
  options.busy_timeout = std::chrono::seconds(30);
  options.client = "mlkg_stress_client";
  std::unique_ptr<Database> db;
  if (Status s = Database::open(dir, options, &db); !s.ok()) {
    std::fprintf(stderr, "open: %s\n", s.to_string().c_str());
    std::exit(2);
  }
  return db;
}

int write(const char* dir, const std::string& writer) {
  auto db = open_shared(dir);
  for (int64_t i = 0;; ++i) {
    ValueMap params;
    params["w"] = Value(writer);
    params["i"] = Value(i);
    try {
      db->execute("MATCH (c:Counter) SET c.n = c.n + 1 CREATE (:Item {w: $w, i: $i})", params);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "write %s %lld: %s\n", writer.c_str(), static_cast<long long>(i), e.what());
      --i;
      continue;
    }
    std::printf("ack %s %lld\n", writer.c_str(), static_cast<long long>(i));
    std::fflush(stdout);
  }
}

int read(const char* dir, double seconds) {
  auto db = open_shared(dir);
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  long reads = 0, torn = 0;
  while (std::chrono::steady_clock::now() < end) {
    try {
      query::QueryResult r =
          db->execute("MATCH (c:Counter) OPTIONAL MATCH (x:Item) RETURN c.n AS n, count(x) AS items");
      ++reads;
      if (r.rows.size() != 1 || !(r.rows[0][0] == r.rows[0][1])) {
        ++torn;
        std::printf("torn: %s\n",
                     r.rows.size() != 1 ? "not one row"
                                        : ("counter " + std::to_string(r.rows[0][0].is_int() ? r.rows[0][0].as_int() : -1) + ", items " + std::to_string(r.rows[0][1].as_int()))
                                              .c_str());
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "read: %s\n", e.what());
      ++torn;
    }
  }
  std::printf("reads %ld torn %ld\n", reads, torn);
  return torn == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "write") return write(argv[2], argv[3]);
  if (argc == 4 && std::string(argv[1]) == "read") return read(argv[2], std::atof(argv[3]));
  std::fprintf(stderr, "usage: mlkg_stress_client write DIR WRITER | read DIR SECONDS\n");
  return 2;
}
