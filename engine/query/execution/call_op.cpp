#include "engine/query/execution/call_op.hpp"

#include "engine/query/expression/evaluator.hpp"

namespace mlkg::query {

bool CallOp::next_impl(Row& row, ExecContext& ctx) {
  while (true) {
    if (!results_.empty()) {
      ValueList result = std::move(results_.front());
      results_.pop_front();
      for (size_t i = 0; i < yields_.size() && i < result.size(); ++i)
        if (yields_[i] != kNoSlot) row[yields_[i]] = std::move(result[i]);
      return true;
    }
    if (!input_->next(row, ctx)) return false;
    if (!ctx.procedure_context)
      throw QueryError(ErrorClass::kInternal, ErrorCode::kNone, "CALL " + procedure_->signature.name + " ran without a procedure context");
    ValueList args;
    args.reserve(arguments_.size());
    for (const auto& a : arguments_) args.push_back(evaluate(*a, row, ctx));
    procedure::FunctionRowSink sink([this](ValueList r) { results_.push_back(std::move(r)); });
    procedure_->body(args, *ctx.procedure_context, sink);
  }
}

}  // namespace mlkg::query
