#pragma once
// QueryError: why a statement failed, in the openCypher TCK's vocabulary.
//
// The query layers (parser, binder, planner, execution, and the procedures
// they call) throw QueryError and nothing else; Database::execute lets it
// through to its caller (kuzu does the same), and storage below them never
// throws (it returns Status). A QueryError carries two enums, its class and
// its detail code, mapped once, here, to the names the CLI prints and the
// TCK expects. The rendered form, which the first line of stderr must
// start with, is
//   <Class>: <Code>: <message>
// e.g. "SyntaxError: UndefinedVariable: variable `m` is not defined".
//
// Class is the TCK's error class: SyntaxError (the TCK puts every
// compile-time error there, semantic ones included), TypeError,
// ArgumentError, SemanticError, EntityNotFound,
// ConstraintVerificationFailed, ParameterMissing, ProcedureError; and
// Neo4j's for what the TCK has no class for: SchemaError (index and
// constraint commands), DatabaseError (storage failed), TransientError
// (cancelled), InternalError (a bug). Code is the TCK's detail code
// (UndefinedVariable, InvalidArgumentType, IntegerOverflow, ...), or none.

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "engine/common/status.hpp"

namespace mlkg::query {

// A place in the query text: 1-based line and column (column counts bytes),
// and the byte offset. line == 0 means unknown.
struct SourcePosition {
  size_t offset = 0;
  size_t line = 0;
  size_t column = 0;
};

enum class ErrorClass : uint8_t {
  kSyntax,  // SyntaxError
  kSemantic,  // SemanticError
  kType,  // TypeError
  kArgument,  // ArgumentError
  kEntityNotFound,  // EntityNotFound
  kConstraint,  // ConstraintVerificationFailed
  kParameterMissing,  // ParameterMissing
  kProcedure,  // ProcedureError
  kSchema,  // SchemaError
  kDatabase,  // DatabaseError
  kTransient,  // TransientError
  kTransaction,  // TransactionError: an explicit transaction used wrongly, or failed (not TCK)
  kInternal,  // InternalError
};

enum class ErrorCode : uint8_t {
  kNone,  // no detail code
  kUnexpectedSyntax,
  kInvalidNumberLiteral,
  kIntegerOverflow,
  kFloatingPointOverflow,
  kInvalidUnicodeLiteral,
  kInvalidUnicodeCharacter,
  kUndefinedVariable,
  kVariableAlreadyBound,
  kVariableTypeConflict,
  kInvalidArgumentType,
  kInvalidArgumentValue,
  kInvalidAggregation,
  kAmbiguousAggregationExpression,
  kNoSingleRelationshipType,
  kInvalidNumberOfArguments,
  kNonConstantExpression,
  kNegativeIntegerArgument,
  kInvalidRelationshipPattern,
  kInvalidParameterUse,
  kInvalidDelete,
  kInvalidClauseComposition,
  kColumnNameConflict,
  kUnknownFunction,
  kRequiresDirectedRelationship,
  kRelationshipUniquenessViolation,
  kNoVariablesInScope,
  kNoExpressionAlias,
  kDifferentColumnsInUnion,
  kCreatingVarLength,
  kInvalidPropertyType,
  kNumberOutOfRange,
  kDeletedEntityAccess,
  kDeleteConnectedNode,
  kMergeReadOwnWrites,
  kProcedureNotFound,
  kMissingParameter,
  kInvalidArgumentPassingMode,
  kUnknownLabel,  // not TCK: "did you mean" hints
  kIndexAlreadyExists,            // the name or schema is taken
  kIndexNotFound,
  kConstraintAlreadyExists,  // the name or schema is taken
  kConstraintNotFound,
  kEquivalentSchemaRuleAlreadyExists,
  kConstraintCreationFailed,    // the data breaks it
  kForbiddenOnConstraintIndex,  // DROP INDEX of a constraint
  kConstraintVerificationFailed,
  // TransactionError (explicit transactions, not TCK):
  kTransactionMarkedAsFailed,  // a statement failed in it: only a rollback ends it
  kNoOpenTransaction,          // COMMIT or ROLLBACK with none open; a statement after the end
  kTransactionAlreadyOpen,     // BEGIN inside a transaction (they do not nest)
  kReadOnlyTransaction,        // a statement that writes, in a transaction that may only read
  kTimedOut,      // TransientError: the statement ran longer than its timeout
  kOutOfMemory,   // TransientError: an allocation failed while the statement ran
  kCancelled,  // TransientError: the statement was cancelled (Ctrl-C). Keep it last.
};

// The names printed and compared: "SyntaxError", "UndefinedVariable" ("" for ErrorCode::kNone).
std::string_view error_class_name(ErrorClass c);
std::string_view error_code_name(ErrorCode c);
// The code called `name` (as error_code_name spells it); kUnexpectedSyntax
// for a name that is none (the grammar names its codes as text, knowing no
// engine header).
ErrorCode error_code_from_name(std::string_view name);

class QueryError : public std::exception {
 public:
  QueryError(ErrorClass error_class, ErrorCode code, std::string message, SourcePosition position = {});

  ErrorClass error_class() const { return error_class_; }
  ErrorCode code() const { return code_; }
  std::string_view class_name() const { return error_class_name(error_class_); }
  std::string_view code_name() const { return error_code_name(code_); }
  const std::string& message() const { return message_; }
  const SourcePosition& position() const { return position_; }
  // "<Class>: <Code>: <message>" (no code: "<Class>: <message>").
  const char* what() const noexcept override { return rendered_.c_str(); }

 private:
  ErrorClass error_class_;
  ErrorCode code_;
  std::string message_;
  SourcePosition position_;
  std::string rendered_;
};

// Where a statement meets a failed Status from storage, the one mapping to
// its error: DatabaseError with the Status's message (after `context`, e.g.
// "algo.pageRank: ", when given). Nothing when `s` is ok.
void throw_if_failed(const Status& s, std::string_view context = {});

}  // namespace mlkg::query
