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

ResolvedInputs resolve(const Program& program, const Bindings& inputs) {
  ResolvedInputs r;
  const InputSlot* shaped = nullptr;
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
      r.shape = v.shape;
    } else if (v.shape != r.shape) {
      throw Error(fmt::format("shape mismatch: {} has shape {} but {} has shape {}", shaped->spelling,
                              shape_text(r.shape), slot.spelling, shape_text(v.shape)));
    }
  }
  return r;
}

void check_out(const Program& program, const std::vector<std::int64_t>& shape, const ArrayRef& out) {
  if (out.dtype != program.result_dtype)
    throw Error(fmt::format("out is {} but the expression gives {}", dtype_name(out.dtype), dtype_name(program.result_dtype)));
  if (out.strides.size() != out.shape.size()) throw Error("out has as many strides as dimensions");
  if (program.reduction) {
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

}  // namespace

std::vector<std::int64_t> result_shape(const Program& program, const Bindings& inputs) {
  return resolve(program, inputs).shape;
}

void evaluate(const Program& program, const Bindings& inputs, const ArrayRef& out, EvaluateOptions options) {
  ResolvedInputs resolved = resolve(program, inputs);
  check_out(program, resolved.shape, out);

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
      std::memcpy(s.bytes, v.data, dtype_size(v.dtype));
      plan.constants.push_back({s, program.inputs[i].reg});
      fixed_values.push_back(s);
    } else {
      streamed.push_back(&v);
      streamed_slots.push_back(program.inputs[i]);
    }
  }
  use_scalar_kernels(plan);
  const bool writes_out = !program.reduction;
  std::vector<const ArrayRef*> operands = streamed;
  if (writes_out) operands.push_back(&out);
  const IterationSpace space = IterationSpace::over(resolved.shape, operands);

  const std::int64_t blocks_per_row = (space.inner + block_elements - 1) / block_elements;
  const std::int64_t blocks = space.rows * blocks_per_row;
  const int threads = static_cast<int>(std::clamp<std::int64_t>(options.threads > 0 ? options.threads : num_threads(), 1,
                                                                std::max<std::int64_t>(blocks, 1)));
  const std::size_t out_size = dtype_size(program.result_dtype);
  const bool out_direct = writes_out && space.inner_stride(streamed.size()) == static_cast<std::int64_t>(out_size);
  std::vector<Scalar> partial(static_cast<std::size_t>(threads));

  auto run_part = [&](int part) {
    Workspace& w = workspace_for(plan, fixed_values);
    Scalar acc;
    if (program.reduction) acc = reduction_identity(*program.reduction, program.result_dtype);
    const std::int64_t first = blocks * part / threads, last = blocks * (part + 1) / threads;
    std::vector<char*> base(operands.size());
    for (std::int64_t b = first; b < last; ++b) {
      const std::int64_t row = b / blocks_per_row, j0 = (b % blocks_per_row) * block_elements;
      const std::int64_t n = std::min(block_elements, space.inner - j0);
      space.row_pointers(row, operands, base);
      for (std::size_t i = 0; i < streamed.size(); ++i) {
        const std::int64_t stride = space.inner_stride(i);
        const std::size_t size = dtype_size(streamed_slots[i].dtype);
        const char* at = base[i] + j0 * stride;
        const auto reg = static_cast<std::size_t>(streamed_slots[i].reg);
        if (stride == static_cast<std::int64_t>(size)) {
          w.current[reg] = at;
          prefetch_next_block(at, n * stride, false);
        } else {
          gather(n, w.buffer[reg], at, stride, size);
          w.current[reg] = w.buffer[reg];
        }
      }
      char* out_at = writes_out ? base.back() + j0 * space.inner_stride(streamed.size()) : nullptr;
      if (out_direct) prefetch_next_block(out_at, n * static_cast<std::int64_t>(out_size), true);
      for (std::size_t k = 0; k < program.code.size(); ++k) {
        const Instruction& ins = program.code[k];
        const void* in[3] = {};
        for (std::size_t a = 0; a < 3; ++a)
          if (ins.in[a] >= 0) in[a] = w.current[static_cast<std::size_t>(ins.in[a])];
        void* target = (out_direct && k + 1 == program.code.size()) ? static_cast<void*>(out_at)
                                                                      : w.buffer[static_cast<std::size_t>(ins.out)];
        ins.kernel(n, target, in);
        w.current[static_cast<std::size_t>(ins.out)] = target;
      }
      const void* result = w.current[static_cast<std::size_t>(program.result_register)];
      if (program.reduction) program.reducer(n, acc.bytes, result);
      else if (!out_direct) scatter(n, out_at, space.inner_stride(streamed.size()), result, out_size);
    }
    partial[static_cast<std::size_t>(part)] = acc;
  };

  std::unique_lock<std::mutex> lock;
  shared_pool(threads, lock).run(threads, run_part);

  if (program.reduction) {
    Scalar total = reduction_identity(*program.reduction, program.result_dtype);
    for (const Scalar& p : partial) combine_accumulators(*program.reduction, program.result_dtype, total.bytes, p.bytes);
    std::memcpy(out.data, total.bytes, out_size);
  }
}

void evaluate(std::string_view text, const Bindings& inputs, const ArrayRef& out, EvaluateOptions options) {
  evaluate(compile(text, signature_of(inputs)), inputs, out, options);
}

}  // namespace hpcpp::expr
