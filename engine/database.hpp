#pragma once
// mlkg's public engine API: a Database is one open graph directory.
//
// repl/ and the tests use only this header (and the option and result types
// it brings in); everything below engine/ is reachable through it.
//
// Errors: what opens, describes, checks, imports or exports a database
// returns a [[nodiscard]] Status (engine/common/status.hpp) and never throws;
// what runs a statement (execute, and export_graph's query) or a
// transaction (begin_transaction and the ExplicitTransaction it returns)
// throws query::QueryError (engine/common/query_error.hpp), with the TCK's
// class and code. Each Database owns its procedure registry; two Databases in one
// process share nothing.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/status.hpp"
#include "engine/query/explicit_transaction.hpp"
#include "engine/query/parser/ast.hpp"
#include "engine/query/runtime/query_result.hpp"
#include "engine/query/runtime/statement_limits.hpp"
#include "engine/export/export_procedures.hpp"
#include "engine/export/graph_exporter.hpp"
#include "engine/load/graph_loader.hpp"
#include "engine/procedure/procedure_registry.hpp"
#include "engine/storage/consistency_check.hpp"
#include "engine/storage/graph_store.hpp"

namespace mlkg {

struct DatabaseInfo {
  std::string path;
  uint32_t format_version = 0;
  uint64_t disk_bytes = 0;
  uint64_t nodes = 0;
  uint64_t relationships = 0;
  std::vector<std::pair<std::string, uint64_t>> labels;  // name, nodes with it (catalog order)
  std::vector<std::pair<std::string, uint64_t>> types;   // name, relationships of it
  std::vector<std::string> property_keys;
  std::vector<std::string> indexes;  // e.g. "UNIQUE (every node).id", "FULLTEXT svc (:Service|UseCase) [name, summary]"
};

class Database {
 public:
  // Opens or creates the database in `dir` (see storage::GraphStore::open for
  // the failures).
  static Status open(const std::string& dir, const storage::OpenOptions& options, std::unique_ptr<Database>* out);
  // Whether any process has the database in `dir` open (e.g. before removing it).
  static bool in_use(const std::string& dir) { return storage::GraphStore::in_use(dir); }

  storage::GraphStore& store() { return *store_; }
  // The procedures CALL can run on this database: the built-in ones and
  // those of the algo, text, fit, export and load folders, added at open.
  const procedure::ProcedureRegistry& procedures() const { return procedures_; }
  // Adds the procedures every Database has to `registry` (what the
  // constructor fills procedures() with), for a caller that must know them
  // before a database is open (e.g. whether a script's CALLs write).
  static void add_standard_procedures(
      procedure::ProcedureRegistry& registry,
      std::shared_ptr<const exporter::ExportDirectory> export_directory = std::make_shared<exporter::ExportDirectory>());
  // Adds a procedure of the caller's to this database's registry (replacing
  // one of the same name, in any case): how an embedding program plugs in
  // its own. Not thread-safe: call it before running statements.
  void add_procedure(procedure::Procedure p) { procedures_.add(std::move(p)); }
  const std::string& path() const { return store_->path(); }
  // Where CALL export.* may write (exporter::ExportDirectory): the current
  // directory unless set; kInvalidArgument when `dir` is not a directory.
  Status set_export_directory(const std::string& dir);

  Status info(DatabaseInfo* out);
  Status check(storage::CheckReport* out, size_t max_reported = 100);
  Status import_files(const std::vector<std::string>& paths, const load::ImportOptions& options,
                      load::ImportStats* stats);
  Status export_graph(exporter::ExportFormat format, std::ostream& out, exporter::ExportStats* stats);
  // Exports the whole graph (no query), or the subgraph of the nodes,
  // relationships and paths `query` returns (run with `params`), as of one
  // snapshot. Throws query::QueryError when the query fails; otherwise
  // returns the export's Status (engine/export/graph_exporter.hpp).
  Status export_graph(const exporter::ExportOptions& options, const std::optional<std::string>& query,
                      const ValueMap& params, exporter::ExportStats* stats);

  // Runs one parsed statement (query::parse_script makes them). Throws
  // query::QueryError when it fails; a failed statement changes nothing.
  // `cancelled`, when set from another thread (Ctrl-C), stops it
  // (TransientError: Cancelled); so does reaching one of its `limits`
  // (engine/query/runtime/statement_limits.hpp): running longer than its
  // timeout (TransientError: TransactionTimedOut) or holding more memory
  // than its budget, by default half the memory the process may use
  // (TransientError: OutOfMemoryError). An allocation that fails stops it
  // too (TransientError: OutOfMemoryError), not the process. Statements may
  // run on several threads at once; each has its own budget, counted on the
  // thread that calls execute.
  query::QueryResult execute(const query::ast::Statement& statement, const ValueMap& params = {},
                             const std::atomic<bool>* cancelled = nullptr, const query::StatementLimits& limits = {});
  // Parses `text`, which must hold exactly one statement, and runs it with
  // the default limits.
  query::QueryResult execute(std::string_view text, const ValueMap& params = {});

  // Begins an explicit transaction: statements run in it with its
  // execute(), each seeing the earlier ones' writes, until its commit()
  // makes them all visible at once or its rollback() (or its destructor)
  // drops them. kReadWrite takes the write lock now, waiting up to the busy
  // timeout, and holds it until the transaction ends; kReadOnly reads one
  // snapshot and takes no lock. engine/query/explicit_transaction.hpp has
  // the contracts (a failed statement, schema statements, threads). Throws
  // query::QueryError (DatabaseError) when the lock stayed taken or a
  // read-write transaction is asked of a read-only database. The
  // transaction must not outlive this Database.
  std::unique_ptr<query::ExplicitTransaction> begin_transaction(
      query::TransactionMode mode = query::TransactionMode::kReadWrite) {
    return std::make_unique<query::ExplicitTransaction>(*store_, procedures_, mode);
  }

 private:
  explicit Database(std::unique_ptr<storage::GraphStore> store);
  std::unique_ptr<storage::GraphStore> store_;
  std::shared_ptr<exporter::ExportDirectory> export_directory_;  // shared with the export procedures
  procedure::ProcedureRegistry procedures_;  // filled by the constructor, read-only afterwards
};

}  // namespace mlkg
