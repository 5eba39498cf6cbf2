// hpcpp expr EXPR: evaluates a numexpr-style expression (with slices) on .npy inputs or on
// generated data, and reproduces the lecture's numpy/numexpr timing table.
#include <fmt/core.h>

#include <cmath>
#include <cstdio>
#include <deque>
#include <map>

#include "commands.hpp"
#include "option_checks.hpp"
#include "hpcpp/core/aligned_buffer.hpp"
#include "hpcpp/core/atomic_file.hpp"
#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/counter_uniform.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/numpy_str.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/core/elapsed_text.hpp"
#include "hpcpp/core/wall_timer.hpp"
#include "hpcpp/expr/expr.hpp"
#include "hpcpp/expr/jit/fused_kernel.hpp"
#include "hpcpp/expr/npy_binding.hpp"
#include "hpcpp/expr/runtime/stream_triad.hpp"
#include "hpcpp/params/python_literal.hpp"

namespace hpcpp::cli {
namespace {

using expr::ArrayRef;
using expr::DType;

struct ExprConfig {
  std::string text;
  std::vector<std::string> inputs, sets;
  std::string out;
  int threads = 0;
  std::int64_t n = 0;
  std::string dtype = "float64";
  int repeat = 10;
  bool lecture = false;
  bool triad = false;
  bool explain = false;
  bool no_fuse = false;
  bool against_triad = false;
};

// Arrays and scalars the bindings point into.
struct Storage {
  std::deque<expr::LoadedArray> files;
  std::deque<AlignedBuffer<unsigned char>> buffers;
  std::deque<expr::Scalar> scalars;
};

std::pair<std::string, std::string> split_assignment(const std::string& text, const char* option) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw Error(fmt::format("expr: {} {}: expected NAME=VALUE", option, python_repr(text)));
  return {text.substr(0, eq), text.substr(eq + 1)};
}

// A --set value read as a Python literal, as the parameter files are: True, False, an int
// (int64, as numpy makes a Python int) or a float.
expr::Scalar parse_scalar(const std::string& name, const std::string& text) {
  if (text == "True" || text == "False") return expr::Scalar::of(text == "True");
  const auto number = params::parse_python_number(text);
  if (!number)
    throw Error(fmt::format("expr: --set {}={}: not a Python int, float, True or False", printable(name), printable(text)));
  if (!number->is_int) return expr::Scalar::of(number->value);
  // parse_python_number gives ints as doubles: exact up to 2**53.
  constexpr double exact_limit = 0x1p53;
  if (std::abs(number->value) > exact_limit)
    throw Error(fmt::format("expr: --set {}={}: an int beyond 2**53 in magnitude is not supported", printable(name),
                            printable(text)));
  return expr::Scalar::of(static_cast<std::int64_t>(number->value));
}

// Reproducible values per name, the same on every standard library: counter-based uniform
// numbers (seeded by the name) in [0, 1) for floats (float32: on a 2**-24 grid, so never
// 1), [-1000, 1000] for integers, for bools each value below 0.5; a complex value's real
// and imaginary parts are two consecutive numbers.
ArrayRef generated(const std::string& name, std::int64_t n, DType dtype, Storage& storage) {
  auto& buffer = storage.buffers.emplace_back(static_cast<std::size_t>(n) * expr::dtype_size(dtype), Pages::huge);
  const std::uint64_t seed = seed_of_name(name);
  expr::visit_dtype(dtype, [&](auto t) {
    using T = decltype(t);
    auto* values = reinterpret_cast<T*>(buffer.data());
    for (std::int64_t i = 0; i < n; ++i) {
      const auto at = static_cast<std::uint64_t>(i);
      if constexpr (std::is_same_v<T, expr::complex128>) values[i] = T(uniform_at(seed, 2 * at), uniform_at(seed, 2 * at + 1));
      else {
        const double u = uniform_at(seed, at);
        if constexpr (std::is_same_v<T, bool>) values[i] = u < 0.5;
        else if constexpr (std::is_integral_v<T>) values[i] = static_cast<T>(std::floor(u * 2001) - 1000);
        else if constexpr (std::is_same_v<T, float>) values[i] = static_cast<float>(std::floor(u * 0x1p24) * 0x1p-24);
        else values[i] = u;
      }
    }
  });
  return ArrayRef::contiguous(buffer.data(), dtype, {n});
}

// Seconds per call: the best of `rounds` means of `repeat` calls, after one call not timed.
template <class F>
double best_seconds(F&& call, int repeat, int rounds = 5) {
  call();
  double best = 1e300;
  for (int round = 0; round < rounds; ++round) {
    WallTimer timer;
    for (int k = 0; k < repeat; ++k) call();
    best = std::min(best, timer.seconds() / repeat);
  }
  return best;
}

// Every name once: a second --in or --set of the same name would silently win.
void check_bound_once(const ExprConfig& c) {
  std::map<std::string, std::string> first;
  auto note = [&](const std::string& spec, const char* option) {
    const auto [name, value] = split_assignment(spec, option);
    const auto where = fmt::format("{} {}", option, printable(spec));
    if (auto [it, fresh] = first.emplace(name, where); !fresh)
      throw Error(fmt::format("expr: name {} is bound twice ({}, then {})", python_repr(name), it->second, where));
  };
  for (const auto& spec : c.inputs) note(spec, "--in");
  for (const auto& spec : c.sets) note(spec, "--set");
}

expr::Bindings bind(const ExprConfig& c, Storage& storage) {
  check_bound_once(c);
  expr::Bindings inputs;
  for (const auto& spec : c.inputs) {
    const auto [name, path] = split_assignment(spec, "--in");
    if (path.empty()) throw Error(fmt::format("expr: --in {}: the file name is empty", printable(spec)));
    inputs[name] = storage.files.emplace_back(expr::load_npy(path)).view;
  }
  for (const auto& spec : c.sets) {
    const auto [name, value] = split_assignment(spec, "--set");
    auto& s = storage.scalars.emplace_back(parse_scalar(name, value));
    inputs[name] = ArrayRef::scalar(s.bytes, s.dtype);
  }
  if (c.n > 0) {
    const auto dtype = expr::dtype_from_name(c.dtype);
    if (!dtype) throw Error(fmt::format("expr: --dtype '{}': expected bool, int32, int64, float32, float64 or complex128", c.dtype));
    for (const auto& name : expr::names_used(c.text))
      if (!inputs.count(name)) inputs[name] = generated(name, c.n, *dtype, storage);
  }
  return inputs;
}

// As numpy's print(result) shows it: the shape kept, large arrays summarized.
void print_result(const ArrayRef& result) {
  const auto count = static_cast<std::size_t>(result.size());
  if (result.dtype == DType::Bytes) {
    const std::string_view bytes(static_cast<const char*>(result.data), count * static_cast<std::size_t>(result.item_size));
    return fmt::print("{}\n", numpy_bytes_str(bytes, result.item_size, result.shape));
  }
  expr::visit_dtype(result.dtype, [&](auto t) {
    using T = decltype(t);
    fmt::print("{}\n", numpy_str(std::span<const T>(static_cast<const T*>(result.data), count), result.shape));
  });
}

// The triad, the fused program and the program kernel by kernel in turn, nine rounds, best
// of each: one process, so a drift of the machine's speed touches all three alike.
void alternate_with_triad(const ExprConfig& c, const expr::Program& program, const expr::Bindings& inputs, const ArrayRef& out) {
  const int threads = c.threads > 0 ? c.threads : expr::num_threads();
  expr::StreamTriad stream(c.n, threads);
  stream.seconds_of_one();
  double triad = 1e300, fused = 1e300, separate = 1e300;
  for (int round = 0; round < 9; ++round) {
    triad = std::min(triad, stream.seconds_of_one());
    fused = std::min(fused, best_seconds([&] { expr::evaluate(program, inputs, out, {threads, true}); }, c.repeat, 1));
    separate = std::min(separate, best_seconds([&] { expr::evaluate(program, inputs, out, {threads, false}); }, c.repeat, 1));
  }
  fmt::print(stderr, "{}: {} elements, {} thread{}: triad {} seconds, fused {} seconds ({:.2f}x the triad), kernel by kernel {} seconds ({:.2f}x)\n",
             c.text, c.n, threads, threads == 1 ? "" : "s", seconds_text(triad), seconds_text(fused), fused / triad,
             seconds_text(separate), separate / triad);
}

void evaluate_command(const ExprConfig& c) {
  if (!c.out.empty()) check_writable(c.out, "--out");
  Storage storage;
  const expr::Bindings inputs = bind(c, storage);
  const expr::Program program = expr::compile(c.text, expr::signature_of(inputs));
  if (c.explain) {
    fmt::print(stderr, "{}", program.listing());
    const bool fused = !c.no_fuse && program.fused->kernel_for(program);
    fmt::print(stderr, "{}\n", fused ? "fused: one machine-code loop" : "kernel by kernel, block by block");
  }
  const std::vector<std::int64_t> shape = expr::result_shape(program, inputs);
  std::int64_t count = 1;
  for (auto d : shape) count *= d;
  AlignedBuffer<unsigned char> buffer(static_cast<std::size_t>(std::max<std::int64_t>(count, 1)) * expr::dtype_size(program.result_dtype),
                                      Pages::huge);
  const ArrayRef out = ArrayRef::contiguous(buffer.data(), program.result_dtype, shape);
  const expr::EvaluateOptions options{c.threads, !c.no_fuse};
  if (c.n > 0 && c.against_triad) {
    alternate_with_triad(c, program, inputs, out);
  } else if (c.n > 0) {
    const double seconds = best_seconds([&] { expr::evaluate(program, inputs, out, options); }, c.repeat);
    fmt::print(stderr, "{}: {} elements, {} thread{}: {}\n", c.text, c.n, c.threads > 0 ? c.threads : expr::num_threads(),
               (c.threads == 1 ? "" : "s"), elapsed_text(seconds));
  } else {
    expr::evaluate(program, inputs, out, options);
  }
  if (!c.out.empty()) expr::save_npy(c.out, out);
  else if (c.n == 0 || (program.reduction && !program.reduction_axis)) print_result(out);
}

constexpr const char* lecture_expression = "a**2 + b**2 + 2*a*b";
constexpr const char* lecture_python = R"(
import timeit, numpy as np, numexpr as ne
n = 10**6; rng = np.random.default_rng(0); a = rng.random(n); b = rng.random(n); c = np.empty(n)
def best(f): return min(timeit.repeat(f, number=10, repeat=5)) / 10
print("numpy", best(lambda: a**2 + b**2 + 2*a*b))
for t in (1, 2):
    ne.set_num_threads(t)
    print(f"numexpr{t}", best(lambda: ne.evaluate("a**2 + b**2 + 2*a*b", out=c)))
)";

