#include "hpcpp/expr/evaluate.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>

#include "hpcpp/core/aligned_buffer.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/expr/jit/fused_kernel.hpp"
#include "hpcpp/expr/kernels/bytes_kernels.hpp"
#include "hpcpp/expr/kernels/kernels.hpp"
#include "hpcpp/expr/runtime/axis_reduction.hpp"
#include "hpcpp/expr/runtime/input_views.hpp"
#include "hpcpp/expr/runtime/iteration_space.hpp"
#include "hpcpp/expr/runtime/pairwise_fold.hpp"
#include "hpcpp/expr/runtime/thread_pool.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::expr {
namespace {

void check_out(const Program& program, const std::vector<std::int64_t>& shape, const ArrayRef& out) {
  if (out.dtype != program.result_dtype)
    throw Error(fmt::format("out is {} but the expression gives {}", dtype_name(out.dtype), dtype_name(program.result_dtype)));
  if (out.strides.size() != out.shape.size()) throw Error("out has as many strides as dimensions");
  if (program.reduction && !program.reduction_axis) {
    if (out.size() != 1) throw Error(fmt::format("out has shape {} but {}() gives one value", shape_text(out.shape), op_info(*program.reduction).name));
  } else if (out.shape != shape) {
    throw Error(fmt::format("out has shape {} but the expression has shape {}", shape_text(out.shape), shape_text(shape)));
  }
}

// What one thread needs: a buffer per register and the per-block register pointers.
struct Workspace {
  AlignedBuffer<unsigned char> storage;
  std::vector<void*> buffer;
  std::vector<const void*> current;
};

// Constants are copied into the first `filled` elements of their registers: no block reads
// further than the innermost loop is long.
Workspace& workspace_for(const Program& program, const std::vector<Scalar>& fixed_values, std::int64_t filled) {
  thread_local Workspace w;
  const auto registers = static_cast<std::size_t>(program.register_count);
  // Registers a whole number of pages apart would make loads of one wait on stores to
  // another at the same page offset (4K aliasing); three cache lines of skew each avoid it.
  const std::size_t bytes_per_register = block_elements * 16 + 192;
  if (w.storage.size() < registers * bytes_per_register) w.storage = AlignedBuffer<unsigned char>(registers * bytes_per_register);
  w.buffer.resize(registers);
  w.current.resize(registers);
  for (std::size_t r = 0; r < registers; ++r) {
    w.buffer[r] = w.storage.data() + r * bytes_per_register;
    w.current[r] = w.buffer[r];
  }
  for (std::size_t i = 0; i < program.constants.size(); ++i) {
    const auto reg = static_cast<std::size_t>(program.constants[i].reg);
    // Bytes registers point at the string itself; the others hold a block of copies.
    if (fixed_values[i].dtype == DType::Bytes) w.current[reg] = fixed_values[i].text.data();
    else fill(filled, w.buffer[reg], fixed_values[i]);
  }
  return w;
}

// The kernel of each instruction for this processor. Binary operations with one constant
// (or 0-d input) operand read that value once instead of a block-sized register of
// copies: less work and a smaller cache footprint.
std::vector<Kernel> choose_kernels(const Program& plan) {
  std::vector<bool> fixed(static_cast<std::size_t>(plan.register_count), false);
  for (const auto& c : plan.constants) fixed[static_cast<std::size_t>(c.reg)] = true;
  std::vector<Kernel> kernels;
  for (const auto& ins : plan.code) {
    Kernel k = ins.op == Op::Cast ? cast_kernel(ins.operand_dtype, ins.out_dtype) : elementwise_kernel(ins.op, ins.operand_dtype);
    if (ins.op != Op::Cast && op_info(ins.op).arity == 2) {
      const bool first = fixed[static_cast<std::size_t>(ins.in[0])], second = fixed[static_cast<std::size_t>(ins.in[1])];
      if (first != second)
        if (Kernel s = elementwise_kernel(ins.op, ins.operand_dtype, first ? 1 : 2)) k = s;
    }
    kernels.push_back(k);
  }
  return kernels;
}

// How the blocks' results reach `out`.
enum class Destination {
  Elements,    // elementwise: each block is a piece of out
  Total,       // sum(x): every block is folded into one value
  RowTotals,   // sum(x, axis=k), k the innermost loop axis: each row folds into one element
  Accumulate,  // sum(x, axis=k), k an outer loop axis: each block is added onto a piece of out
};

// One evaluation: the plan (the program with its 0-d inputs turned into constants), the
// loop nest, how the work is split between threads, and what each part leaves behind.
class Evaluation {
 public:
  Evaluation(const Program& program, const Bindings& inputs, const ArrayRef& out, EvaluateOptions options)
      : program_(program), out_(out), inputs_(resolve_inputs(program, inputs)), plan_(program) {
    if (program.reduction && inputs_.views.empty())
      throw Error(fmt::format("{}() needs an array operand", op_info(*program.reduction).name));
    check_out(program, reduced_shape(program, inputs_.shape), out);
    split_inputs();
    kernels_ = choose_kernels(plan_);
    if (program.reduction) reducer_ = reduce_kernel(*program.reduction, program.result_dtype);
    lay_out_loops();
    fused_ = options.fuse && program.fused ? program.fused->kernel_for(plan_) : nullptr;
    if (destination_ == Destination::Accumulate) fold_register_ = plan_.register_count++;
    describe_bytes_registers();
    choose_stretch();
    threads_ = static_cast<int>(std::clamp<std::int64_t>(options.threads > 0 ? options.threads : num_threads(), 1,
                                                         std::max<std::int64_t>(work_units(), 1)));
    if (folds_chunks()) chunk_totals_.resize(static_cast<std::size_t>(chunks_per_row_ * space_.rows));
  }

