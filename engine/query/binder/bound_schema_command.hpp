#pragma once
// An index or constraint command (ast::SchemaCommand) as the binder checks
// it and execution/schema_ops runs it, and the columns SHOW yields.

#include <string>
#include <vector>

#include "engine/query/expression/bound_expr.hpp"
#include "engine/query/parser/ast.hpp"

namespace mlkg::query {

// SHOW [ALL | RANGE] INDEXES's columns, in order (Neo4j 5's).
inline const std::vector<std::string> kShowIndexColumns = {
    "id",         "name",          "state",      "populationPercent", "type",
    "entityType", "labelsOrTypes", "properties", "indexProvider",     "owningConstraint"};

// SHOW FULLTEXT INDEXES's columns, in order: with the count of documents.
inline const std::vector<std::string> kShowFulltextIndexColumns = {
    "id", "name", "state", "type", "entityType", "labelsOrTypes", "properties", "documents"};

// SHOW CONSTRAINTS's columns, in order (Neo4j 5's).
inline const std::vector<std::string> kShowConstraintColumns = {"id",         "name",          "type",
                                                                "entityType", "labelsOrTypes", "properties",
                                                                "ownedIndex"};

struct BoundSchemaCommand {
  ast::SchemaCommand::Kind kind = ast::SchemaCommand::Kind::kCreateFulltextIndex;
  std::string name;  // create: empty when none was given
  SourcePosition name_position;  // of the name, else of the statement
  bool if_not_exists = false;
  bool if_exists = false;
  std::vector<std::string> labels;  // no duplicates; one for property indexes and constraints
  std::vector<std::string> keys;    // no duplicates, in the order written; one for the same
  // SHOW: which indexes or constraints (kFulltext: full-text indexes, with
  // their own columns; kNone: a kind Neo4j has and mlkg has not).
  enum class Show { kAll, kRange, kFulltext, kNone } show = Show::kAll;
  std::vector<Slot> columns;  // SHOW: the slots of the columns
};

}  // namespace mlkg::query
