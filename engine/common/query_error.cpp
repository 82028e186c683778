#include "engine/common/query_error.hpp"

namespace mlkg::query {

std::string_view error_class_name(ErrorClass c) {
  switch (c) {
    case ErrorClass::kSyntax: return "SyntaxError";
    case ErrorClass::kSemantic: return "SemanticError";
    case ErrorClass::kType: return "TypeError";
    case ErrorClass::kArgument: return "ArgumentError";
    case ErrorClass::kEntityNotFound: return "EntityNotFound";
    case ErrorClass::kConstraint: return "ConstraintVerificationFailed";
    case ErrorClass::kParameterMissing: return "ParameterMissing";
    case ErrorClass::kProcedure: return "ProcedureError";
    case ErrorClass::kSchema: return "SchemaError";
    case ErrorClass::kDatabase: return "DatabaseError";
    case ErrorClass::kTransient: return "TransientError";
    case ErrorClass::kTransaction: return "TransactionError";
    case ErrorClass::kInternal: return "InternalError";
  }
  return "InternalError";
}

std::string_view error_code_name(ErrorCode c) {
  switch (c) {
    case ErrorCode::kNone: return "";
    case ErrorCode::kUnexpectedSyntax: return "UnexpectedSyntax";
    case ErrorCode::kInvalidNumberLiteral: return "InvalidNumberLiteral";
    case ErrorCode::kIntegerOverflow: return "IntegerOverflow";
    case ErrorCode::kFloatingPointOverflow: return "FloatingPointOverflow";
    case ErrorCode::kInvalidUnicodeLiteral: return "InvalidUnicodeLiteral";
    case ErrorCode::kInvalidUnicodeCharacter: return "InvalidUnicodeCharacter";
    case ErrorCode::kUndefinedVariable: return "UndefinedVariable";
    case ErrorCode::kVariableAlreadyBound: return "VariableAlreadyBound";
    case ErrorCode::kVariableTypeConflict: return "VariableTypeConflict";
    case ErrorCode::kInvalidArgumentType: return "InvalidArgumentType";
    case ErrorCode::kInvalidArgumentValue: return "InvalidArgumentValue";
    case ErrorCode::kInvalidAggregation: return "InvalidAggregation";
    case ErrorCode::kAmbiguousAggregationExpression: return "AmbiguousAggregationExpression";
    case ErrorCode::kNoSingleRelationshipType: return "NoSingleRelationshipType";
    case ErrorCode::kInvalidNumberOfArguments: return "InvalidNumberOfArguments";
    case ErrorCode::kNonConstantExpression: return "NonConstantExpression";
    case ErrorCode::kNegativeIntegerArgument: return "NegativeIntegerArgument";
    case ErrorCode::kInvalidRelationshipPattern: return "InvalidRelationshipPattern";
    case ErrorCode::kInvalidParameterUse: return "InvalidParameterUse";
    case ErrorCode::kInvalidDelete: return "InvalidDelete";
    case ErrorCode::kInvalidClauseComposition: return "InvalidClauseComposition";
    case ErrorCode::kColumnNameConflict: return "ColumnNameConflict";
    case ErrorCode::kUnknownFunction: return "UnknownFunction";
    case ErrorCode::kRequiresDirectedRelationship: return "RequiresDirectedRelationship";
    case ErrorCode::kRelationshipUniquenessViolation: return "RelationshipUniquenessViolation";
    case ErrorCode::kNoVariablesInScope: return "NoVariablesInScope";
    case ErrorCode::kNoExpressionAlias: return "NoExpressionAlias";
    case ErrorCode::kDifferentColumnsInUnion: return "DifferentColumnsInUnion";
    case ErrorCode::kCreatingVarLength: return "CreatingVarLength";
    case ErrorCode::kInvalidPropertyType: return "InvalidPropertyType";
    case ErrorCode::kNumberOutOfRange: return "NumberOutOfRange";
    case ErrorCode::kDeletedEntityAccess: return "DeletedEntityAccess";
    case ErrorCode::kDeleteConnectedNode: return "DeleteConnectedNode";
    case ErrorCode::kMergeReadOwnWrites: return "MergeReadOwnWrites";
    case ErrorCode::kProcedureNotFound: return "ProcedureNotFound";
    case ErrorCode::kMissingParameter: return "MissingParameter";
    case ErrorCode::kInvalidArgumentPassingMode: return "InvalidArgumentPassingMode";
    case ErrorCode::kUnknownLabel: return "UnknownLabel";
    case ErrorCode::kIndexAlreadyExists: return "IndexAlreadyExists";
    case ErrorCode::kIndexNotFound: return "IndexNotFound";
    case ErrorCode::kConstraintAlreadyExists: return "ConstraintAlreadyExists";
    case ErrorCode::kConstraintNotFound: return "ConstraintNotFound";
    case ErrorCode::kEquivalentSchemaRuleAlreadyExists: return "EquivalentSchemaRuleAlreadyExists";
    case ErrorCode::kConstraintCreationFailed: return "ConstraintCreationFailed";
    case ErrorCode::kForbiddenOnConstraintIndex: return "ForbiddenOnConstraintIndex";
    case ErrorCode::kConstraintVerificationFailed: return "ConstraintVerificationFailed";
    case ErrorCode::kTransactionMarkedAsFailed: return "TransactionMarkedAsFailed";
    case ErrorCode::kNoOpenTransaction: return "NoOpenTransaction";
    case ErrorCode::kTransactionAlreadyOpen: return "TransactionAlreadyOpen";
    case ErrorCode::kReadOnlyTransaction: return "ReadOnlyTransaction";
    case ErrorCode::kTimedOut: return "TransactionTimedOut";
    case ErrorCode::kOutOfMemory: return "OutOfMemoryError";
    case ErrorCode::kCancelled: return "Cancelled";
  }
  return "";
}

void throw_if_failed(const Status& s, std::string_view context) {
  if (!s.ok()) throw QueryError(ErrorClass::kDatabase, ErrorCode::kNone, std::string(context) + s.message());
}

ErrorCode error_code_from_name(std::string_view name) {
  for (int c = 0; c <= static_cast<int>(ErrorCode::kCancelled); ++c)
    if (error_code_name(static_cast<ErrorCode>(c)) == name) return static_cast<ErrorCode>(c);
  return ErrorCode::kUnexpectedSyntax;
}

QueryError::QueryError(ErrorClass error_class, ErrorCode code, std::string message, SourcePosition position)
    : error_class_(error_class), code_(code), message_(std::move(message)), position_(position) {
  const std::string_view code_text = error_code_name(code_);
  rendered_ = std::string(error_class_name(error_class_)) + ": " +
              (code_text.empty() ? std::string() : std::string(code_text) + ": ") + message_;
}

}  // namespace mlkg::query