  void run() {
    // The same parts whether the pool runs them or, when it is busy or one thread was
    // asked for, this thread does: the result depends only on the thread count.
    std::unique_lock<std::mutex> lock;
    ThreadPool* pool = threads_ > 1 ? try_shared_pool(threads_, lock) : nullptr;
    if (pool) pool->run(threads_, [this](int part) { run_part(part); });
    else
      for (int part = 0; part < threads_; ++part) run_part(part);
    if (destination_ == Destination::Total) finish_total();
    if (destination_ == Destination::RowTotals && chunks_per_row_ > 1) finish_row_totals();
  }

 private:
  // Constants and 0-d inputs are filled into their registers once; arrays are streamed.
  void split_inputs() {
    for (const auto& c : program_.constants) fixed_values_.push_back(c.value);
    for (std::size_t i = 0; i < program_.inputs.size(); ++i) {
      const ArrayRef& v = inputs_.views[i];
      if (!v.shape.empty()) {
        streamed_.push_back(&v);
        streamed_slots_.push_back(program_.inputs[i]);
        continue;
      }
      Scalar s;
      s.dtype = v.dtype;
      if (v.dtype == DType::Bytes) s.text.assign(static_cast<const char*>(v.data), static_cast<std::size_t>(v.item_size));
      else std::memcpy(s.bytes, v.data, dtype_size(v.dtype));
      plan_.constants.push_back({s, program_.inputs[i].reg});
      fixed_values_.push_back(s);
    }
  }

  void lay_out_loops() {
    axis_ = program_.reduction ? normalized_axis(program_, inputs_.shape.size()) : std::nullopt;
    accumulation_ = axis_ ? accumulation_view(out_, *axis_) : out_;
    writes_out_ = !program_.reduction || axis_;
    operands_ = streamed_;
    if (writes_out_) operands_.push_back(&accumulation_);
    space_ = IterationSpace::over(inputs_.shape, operands_);
    out_operand_ = streamed_.size();
    out_size_ = dtype_size(program_.result_dtype);
    if (program_.reduction) {
      destination_ = !axis_ ? Destination::Total
                     : space_.inner_stride(out_operand_) == 0 ? Destination::RowTotals
                                                              : Destination::Accumulate;
      identity_ = reduction_identity(*program_.reduction, program_.result_dtype);
    }
    if (destination_ == Destination::Accumulate || (axis_ && space_.rows * space_.inner == 0)) fill_view(out_, identity_);
    if (destination_ == Destination::Accumulate)
      fold_ = elementwise_kernel(fold_of(*program_.reduction), program_.result_dtype);
    out_direct_ = destination_ == Destination::Elements &&
                  space_.inner_stride(out_operand_) == static_cast<std::int64_t>(out_size_);
  }