std::vector<std::pair<std::string, double>> python_timings() {
  // numpy's temporaries exceed glibc's mmap threshold; without raising it numpy spends
  // its time in page faults (see tests/python/conftest.py).
  const std::string command = fmt::format(
      "MALLOC_MMAP_THRESHOLD_=4194304 MALLOC_TRIM_THRESHOLD_=67108864 /usr/bin/python3 -c '{}' 2>/dev/null", lecture_python);
  std::vector<std::pair<std::string, double>> rows;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return rows;
  char name[64];
  double seconds;
  while (std::fscanf(pipe, "%63s %lf", name, &seconds) == 2) rows.emplace_back(name, seconds);
  pclose(pipe);
  return rows;
}

void lecture_table() {
  const auto python = python_timings();
  auto python_row = [&](const std::string& key) -> double {
    for (const auto& [name, s] : python)
      if (name == key) return s;
    return -1;
  };
  ExprConfig c;
  c.text = lecture_expression;
  c.n = 1000000;
  Storage storage;
  const expr::Bindings inputs = bind(c, storage);
  const expr::Program program = expr::compile(c.text, expr::signature_of(inputs));
  AlignedBuffer<double> result(static_cast<std::size_t>(c.n));
  const ArrayRef out = ArrayRef::contiguous(result.data(), DType::Float64, {c.n});
  const double numpy = python_row("numpy");
  fmt::print("{} on 1e6 float64 (best of 5 means of 10 runs)\n", c.text);
  fmt::print("{:<22}{:>10}{:>12}\n", "", "ms", "vs numpy");
  auto row = [&](const std::string& label, double seconds) {
    if (seconds < 0) return fmt::print("{:<22}{:>10}\n", label, "n/a");
    fmt::print("{:<22}{:>10.3f}{:>12}\n", label, seconds * 1e3, numpy > 0 ? fmt::format("{:.2f}x", numpy / seconds) : "");
  };
  row("numpy", numpy);
  row("numexpr, 1 thread", python_row("numexpr1"));
  row("numexpr, 2 threads", python_row("numexpr2"));
  for (int threads : {1, 2})
    row(fmt::format("hpcpp, {} thread{}", threads, threads == 1 ? "" : "s"),
        best_seconds([&] { expr::evaluate(program, inputs, out, {threads}); }, 10));
  fmt::print("lecture (2017): numpy 9.4-14.8 ms; numexpr 5.1 ms (1 thread), 3.0 ms (2 threads)\n");
}

