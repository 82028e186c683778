#pragma once
// Index and constraint DDL (ast::SchemaCommand): CREATE FULLTEXT INDEX,
// CREATE [RANGE] INDEX, CREATE CONSTRAINT ... IS UNIQUE, DROP INDEX, DROP
// CONSTRAINT, SHOW INDEXES and SHOW CONSTRAINTS. The binder checks the
// statement's shape and options; this operator runs it once, in the
// statement's transaction, against the catalog that transaction sees (a
// writer's, for CREATE and DROP, so two writers cannot both create a name).
//
// A uniqueness constraint is a unique property index (storage::
// IndexDefinition::unique) and shares its name, as in Neo4j. Every index
// and constraint name, full-text ones included, is unique; Neo4j's errors:
//  - CREATE: an index or constraint on the same label and property that is
//    the same rule (and the same name, or none given) is SchemaError:
//    EquivalentSchemaRuleAlreadyExists; with another name it is
//    IndexAlreadyExists / ConstraintAlreadyExists (by what holds the
//    schema), as is a name that is taken (by what holds the name). With IF
//    NOT EXISTS nothing happens instead, when the name is taken or the
//    schema already has an index (a constraint's too, for CREATE INDEX), as
//    in Neo4j, even if the existing rule differs. A constraint over data
//    that already breaks it is SchemaError: ConstraintCreationFailed.
//    Creating fills the index from the existing nodes in the same transaction.
//  - DROP INDEX drops a property or full-text index; a constraint's index
//    is SchemaError: ForbiddenOnConstraintIndex (drop the constraint).
//    DROP CONSTRAINT drops a constraint and its index. An unknown name is
//    IndexNotFound / ConstraintNotFound with a "did you mean", unless IF EXISTS.
//  - SHOW: one row per index (ordered by name), columns kShowIndexColumns
//    (kShowFulltextIndexColumns for SHOW FULLTEXT INDEXES), or per
//    constraint, kShowConstraintColumns.
// Long work (filling a new full-text index) stops when the statement is cancelled.

#include <string>
#include <vector>

#include "engine/query/binder/bound_schema_command.hpp"
#include "engine/query/parser/ast.hpp"
#include "engine/query/execution/operator.hpp"

namespace mlkg::query {



// The command's plan name ("CreateIndex", "ShowConstraints", ...).
std::string schema_command_name(const BoundSchemaCommand& command);

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
  void create_fulltext(ExecContext& ctx);
  void create_property_rule(ExecContext& ctx);
  void drop_index(ExecContext& ctx);
  void drop_constraint(ExecContext& ctx);
  void show_indexes(ExecContext& ctx);
  void show_fulltext_indexes(ExecContext& ctx);
  void show_constraints(ExecContext& ctx);

  BoundSchemaCommand command_;
  bool ran_ = false;
  std::vector<ValueList> rows_;  // SHOW
  size_t pos_ = 0;
};

}  // namespace mlkg::query