  // Bytes registers point at the strings themselves (never copied): their length and the
  // distance from one element to the next.
  void describe_bytes_registers() {
    bytes_size_.assign(static_cast<std::size_t>(plan_.register_count), 0);
    bytes_stride_.assign(bytes_size_.size(), 0);
    for (std::size_t i = 0; i < plan_.constants.size(); ++i)
      if (fixed_values_[i].dtype == DType::Bytes)
        bytes_size_[static_cast<std::size_t>(plan_.constants[i].reg)] = static_cast<std::int64_t>(fixed_values_[i].text.size());
    for (std::size_t i = 0; i < streamed_.size(); ++i)
      if (streamed_[i]->dtype == DType::Bytes) {
        bytes_size_[static_cast<std::size_t>(streamed_slots_[i].reg)] = streamed_[i]->item_size;
        bytes_stride_[static_cast<std::size_t>(streamed_slots_[i].reg)] = space_.inner_stride(i);
      }
  }

  // A fused kernel reading every input in place and writing straight into out needs no
  // block-sized buffer: over data that fit in the caches it runs over long stretches.
  void choose_stretch() {
    long_stretches_ = fused_ && out_direct_;
    std::int64_t bytes_per_element = static_cast<std::int64_t>(out_size_);
    for (std::size_t i = 0; i < streamed_.size(); ++i) {
      long_stretches_ = long_stretches_ && space_.inner_stride(i) == static_cast<std::int64_t>(dtype_size(streamed_[i]->dtype));
      bytes_per_element += static_cast<std::int64_t>(dtype_size(streamed_[i]->dtype));
    }
    long_stretches_ = long_stretches_ && space_.rows * space_.inner * bytes_per_element <= fused_stretch_max_bytes;
    stretch_ = long_stretches_ ? fused_stretch_elements : block_elements;
    blocks_per_row_ = (space_.inner + stretch_ - 1) / stretch_;
    chunks_per_row_ = (blocks_per_row_ + reduction_chunk_blocks - 1) / reduction_chunk_blocks;
  }

  // Total and RowTotals fold chunks of blocks, each into its own partial.
  bool folds_chunks() const { return destination_ == Destination::Total || destination_ == Destination::RowTotals; }

  // What the threads split: columns of blocks (Accumulate), chunks (Total, RowTotals) or blocks.
  std::int64_t work_units() const {
    if (destination_ == Destination::Accumulate) return blocks_per_row_;
    return (folds_chunks() ? chunks_per_row_ : blocks_per_row_) * space_.rows;
  }

  // Accumulate splits the columns between threads (the rows of one column add onto the same
  // elements); the others split the chunks or blocks in row-major order.
  void run_part(int part) {
    HPCPP_PROFILE_REGION("expr.part");
    Workspace& w = workspace_for(plan_, fixed_values_, std::min(block_elements, space_.inner));
    std::vector<char*> base(operands_.size());
    const std::int64_t work = work_units();
    const std::int64_t first = work * part / threads_, last = work * (part + 1) / threads_;
    Scalar acc = identity_;
    if (destination_ == Destination::Accumulate) {
      for (std::int64_t row = 0; row < space_.rows; ++row)
        for (std::int64_t b = first; b < last; ++b) run_block(w, base, acc, row, b * stretch_);
      return;
    }
    if (folds_chunks()) {
      for (std::int64_t u = first; u < last; ++u) run_chunk(w, base, u);
      return;
    }
    for (std::int64_t b = first; b < last; ++b) run_block(w, base, acc, b / blocks_per_row_, (b % blocks_per_row_) * stretch_);
  }

