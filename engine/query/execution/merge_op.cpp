#include "engine/query/execution/merge_op.hpp"

#include "engine/query/expression/evaluator.hpp"

namespace mlkg::query {

std::string describe_merge(const MergeSpec& spec) {
  std::string out = describe_pattern(spec.nodes, spec.rels);
  if (!spec.on_create.empty()) out += " ON CREATE SET " + describe_set_actions(spec.on_create);
  if (!spec.on_match.empty()) out += " ON MATCH SET " + describe_set_actions(spec.on_match);
  return out;
}

std::string MergeOp::details() const { return describe_merge(spec_); }

void MergeOp::update(Row& row, ExecContext& ctx, std::vector<Row>& out) {
  // Every match is read before anything is written.
  std::vector<Row> matches;
  argument_->set_argument(row);
  nested_->open(ctx);
  Row match(width());
  while (nested_->next(match, ctx)) matches.push_back(match);
  if (!matches.empty()) {
    for (Row& m : matches) {
      apply_set_actions(spec_.on_match, m, ctx);
      out.push_back(std::move(m));
    }
    return;
  }
  create_pattern(spec_.nodes, spec_.rels, row, ctx, true);
  if (spec_.path.first) row[spec_.path.second] = evaluate(*spec_.path.first, row, ctx);
  apply_set_actions(spec_.on_create, row, ctx);
  out.push_back(std::move(row));
}

}  // namespace mlkg::query
