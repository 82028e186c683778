#include "repl/query_session.hpp"

#include <cstdio>

#include "engine/query/parser/parser.hpp"

namespace mlkg::repl {

bool QuerySession::run_script(std::string_view text) {
  std::vector<ScriptStep> steps;
  try {
    steps = parse_session_script(text);
  } catch (const query::QueryError& e) {
    show_error(e, text);
    return false;
  }
  for (const ScriptStep& step : steps) {
    if (step.kind != ScriptStep::Kind::kStatement) {
      if (!run_command(step, text)) return false;
      continue;
    }
    const query::ast::Statement& statement = step.statement;
    cancelled_ = false;
    try {
      query::QueryResult result =
          transaction_ ? transaction_->execute(statement, options_.params, &cancelled_, options_.limits)
                       : db_.execute(statement, options_.params, &cancelled_, options_.limits);
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
        show_error(query::QueryError(e.error_class(), e.code(),
                                     e.message() + " (set by --max-memory or the shell's :max-memory)", e.position()),
                   text);
      else show_error(e, text);
      if (options_.announce_transactions && transaction_state() == TransactionState::kFailed &&
          e.code() != query::ErrorCode::kTransactionMarkedAsFailed)
        err_ << "The transaction failed with this statement and was rolled back, writing nothing; "
                "statements are refused until ROLLBACK.\n";
      return false;
    }
  }
  return true;
}

bool QuerySession::run_command(const ScriptStep& step, std::string_view text) {
  using Kind = ScriptStep::Kind;
  auto refuse = [&](query::ErrorCode code, const std::string& message) {
    show_error(query::QueryError(query::ErrorClass::kTransaction, code, message, step.position), text);
    return false;
  };
  switch (step.kind) {
    case Kind::kBegin:
    case Kind::kBeginReadOnly: {
      if (transaction_)
        return refuse(query::ErrorCode::kTransactionAlreadyOpen,
                      "a transaction is open already (they do not nest); COMMIT or ROLLBACK it first");
      // A read-only database (--read-only, a script that only reads) can
      // have only read-only transactions.
      const bool read_only = step.kind == Kind::kBeginReadOnly || db_.store().read_only();
      try {
        transaction_ = db_.begin_transaction(read_only ? query::TransactionMode::kReadOnly
                                                       : query::TransactionMode::kReadWrite);
      } catch (const query::QueryError& e) {
        show_error(e, text);
        return false;
      }
      if (options_.announce_transactions)
        err_ << (read_only ? "Began a read-only transaction: statements read one snapshot until COMMIT or ROLLBACK.\n"
                           : "Began a transaction: statements run in it until COMMIT or ROLLBACK, "
                             "and others wait to write until then.\n");
      return true;
    }
    case Kind::kCommit: {
      if (!transaction_) return refuse(query::ErrorCode::kNoOpenTransaction, "COMMIT: no transaction is open");
      std::unique_ptr<query::ExplicitTransaction> ending = std::move(transaction_);
      try {
        ending->commit();
      } catch (const query::QueryError& e) {
        show_error(e, text);
        return false;
      }
      if (ending->stats().any()) changed_ = true;
      if (options_.announce_transactions) {
        const size_t n = ending->statements();
        err_ << "Committed " << n << (n == 1 ? " statement" : " statements")
             << (ending->stats().any() ? ". " + describe_stats(ending->stats()) : ", which changed nothing.") << "\n";
      }
      return true;
    }
    case Kind::kRollback: {
      if (!transaction_) return refuse(query::ErrorCode::kNoOpenTransaction, "ROLLBACK: no transaction is open");
      roll_back_open_transaction();
      if (options_.announce_transactions) err_ << "Rolled back: nothing the transaction wrote was kept.\n";
      return true;
    }
    case Kind::kStatement: break;
  }
  return true;
}

void QuerySession::show_error(const query::QueryError& e, std::string_view text) {
  err_ << query::format_error(e, text) << "\n";
}

QuerySession::TransactionState QuerySession::transaction_state() const {
  if (!transaction_) return TransactionState::kNone;
  return transaction_->state() == query::ExplicitTransaction::State::kFailed ? TransactionState::kFailed
                                                                            : TransactionState::kOpen;
}

bool QuerySession::roll_back_open_transaction() {
  if (!transaction_) return false;
  transaction_->rollback();
  transaction_.reset();
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
  for (const ScriptStep& step : parse_session_script(text))
    for (const auto& part : step.statement.query.parts)  // a command has no parts
      for (const auto& clause : part.clauses)
        if (clause_writes(clause, procedures)) return false;
  return true;
}

}  // namespace mlkg::repl