  // Chunk u (row-major) folded from the identity; a row of one chunk is its total.
  void run_chunk(Workspace& w, std::vector<char*>& base, std::int64_t u) {
    const std::int64_t row = u / chunks_per_row_, first_block = (u % chunks_per_row_) * reduction_chunk_blocks;
    const std::int64_t end_block = std::min(first_block + reduction_chunk_blocks, blocks_per_row_);
    Scalar acc = identity_;
    char* out_at = nullptr;
    for (std::int64_t b = first_block; b < end_block; ++b) out_at = run_block(w, base, acc, row, b * stretch_);
    if (destination_ == Destination::RowTotals && chunks_per_row_ == 1) std::memcpy(out_at, acc.bytes, out_size_);
    else std::memcpy(chunk_totals_[static_cast<std::size_t>(u)].bytes, acc.bytes, sizeof(Partial));
  }

  // The block of `row` from element j0: inputs pointed at (or gathered), the program run,
  // the result sent to its destination. Returns where the block's result goes in out.
  char* run_block(Workspace& w, std::vector<char*>& base, Scalar& acc, std::int64_t row, std::int64_t j0) {
    HPCPP_PROFILE_REGION("expr.block");
    const std::int64_t n = std::min(stretch_, space_.inner - j0);
    space_.row_pointers(row, operands_, base);
    point_at_inputs(w, base, n, j0);
    char* out_at = writes_out_ ? base[out_operand_] + j0 * space_.inner_stride(out_operand_) : nullptr;
    if (fused_) {
      const auto result_register = static_cast<std::size_t>(plan_.result_register);
      void* target = out_direct_ ? static_cast<void*>(out_at) : w.buffer[result_register];
      fused_(n, target, w.current.data());
      w.current[result_register] = target;
    } else {
      run_kernels(w, n, out_at);
    }
    const void* result = w.current[static_cast<std::size_t>(plan_.result_register)];
    switch (destination_) {
      case Destination::Elements:
        if (!out_direct_) scatter(n, out_at, space_.inner_stride(out_operand_), result, out_size_);
        break;
      case Destination::Total:
      case Destination::RowTotals: reducer_(n, acc.bytes, result); break;
      case Destination::Accumulate: {
        void* sums = w.buffer[static_cast<std::size_t>(fold_register_)];
        gather(n, sums, out_at, space_.inner_stride(out_operand_), out_size_);
        const void* operands_of_fold[3] = {sums, result, nullptr};
        fold_(n, sums, operands_of_fold);
        scatter(n, out_at, space_.inner_stride(out_operand_), sums, out_size_);
        break;
      }
    }
    return out_at;
  }

  void point_at_inputs(Workspace& w, const std::vector<char*>& base, std::int64_t n, std::int64_t j0) {
    for (std::size_t i = 0; i < streamed_.size(); ++i) {
      const std::int64_t stride = space_.inner_stride(i);
      const std::size_t size = dtype_size(streamed_slots_[i].dtype);
      const char* at = base[i] + j0 * stride;
      const auto reg = static_cast<std::size_t>(streamed_slots_[i].reg);
      // Bytes are read in place at any stride; numbers when they are contiguous.
      if (streamed_slots_[i].dtype == DType::Bytes || stride == static_cast<std::int64_t>(size)) {
        w.current[reg] = at;
      } else {
        gather(n, w.buffer[reg], at, stride, size);
        w.current[reg] = w.buffer[reg];
      }
    }
  }

