#include "hpcpp/expr/evaluate.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "hpcpp/core/aligned_buffer.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/expr/iteration_space.hpp"
#include "hpcpp/expr/slicing.hpp"
#include "hpcpp/expr/thread_pool.hpp"

namespace hpcpp::expr {
namespace {


struct ResolvedInputs {
  std::vector<ArrayRef> views;  // per program input, sliced
  std::vector<std::int64_t> shape;
};

// numpy's broadcasting: shapes are aligned at their last axes, where each has the common
// length or 1. Returns false where they do not agree.
bool broadcast_into(std::vector<std::int64_t>& common, const std::vector<std::int64_t>& shape) {
  if (shape.size() > common.size()) common.insert(common.begin(), shape.size() - common.size(), 1);
  const std::size_t offset = common.size() - shape.size();
  for (std::size_t k = 0; k < shape.size(); ++k) {
    std::int64_t& c = common[offset + k];
    if (shape[k] == c || shape[k] == 1) continue;
    if (c != 1) return false;
    c = shape[k];
  }
  return true;
}

// `view` seen with `shape`: stride 0 along the axes it is broadcast over.
void broadcast_view(ArrayRef& view, const std::vector<std::int64_t>& shape) {
  const std::size_t offset = shape.size() - view.shape.size();
  std::vector<std::int64_t> strides(shape.size(), 0);
  for (std::size_t k = 0; k < view.shape.size(); ++k)
    if (view.shape[k] == shape[offset + k]) strides[offset + k] = view.strides[k];
  view.shape = shape;
  view.strides = std::move(strides);
}

ResolvedInputs resolve(const Program& program, const Bindings& inputs) {
  ResolvedInputs r;
  const InputSlot* shaped = nullptr;
  std::vector<std::int64_t> first_shape;
  for (const auto& slot : program.inputs) {
    const auto it = inputs.find(slot.name);
    if (it == inputs.end()) throw Error(fmt::format("no array given for '{}'", slot.name));
    if (it->second.dtype != slot.dtype)
      throw Error(fmt::format("'{}' is {} but the expression was compiled for {}", slot.name,
                              dtype_name(it->second.dtype), dtype_name(slot.dtype)));
    if (it->second.strides.size() != it->second.shape.size())
      throw Error(fmt::format("'{}' has {} strides for {} dimensions", slot.name, it->second.strides.size(), it->second.shape.size()));
    r.views.push_back(slice_view(it->second, slot.slices, slot.spelling));
    const ArrayRef& v = r.views.back();
    if (v.shape.empty()) continue;
    if (!shaped) {
      shaped = &slot;
      first_shape = v.shape;
    }
    if (!broadcast_into(r.shape, v.shape))
      throw Error(fmt::format("shape mismatch: {} has shape {} but {} has shape {}", shaped->spelling,
                              shape_text(first_shape), slot.spelling, shape_text(v.shape)));
  }
  for (ArrayRef& v : r.views)
    if (!v.shape.empty() && v.shape != r.shape) broadcast_view(v, r.shape);
  return r;
}

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

Workspace& workspace_for(const Program& program, const std::vector<Scalar>& fixed_values) {
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
  for (std::size_t i = 0; i < program.constants.size(); ++i)
    fill(block_elements, w.buffer[static_cast<std::size_t>(program.constants[i].reg)], fixed_values[i]);
  return w;
}

// Asks for the memory of the next block of a stream while this one is computed: a program
// whose first kernels read only one input would otherwise have one stream in flight at a
// time, which one core cannot keep the memory busy with. Addresses past the end are only
// prefetched (never read), so they are formed as integers.
void prefetch_next_block(const char* block, std::int64_t bytes, bool for_writing) {
  constexpr std::int64_t line = 64;
  const auto next = reinterpret_cast<std::uintptr_t>(block) + static_cast<std::uintptr_t>(bytes);
  for (std::int64_t offset = 0; offset < bytes; offset += line) {
    const auto* address = reinterpret_cast<const char*>(next + static_cast<std::uintptr_t>(offset));
    if (for_writing) __builtin_prefetch(address, 1, 3);
    else __builtin_prefetch(address, 0, 3);
  }
}

// Binary operations with one constant (or 0-d input) operand read that value once instead
// of a block-sized register of copies: less work and a smaller cache footprint.
void use_scalar_kernels(Program& plan) {
  std::vector<bool> fixed(static_cast<std::size_t>(plan.register_count), false);
  for (const auto& c : plan.constants) fixed[static_cast<std::size_t>(c.reg)] = true;
  for (auto& ins : plan.code) {
    if (ins.op == Op::Cast || op_info(ins.op).arity != 2) continue;
    const bool first = fixed[static_cast<std::size_t>(ins.in[0])], second = fixed[static_cast<std::size_t>(ins.in[1])];
    if (first == second) continue;
    if (Kernel k = elementwise_kernel(ins.op, ins.operand_dtype, first ? 1 : 2)) ins.kernel = k;
  }
}

// sum(x, axis=k): k made non-negative for a result of `rank` dimensions.
std::optional<std::size_t> normalized_axis(const Program& program, std::size_t rank) {
  if (!program.reduction_axis) return std::nullopt;
  const std::int64_t k = *program.reduction_axis, r = static_cast<std::int64_t>(rank);
  if (k < -r || k >= r)
    throw Error(fmt::format("{}(): axis {} is out of bounds for {} dimension{}", op_info(*program.reduction).name, k, rank,
                            rank == 1 ? "" : "s"));
  return static_cast<std::size_t>(k < 0 ? k + r : k);
}

std::vector<std::int64_t> reduced_shape(const Program& program, const std::vector<std::int64_t>& shape) {
  if (!program.reduction) return shape;
  const auto axis = normalized_axis(program, shape.size());
  if (!axis) return {};
  std::vector<std::int64_t> reduced = shape;
  reduced.erase(reduced.begin() + static_cast<std::ptrdiff_t>(*axis));
  return reduced;
}

// `out` seen with the expression's full shape: stride 0 along the reduced axis, so every
// element of the expression has the address of the result element it is folded into.
ArrayRef accumulation_view(const ArrayRef& out, std::size_t axis) {
  ArrayRef v = out;
  v.shape.insert(v.shape.begin() + static_cast<std::ptrdiff_t>(axis), 1);
  v.strides.insert(v.strides.begin() + static_cast<std::ptrdiff_t>(axis), 0);
  return v;
}

void fill_view(const ArrayRef& view, const Scalar& value) {
  const IterationSpace space = IterationSpace::over(view.shape, {&view});
  const auto size = static_cast<std::int64_t>(dtype_size(view.dtype));
  std::vector<char*> base(1);
  for (std::int64_t row = 0; row < space.rows; ++row) {
    space.row_pointers(row, {&view}, base);
    for (std::int64_t j = 0; j < space.inner; ++j) std::memcpy(base[0] + j * space.inner_stride(0), value.bytes, static_cast<std::size_t>(size));
  }
}

// How the blocks' results reach `out`.
enum class Destination {
  Elements,    // elementwise: each block is a piece of out
  Total,       // sum(x): every block is folded into one value
  RowTotals,   // sum(x, axis=k), k the innermost loop axis: each row folds into one element
  Accumulate,  // sum(x, axis=k), k an outer loop axis: each block is added onto a piece of out
};

}  // namespace

std::vector<std::int64_t> result_shape(const Program& program, const Bindings& inputs) {
  return reduced_shape(program, resolve(program, inputs).shape);
}

void evaluate(const Program& program, const Bindings& inputs, const ArrayRef& out, EvaluateOptions options) {
  ResolvedInputs resolved = resolve(program, inputs);
  if (program.reduction && resolved.shape.empty() && !program.reduction_axis && resolved.views.empty())
    throw Error(fmt::format("{}() needs an array operand", op_info(*program.reduction).name));
  check_out(program, reduced_shape(program, resolved.shape), out);

  // Constants and 0-d inputs are filled into their registers once; arrays are streamed.
  std::vector<Scalar> fixed_values;
  for (const auto& c : program.constants) fixed_values.push_back(c.value);
  Program plan = program;
  std::vector<const ArrayRef*> streamed;
  std::vector<InputSlot> streamed_slots;
  for (std::size_t i = 0; i < program.inputs.size(); ++i) {
    const ArrayRef& v = resolved.views[i];
    if (v.shape.empty()) {
      Scalar s;
      s.dtype = v.dtype;
      if (v.dtype == DType::Bytes) s.text.assign(static_cast<const char*>(v.data), static_cast<std::size_t>(v.item_size));
      else std::memcpy(s.bytes, v.data, dtype_size(v.dtype));
      plan.constants.push_back({s, program.inputs[i].reg});
      fixed_values.push_back(s);
    } else {
      streamed.push_back(&v);
      streamed_slots.push_back(program.inputs[i]);
    }
  }
  use_scalar_kernels(plan);

  const std::optional<std::size_t> axis = program.reduction ? normalized_axis(program, resolved.shape.size()) : std::nullopt;
  const ArrayRef accumulation = axis ? accumulation_view(out, *axis) : out;
  const bool writes_out = !program.reduction || axis;
  std::vector<const ArrayRef*> operands = streamed;
  if (writes_out) operands.push_back(&accumulation);
  const IterationSpace space = IterationSpace::over(resolved.shape, operands);
  const std::size_t out_operand = streamed.size();
  const std::size_t out_size = dtype_size(program.result_dtype);

  Destination destination = Destination::Elements;
  if (program.reduction) destination = !axis ? Destination::Total
                                       : space.inner_stride(out_operand) == 0 ? Destination::RowTotals
                                                                              : Destination::Accumulate;
  const Scalar identity = program.reduction ? reduction_identity(*program.reduction, program.result_dtype) : Scalar{};
  if (destination == Destination::Accumulate || (axis && space.rows * space.inner == 0)) fill_view(out, identity);
  const Kernel fold = destination == Destination::Accumulate
                          ? elementwise_kernel(*program.reduction == Op::Sum ? Op::Add : Op::Mul, program.result_dtype)
                          : nullptr;
  const FusedKernel fused = options.fuse && program.fused ? program.fused->kernel_for(plan) : nullptr;
  const int fold_register = destination == Destination::Accumulate ? plan.register_count++ : -1;

  // Bytes registers point at the strings themselves (never copied): their length and the
  // distance from one element to the next.
  std::vector<std::int64_t> bytes_size(static_cast<std::size_t>(plan.register_count)), bytes_stride(bytes_size.size());
  for (std::size_t i = 0; i < plan.constants.size(); ++i)
    if (fixed_values[i].dtype == DType::Bytes)
      bytes_size[static_cast<std::size_t>(plan.constants[i].reg)] = static_cast<std::int64_t>(fixed_values[i].text.size());
  for (std::size_t i = 0; i < streamed.size(); ++i)
    if (streamed[i]->dtype == DType::Bytes) {
      bytes_size[static_cast<std::size_t>(streamed_slots[i].reg)] = streamed[i]->item_size;
      bytes_stride[static_cast<std::size_t>(streamed_slots[i].reg)] = space.inner_stride(i);
    }

  const bool out_direct = destination == Destination::Elements && space.inner_stride(out_operand) == static_cast<std::int64_t>(out_size);
  // A fused kernel reading every input in place and writing straight into out needs no
  // block-sized buffer: it runs over long stretches, which the hardware prefetches itself.
  bool long_stretches = fused && out_direct;
  for (std::size_t i = 0; i < streamed.size(); ++i)
    long_stretches = long_stretches && space.inner_stride(i) == static_cast<std::int64_t>(dtype_size(streamed[i]->dtype));
  const std::int64_t stretch = long_stretches ? fused_stretch_elements : block_elements;
  const std::int64_t blocks_per_row = (space.inner + stretch - 1) / stretch;
  const std::int64_t blocks = space.rows * blocks_per_row;
  // Accumulate splits the columns between threads (the rows of one column add onto the same
  // elements); the others split the blocks in row-major order.
  const std::int64_t work = destination == Destination::Accumulate ? blocks_per_row : blocks;
  const int threads = static_cast<int>(std::clamp<std::int64_t>(options.threads > 0 ? options.threads : num_threads(), 1,
                                                                std::max<std::int64_t>(work, 1)));
  std::vector<Scalar> partial(static_cast<std::size_t>(threads));
  // RowTotals: the rows a thread shares with its neighbours, folded after all have run.
  struct SharedRow {
    std::int64_t row;
    Scalar total;
  };
  std::vector<std::vector<SharedRow>> shared_rows(static_cast<std::size_t>(threads));

  auto run_part = [&](int part) {
    Workspace& w = workspace_for(plan, fixed_values);
    for (std::size_t i = 0; i < plan.constants.size(); ++i)
      if (fixed_values[i].dtype == DType::Bytes) w.current[static_cast<std::size_t>(plan.constants[i].reg)] = fixed_values[i].text.data();
    Scalar acc = identity;
    std::vector<char*> base(operands.size());
    std::int64_t first = work * part / threads, last = work * (part + 1) / threads;
    std::int64_t row_first_block = first;  // RowTotals: where acc's row starts in this part
    auto run_block = [&](std::int64_t row, std::int64_t j0) {
      const std::int64_t n = std::min(stretch, space.inner - j0);
      space.row_pointers(row, operands, base);
      for (std::size_t i = 0; i < streamed.size(); ++i) {
        const std::int64_t stride = space.inner_stride(i);
        const std::size_t size = dtype_size(streamed_slots[i].dtype);
        const char* at = base[i] + j0 * stride;
        const auto reg = static_cast<std::size_t>(streamed_slots[i].reg);
        if (streamed_slots[i].dtype == DType::Bytes) {
          w.current[reg] = at;
        } else if (stride == static_cast<std::int64_t>(size)) {
          w.current[reg] = at;
          if (!long_stretches) prefetch_next_block(at, n * stride, false);
        } else {
          gather(n, w.buffer[reg], at, stride, size);
          w.current[reg] = w.buffer[reg];
        }
      }
      char* out_at = writes_out ? base[out_operand] + j0 * space.inner_stride(out_operand) : nullptr;
      if (out_direct && !long_stretches) prefetch_next_block(out_at, n * static_cast<std::int64_t>(out_size), true);
      if (fused) {
        const auto result_register = static_cast<std::size_t>(plan.result_register);
        void* target = out_direct ? static_cast<void*>(out_at) : w.buffer[result_register];
        fused(n, target, w.current.data());
        w.current[result_register] = target;
      }
      for (std::size_t k = 0; k < (fused ? 0 : plan.code.size()); ++k) {
        const Instruction& ins = plan.code[k];
        const void* in[3] = {};
        for (std::size_t a = 0; a < 3; ++a)
          if (ins.in[a] >= 0) in[a] = w.current[static_cast<std::size_t>(ins.in[a])];
        void* target = (out_direct && k + 1 == plan.code.size()) ? static_cast<void*>(out_at)
                                                                  : w.buffer[static_cast<std::size_t>(ins.out)];
        if (ins.bytes_kernel) {
          const auto first = static_cast<std::size_t>(ins.in[0]), second = static_cast<std::size_t>(ins.in[1]);
          const std::int64_t sizes[2] = {bytes_size[first], bytes_size[second]};
          const std::int64_t strides[2] = {bytes_stride[first], bytes_stride[second]};
          ins.bytes_kernel(n, target, in, sizes, strides);
        } else {
          ins.kernel(n, target, in);
        }
        w.current[static_cast<std::size_t>(ins.out)] = target;
      }
      const void* result = w.current[static_cast<std::size_t>(program.result_register)];
      switch (destination) {
        case Destination::Elements:
          if (!out_direct) scatter(n, out_at, space.inner_stride(out_operand), result, out_size);
          break;
        case Destination::Total:
        case Destination::RowTotals: program.reducer(n, acc.bytes, result); break;
        case Destination::Accumulate: {
          void* sums = w.buffer[static_cast<std::size_t>(fold_register)];
          gather(n, sums, out_at, space.inner_stride(out_operand), out_size);
          const void* operands_of_fold[3] = {sums, result, nullptr};
          fold(n, sums, operands_of_fold);
          scatter(n, out_at, space.inner_stride(out_operand), sums, out_size);
          break;
        }
      }
      return out_at;
    };
    if (destination == Destination::Accumulate) {
      for (std::int64_t row = 0; row < space.rows; ++row)
        for (std::int64_t b = first; b < last; ++b) run_block(row, b * stretch);
      return;
    }
    for (std::int64_t b = first; b < last; ++b) {
      const std::int64_t row = b / blocks_per_row, column = b % blocks_per_row;
      char* out_at = run_block(row, column * stretch);
      if (destination != Destination::RowTotals || (column + 1 != blocks_per_row && b + 1 != last)) continue;
      // The row ends here, or this part does: the total is final if the part holds the whole row.
      if (row_first_block == row * blocks_per_row && column + 1 == blocks_per_row) std::memcpy(out_at, acc.bytes, out_size);
      else shared_rows[static_cast<std::size_t>(part)].push_back({row, acc});
      acc = identity;
      row_first_block = b + 1;
    }
    partial[static_cast<std::size_t>(part)] = acc;
  };

  std::unique_lock<std::mutex> lock;
  shared_pool(threads, lock).run(threads, run_part);

  if (destination == Destination::Total) {
    Scalar total = identity;
    for (const Scalar& p : partial) combine_accumulators(*program.reduction, program.result_dtype, total.bytes, p.bytes);
    std::memcpy(out.data, total.bytes, out_size);
  } else if (destination == Destination::RowTotals) {
    // A row shared by several parts is folded in part order, so the result depends only on
    // the thread count.
    std::vector<char*> base(operands.size());
    std::int64_t current = -1;
    Scalar total;
    auto flush = [&] {
      if (current < 0) return;
      space.row_pointers(current, operands, base);
      std::memcpy(base[out_operand], total.bytes, out_size);
    };
    for (const auto& rows : shared_rows)
      for (const SharedRow& r : rows) {
        if (r.row != current) {
          flush();
          current = r.row;
          total = identity;
        }
        combine_accumulators(*program.reduction, program.result_dtype, total.bytes, r.total.bytes);
      }
    flush();
  }
}

void evaluate(std::string_view text, const Bindings& inputs, const ArrayRef& out, EvaluateOptions options) {
  evaluate(compile(text, signature_of(inputs)), inputs, out, options);
}

}  // namespace hpcpp::expr
