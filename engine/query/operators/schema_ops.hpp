#pragma once
// Index DDL: CREATE FULLTEXT INDEX, DROP INDEX and SHOW FULLTEXT INDEXES
// (ast::SchemaCommand). The binder checks the statement's shape and options;
// this operator runs it once, in the statement's transaction, against the
// catalog that transaction sees (a writer's, for CREATE and DROP, so two
// writers cannot both create the same name).
//
//  - CREATE: creates the index and indexes the existing nodes in the same
//    transaction (WriteTransaction::create_fulltext_index). A name that is
//    taken is SchemaError: IndexAlreadyExists, unless IF NOT EXISTS (then
//    nothing happens, as in Neo4j, even if the existing index differs).
//  - DROP: drops the full-text index of that name with all its entries. An
//    unknown name is SchemaError: IndexNotFound with a "did you mean",
//    unless IF EXISTS.
//  - SHOW: one row per full-text index, columns kShowColumns.
// Long work (filling a new index) stops when the statement is cancelled.

#include <string>
#include <vector>

#include "engine/query/ast.hpp"
#include "engine/query/operators/operator.hpp"

namespace mlkg::query {

// SHOW FULLTEXT INDEXES's columns, in order (Neo4j's SHOW INDEXES names).
inline const std::vector<std::string> kShowIndexColumns = {"id",         "name",          "state",      "type",
                                                           "entityType", "labelsOrTypes", "properties", "documents"};

struct BoundSchemaCommand {
  ast::SchemaCommand::Kind kind = ast::SchemaCommand::Kind::kCreateFulltextIndex;
  std::string name;
  SourcePosition name_position;
  bool if_not_exists = false;
  bool if_exists = false;
  std::vector<std::string> labels;  // no duplicates
  std::vector<std::string> keys;    // no duplicates, in the order written
  std::vector<Slot> columns;        // SHOW: the slots of kShowIndexColumns
};

class SchemaCommandOp final : public Operator {
 public:
  SchemaCommandOp(OperatorPtr input, BoundSchemaCommand command)
      : Operator(std::move(input)), command_(std::move(command)) {}
  std::string name() const override;
  std::string details() const override { return command_.name; }

 protected:
  void open_impl(ExecContext&) override {
    rows_.clear();
    pos_ = 0;
    ran_ = false;
  }
  bool next_impl(Row& row, ExecContext& ctx) override;

 private:
  void create(ExecContext& ctx);
  void drop(ExecContext& ctx);
  void show(ExecContext& ctx);

  BoundSchemaCommand command_;
  bool ran_ = false;
  std::vector<ValueList> rows_;  // SHOW
  size_t pos_ = 0;
};

}  // namespace mlkg::query