  // The program's kernels one by one over the block; the last writes into out directly
  // where it can.
  void run_kernels(Workspace& w, std::int64_t n, char* out_at) {
    for (std::size_t k = 0; k < plan_.code.size(); ++k) {
      const Instruction& ins = plan_.code[k];
      const void* in[3] = {};
      for (std::size_t a = 0; a < 3; ++a)
        if (ins.in[a] >= 0) in[a] = w.current[static_cast<std::size_t>(ins.in[a])];
      void* target = (out_direct_ && k + 1 == plan_.code.size()) ? static_cast<void*>(out_at)
                                                                 : w.buffer[static_cast<std::size_t>(ins.out)];
      if (ins.operand_dtype == DType::Bytes) {
        const auto first = static_cast<std::size_t>(ins.in[0]), second = static_cast<std::size_t>(ins.in[1]);
        const std::int64_t sizes[2] = {bytes_size_[first], bytes_size_[second]};
        const std::int64_t strides[2] = {bytes_stride_[first], bytes_stride_[second]};
        bytes_kernel(ins.op)(n, target, in, sizes, strides);  // a lookup, next to comparing strings
      } else {
        kernels_[k](n, target, in);
      }
      w.current[static_cast<std::size_t>(ins.out)] = target;
    }
  }

  void finish_total() {
    if (chunk_totals_.empty()) {
      std::memcpy(out_.data, identity_.bytes, out_size_);
      return;
    }
    pairwise_fold(chunk_totals_, 0, chunk_totals_.size(), reducer_);
    std::memcpy(out_.data, chunk_totals_[0].bytes, out_size_);
  }

  void finish_row_totals() {
    std::vector<char*> base(operands_.size());
    const auto per_row = static_cast<std::size_t>(chunks_per_row_);
    for (std::int64_t row = 0; row < space_.rows; ++row) {
      const std::size_t begin = static_cast<std::size_t>(row) * per_row;
      pairwise_fold(chunk_totals_, begin, per_row, reducer_);
      space_.row_pointers(row, operands_, base);
      std::memcpy(base[out_operand_], chunk_totals_[begin].bytes, out_size_);
    }
  }

  const Program& program_;
  const ArrayRef& out_;
  InputViews inputs_;
  Program plan_;
  std::vector<Scalar> fixed_values_;  // per plan_.constants
  std::vector<const ArrayRef*> streamed_;
  std::vector<InputSlot> streamed_slots_;

  std::optional<std::size_t> axis_;
  ArrayRef accumulation_;
  bool writes_out_ = false;
  std::vector<const ArrayRef*> operands_;  // streamed_, then out (or its accumulation view)
  IterationSpace space_;
  std::size_t out_operand_ = 0;
  std::size_t out_size_ = 0;
  Destination destination_ = Destination::Elements;
  Scalar identity_;
  Kernel fold_ = nullptr;
  int fold_register_ = -1;
  bool out_direct_ = false;

  std::vector<Kernel> kernels_;  // per instruction of plan_
  Reducer reducer_ = nullptr;
  FusedKernel fused_ = nullptr;
  bool long_stretches_ = false;
  std::int64_t stretch_ = block_elements;
  std::int64_t blocks_per_row_ = 0;
  std::int64_t chunks_per_row_ = 0;
  std::vector<std::int64_t> bytes_size_, bytes_stride_;

  int threads_ = 1;
  std::vector<Partial> chunk_totals_;  // Total, RowTotals: per chunk, row-major
};

}  // namespace

std::vector<std::int64_t> result_shape(const Program& program, const Bindings& inputs) {
  return reduced_shape(program, resolve_inputs(program, inputs).shape);
}

void evaluate(const Program& program, const Bindings& inputs, const ArrayRef& out, EvaluateOptions options) {
  HPCPP_PROFILE_REGION("expr.evaluate");
  std::optional<Evaluation> evaluation;
  {
    HPCPP_PROFILE_REGION("expr.plan");
    evaluation.emplace(program, inputs, out, options);
  }
  evaluation->run();
}

void evaluate(std::string_view text, const Bindings& inputs, const ArrayRef& out, EvaluateOptions options) {
  evaluate(compile(text, signature_of(inputs)), inputs, out, options);
}

}  // namespace hpcpp::expr
