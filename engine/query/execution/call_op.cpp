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
    const std::vector<procedure::ProcedureField>& inputs = procedure_->signature.inputs;
    for (size_t i = 0; i < arguments_.size(); ++i) {
      Value v = evaluate(*arguments_[i], row, ctx);
      args.push_back(i < inputs.size() ? inputs[i].type.coerce(std::move(v)) : std::move(v));
    }
    if (procedure_->signature.outputs.empty()) {
      procedure::FunctionRowSink discard([](ValueList) {});
      procedure_->body(args, *ctx.procedure_context, discard);
      if (in_query_) return true;
      continue;
    }
    procedure::FunctionRowSink sink([this](ValueList r) { results_.push_back(std::move(r)); });
    procedure_->body(args, *ctx.procedure_context, sink);
  }
}

}  // namespace mlkg::query