void triad_command(const ExprConfig& c) {
  if (c.n <= 0) throw Error("expr: --triad needs --n N");
  const int threads = c.threads > 0 ? c.threads : expr::num_threads();
  const auto r = expr::stream_triad(c.n, threads);
  fmt::print("triad: {} elements, {} thread{}: {:.3f} ms, {:.2f} GB/s\n", c.n, threads, threads == 1 ? "" : "s",
             r.seconds * 1e3, r.bytes_per_second / 1e9);
}

// CLI11 takes text that begins with a minus ('-a + b') for an option it does not know. An
// expression is free text: the one argument that is none of expr's options is it.
void take_expression_from_extras(const CLI::App& cmd, ExprConfig& c) {
  std::vector<std::string> extras;
  for (const auto& arg : cmd.remaining())
    if (arg != "--") extras.push_back(arg);
  if (c.text.empty() && !extras.empty()) {
    c.text = extras.front();
    extras.erase(extras.begin());
  }
  if (extras.empty()) return;
  std::vector<std::string> options;
  for (const auto* option : cmd.get_options()) options.push_back(option->get_name());
  const std::string closest = closest_name(extras.front(), options);
  throw Error(fmt::format("expr: unexpected argument {} besides the expression {} ({})", python_repr(extras.front()),
                          python_repr(c.text),
                          closest == extras.front() ? "after '--' nothing is an option"
                                                    : fmt::format("did you mean '{}'?", closest)));
}

}  // namespace

