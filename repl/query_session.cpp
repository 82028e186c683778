#include "repl/query_session.hpp"

#include <cstdio>

#include "engine/query/parser/parser.hpp"

namespace mlkg::repl {

bool QuerySession::run_script(std::string_view text) {
  std::vector<query::ast::Statement> statements;
  try {
    statements = query::parse_script(text);
  } catch (const query::QueryError& e) {
    err_ << query::format_error(e, text) << "\n";
    return false;
  }
  for (const auto& statement : statements) {
    cancelled_ = false;
    try {
      query::QueryResult result = db_.execute(statement, options_.params, &cancelled_, options_.limits);
      RenderOptions render = options_.render;
      render.show_elapsed = options_.timing;
      render_result(result, options_.format, *out_, render);
      // The table and json show a plan themselves; elsewhere EXPLAIN's plan
      // is the output, and PROFILE's goes beside the rows.
      if (!result.plan.empty() && options_.format != OutputFormat::kTable && options_.format != OutputFormat::kJson)
        (result.returns_rows ? err_ : *out_) << result.plan;
      out_->flush();
      for (const auto& notice : result.notices) err_ << "note: " << notice << "\n";
      if (options_.timing && options_.format != OutputFormat::kTable) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "(%zu %s, %s)\n", result.rows.size(), result.rows.size() == 1 ? "row" : "rows",
                      format_ms(result.elapsed_ms).c_str());
        err_ << buf;
      }
      if (result.stats.any()) changed_ = true;
      if (result.returns_rows) last_ = std::move(result);
    } catch (const query::QueryError& e) {
      out_->flush();
      // Ctrl-C: the terminal has echoed ^C; say so on a line of its own.
      if (cancelled_.load()) err_ << "\nCancelled: the statement was stopped and changed nothing.\n";
      else if (e.code() == query::ErrorCode::kOutOfMemory && options_.limits.max_memory != 0)
        err_ << query::format_error(query::QueryError(e.error_class(), e.code(),
                                                      e.message() + " (set by --max-memory or the shell's :max-memory)",
                                                      e.position()),
                                    text)
             << "\n";
      else err_ << query::format_error(e, text) << "\n";
      return false;
    }
  }
  return true;
}

namespace {

// `procedures` is made at the first CALL: most scripts have none, and every
// process start would pay for it.
bool clause_writes(const query::ast::Clause& c, std::optional<procedure::ProcedureRegistry>& procedures) {
  switch (c.kind) {
    case query::ast::ClauseKind::kCreate:
    case query::ast::ClauseKind::kMerge:
    case query::ast::ClauseKind::kSet:
    case query::ast::ClauseKind::kRemove:
    case query::ast::ClauseKind::kDelete:
      return true;
    case query::ast::ClauseKind::kCall: {
      if (!procedures) Database::add_standard_procedures(procedures.emplace());
      const procedure::Procedure* p = procedures->find(c.procedure);
      return p && p->signature.mode != procedure::ProcedureMode::kRead;
    }
    case query::ast::ClauseKind::kSchema:
      return c.schema.kind != query::ast::SchemaCommand::Kind::kShowIndexes &&
             c.schema.kind != query::ast::SchemaCommand::Kind::kShowConstraints;
    default:
      return false;
  }
}

}  // namespace

bool script_is_read_only(std::string_view text) {
  std::optional<procedure::ProcedureRegistry> procedures;
  for (const auto& statement : query::parse_script(text))
    for (const auto& part : statement.query.parts)
      for (const auto& clause : part.clauses)
        if (clause_writes(clause, procedures)) return false;
  return true;
}

}  // namespace mlkg::repl
