#include "engine/query/operators/call_op.hpp"

#include "engine/query/evaluator.hpp"

namespace mlkg::query {

bool CallOp::next_impl(Row& row, ExecContext& ctx) {
  while (true) {
    if (pos_ < results_.size()) {
      ValueList& result = results_[pos_++];
      for (size_t i = 0; i < yields_.size() && i < result.size(); ++i)
        if (yields_[i] != kNoSlot) row[yields_[i]] = std::move(result[i]);
      return true;
    }
    if (!input_->next(row, ctx)) return false;
    ValueList args;
    for (const auto& a : arguments_) args.push_back(evaluate(*a, row, ctx));
    results_ = procedure_->run(args, ctx);
    pos_ = 0;
  }
}

}  // namespace mlkg::query
