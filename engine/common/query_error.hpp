#pragma once
// QueryError: why a statement failed, in the openCypher TCK's vocabulary.
//
// Parse, bind, plan and execute throw QueryError; Database::execute catches
// it once and turns it into the statement's error (kuzu does the same). The
// rendered form, which the first line of stderr must start with, is
//   <Class>: <Code>: <message>
// e.g. "SyntaxError: UndefinedVariable: variable `m` is not defined".
//
// Class is the TCK's error class: SyntaxError (the TCK puts every
// compile-time error there, semantic ones included), TypeError,
// ArgumentError, SemanticError, EntityNotFound,
// ConstraintVerificationFailed, ParameterMissing, ProcedureError.
// Code is the TCK's detail code (UndefinedVariable, InvalidArgumentType,
// IntegerOverflow, ...); see the constants below.

#include <cstddef>
#include <exception>
#include <string>

namespace mlkg::query {

// A place in the query text: 1-based line and column (column counts bytes),
// and the byte offset. line == 0 means unknown.
struct SourcePosition {
  size_t offset = 0;
  size_t line = 0;
  size_t column = 0;
};

class QueryError : public std::exception {
 public:
  QueryError(std::string error_class, std::string code, std::string message, SourcePosition position = {});

  const std::string& error_class() const { return error_class_; }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  const SourcePosition& position() const { return position_; }
  // "<Class>: <Code>: <message>" (no code: "<Class>: <message>").
  const char* what() const noexcept override { return rendered_.c_str(); }

 private:
  std::string error_class_, code_, message_;
  SourcePosition position_;
  std::string rendered_;
};

// The error classes.
namespace error_class {
inline constexpr const char* kSyntax = "SyntaxError";
inline constexpr const char* kSemantic = "SemanticError";
inline constexpr const char* kType = "TypeError";
inline constexpr const char* kArgument = "ArgumentError";
inline constexpr const char* kEntityNotFound = "EntityNotFound";
inline constexpr const char* kConstraint = "ConstraintVerificationFailed";
inline constexpr const char* kParameterMissing = "ParameterMissing";
inline constexpr const char* kProcedure = "ProcedureError";
// Not the TCK's (it has no schema commands): index and constraint DDL,
// after Neo4j's Neo.ClientError.Schema.* status codes.
inline constexpr const char* kSchema = "SchemaError";
}  // namespace error_class

// The TCK's detail codes (only those mlkg raises; spelled exactly as the TCK does).
namespace error_code {
inline constexpr const char* kUnexpectedSyntax = "UnexpectedSyntax";
inline constexpr const char* kInvalidNumberLiteral = "InvalidNumberLiteral";
inline constexpr const char* kIntegerOverflow = "IntegerOverflow";
inline constexpr const char* kFloatingPointOverflow = "FloatingPointOverflow";
inline constexpr const char* kInvalidUnicodeLiteral = "InvalidUnicodeLiteral";
inline constexpr const char* kInvalidUnicodeCharacter = "InvalidUnicodeCharacter";
inline constexpr const char* kUndefinedVariable = "UndefinedVariable";
inline constexpr const char* kVariableAlreadyBound = "VariableAlreadyBound";
inline constexpr const char* kVariableTypeConflict = "VariableTypeConflict";
inline constexpr const char* kInvalidArgumentType = "InvalidArgumentType";
inline constexpr const char* kInvalidArgumentValue = "InvalidArgumentValue";
inline constexpr const char* kInvalidAggregation = "InvalidAggregation";
inline constexpr const char* kAmbiguousAggregationExpression = "AmbiguousAggregationExpression";
inline constexpr const char* kNoSingleRelationshipType = "NoSingleRelationshipType";
inline constexpr const char* kInvalidNumberOfArguments = "InvalidNumberOfArguments";
inline constexpr const char* kNonConstantExpression = "NonConstantExpression";
inline constexpr const char* kNegativeIntegerArgument = "NegativeIntegerArgument";
inline constexpr const char* kInvalidRelationshipPattern = "InvalidRelationshipPattern";
inline constexpr const char* kInvalidParameterUse = "InvalidParameterUse";
inline constexpr const char* kInvalidDelete = "InvalidDelete";
inline constexpr const char* kInvalidClauseComposition = "InvalidClauseComposition";
inline constexpr const char* kColumnNameConflict = "ColumnNameConflict";
inline constexpr const char* kUnknownFunction = "UnknownFunction";
inline constexpr const char* kRequiresDirectedRelationship = "RequiresDirectedRelationship";
inline constexpr const char* kRelationshipUniquenessViolation = "RelationshipUniquenessViolation";
inline constexpr const char* kNoVariablesInScope = "NoVariablesInScope";
inline constexpr const char* kNoExpressionAlias = "NoExpressionAlias";
inline constexpr const char* kDifferentColumnsInUnion = "DifferentColumnsInUnion";
inline constexpr const char* kCreatingVarLength = "CreatingVarLength";
inline constexpr const char* kInvalidPropertyType = "InvalidPropertyType";
inline constexpr const char* kNumberOutOfRange = "NumberOutOfRange";
inline constexpr const char* kDeletedEntityAccess = "DeletedEntityAccess";
inline constexpr const char* kDeleteConnectedNode = "DeleteConnectedNode";
inline constexpr const char* kMergeReadOwnWrites = "MergeReadOwnWrites";
inline constexpr const char* kProcedureNotFound = "ProcedureNotFound";
inline constexpr const char* kMissingParameter = "MissingParameter";
inline constexpr const char* kInvalidArgumentPassingMode = "InvalidArgumentPassingMode";
inline constexpr const char* kUnknownLabel = "UnknownLabel";  // not TCK: "did you mean" hints
// Not TCK: schema commands (SchemaError), after Neo4j's status codes.
inline constexpr const char* kIndexAlreadyExists = "IndexAlreadyExists";            // the name or schema is taken
inline constexpr const char* kIndexNotFound = "IndexNotFound";
inline constexpr const char* kConstraintAlreadyExists = "ConstraintAlreadyExists";  // the name or schema is taken
inline constexpr const char* kConstraintNotFound = "ConstraintNotFound";
inline constexpr const char* kEquivalentSchemaRuleAlreadyExists = "EquivalentSchemaRuleAlreadyExists";
inline constexpr const char* kConstraintCreationFailed = "ConstraintCreationFailed";    // the data breaks it
inline constexpr const char* kForbiddenOnConstraintIndex = "ForbiddenOnConstraintIndex";  // DROP INDEX of a constraint
// Not TCK: a write that breaks a uniqueness constraint
// (ConstraintVerificationFailed: ConstraintVerificationFailed: ...).
inline constexpr const char* kConstraintVerificationFailed = "ConstraintVerificationFailed";
}  // namespace error_code

}  // namespace mlkg::query