void add_expr_command(CLI::App& app, int& exit_code) {
  auto config = std::make_shared<ExprConfig>();
  auto* cmd = app.add_subcommand("expr", "Evaluate a numexpr-style array expression (with slices) on .npy files");
  cmd->add_option("expression", config->text, "The expression, e.g. 'a**2 + b**2 + 2*a*b' or 'u[1:-1] - u[:-2]'");
  cmd->add_option("--in", config->inputs, "NAME=FILE.npy: an input array (repeatable)");
  cmd->add_option("--set", config->sets, "NAME=VALUE: a scalar input (repeatable)");
  cmd->add_option("--out", config->out, "Write the result to this .npy file (default: print it)");
  cmd->add_option("--threads", config->threads, "Threads (default: OMP_NUM_THREADS or all cores)")->transform(thread_count());
  cmd->add_option("--n", config->n, "Fill every unbound name with N reproducible values and print the time")
      ->transform(integer_in(1, std::int64_t{1} << 34));
  cmd->add_option("--dtype", config->dtype, "Type of the generated arrays (with --n)")->capture_default_str();
  cmd->add_option("--repeat", config->repeat, "Evaluations per timing round (with --n)")->capture_default_str()->transform(integer_in(1, 1000000));
  cmd->add_flag("--lecture", config->lecture, "Reproduce the lecture's numpy/numexpr table (1e6 doubles)");
  cmd->add_flag("--triad", config->triad, "Measure STREAM's triad on --n doubles per array (memory bandwidth)");
  cmd->add_flag("--explain", config->explain, "Print the compiled program on stderr");
  cmd->add_flag("--no-fuse", config->no_fuse, "Run float64 arithmetic kernel by kernel, not as one compiled loop");
  cmd->add_flag("--against-triad", config->against_triad,
                "With --n: time the triad, the fused program and the program kernel by kernel in turn");
  cmd->allow_extras();
  cmd->callback([cmd, config, &exit_code] {
    take_expression_from_extras(*cmd, *config);
    if (config->lecture) return lecture_table();
    if (config->triad) return triad_command(*config);
    if (config->text.empty()) throw Error("expr: an expression is required (see --help)");
    try {
      evaluate_command(*config);
    } catch (const expr::SyntaxError& e) {
      throw Error(e.with_indent(std::string_view("hpcpp: ").size()));
    }
    exit_code = 0;
  });
}

}  // namespace hpcpp::cli
