// hpcpp bigfile: the lecture's create12GB.py and average12GB.py, and the analyses it names
// (min/mean/max, cleaning, fitting, random access) on arrays larger than memory.
#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>

#include "commands.hpp"
#include "option_checks.hpp"
#include "hpcpp/bigfile/array_file.hpp"
#include "hpcpp/bigfile/average.hpp"
#include "hpcpp/bigfile/clean.hpp"
#include "hpcpp/bigfile/create.hpp"
#include "hpcpp/bigfile/element_access.hpp"
#include "hpcpp/bigfile/fit.hpp"
#include "hpcpp/bigfile/layout.hpp"
#include "hpcpp/bigfile/rank_share.hpp"
#include "hpcpp/bigfile/stats.hpp"
#include "hpcpp/core/atomic_file.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/float_repr.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/mpi/environment.hpp"

namespace hpcpp::cli {
namespace {

// The input file and, for raw files, the layout numpy.memmap would be given.
struct InputConfig {
  std::string file;
  std::int64_t n = 0;
  std::string shape;
  std::string dtype;
  bigfile::ReadOptions read;
  bool verbose = false;
};

// Runs a subcommand once on this process, or under mpirun as one rank of the job: each rank
// then takes its share of the chunks, and rank 0 prints.
void on_ranks(std::string_view needed_by, const std::function<void(bigfile::RankShare)>& body) {
  mpi::run_as_rank(mpi::started_by_launcher(), needed_by, [&](int rank, int ranks) {
    body(bigfile::RankShare{rank, ranks, false});
    std::fflush(stdout);
  });
}

void add_verbose_flag(CLI::App* cmd, bool& verbose) {
  cmd->add_flag("--verbose", verbose, "Print on stderr how the chunks are shared among ranks and threads");
}

void add_chunk_option(CLI::App* cmd, std::size_t& chunk_bytes) {
  cmd->add_option_function<std::size_t>(
         "--chunk-kib", [&chunk_bytes](std::size_t kib) { chunk_bytes = kib << 10; },
         fmt::format("Bytes per read or write, in KiB (default {})", chunk_bytes >> 10))
      ->check(CLI::Range(std::size_t{4}, std::size_t{1} << 20));
}

void add_input_options(CLI::App* cmd, InputConfig& in) {
  cmd->add_option("FILE", in.file, "A .npy file, or a raw file with --n or --shape")->required();
  cmd->add_option("--n", in.n, "Raw file: an N x N array")->transform(integer_in(1));
  cmd->add_option("--shape", in.shape, "Raw file: the shape, as R,C");
  cmd->add_option("--dtype", in.dtype, "Raw file: element type (default float64; uint8 reproduces average12GB.py)");
  cmd->add_option("--threads", in.read.threads, "Reading threads (default: OMP_NUM_THREADS, else all cores)")
      ->transform(thread_count());
  cmd->add_flag("--keep-cache", in.read.keep_cache, "Leave the file's pages in the page cache after reading");
  add_chunk_option(cmd, in.read.chunk_bytes);
  add_verbose_flag(cmd, in.verbose);
}

// "R,C" as typed: every dimension an integer >= 0, none left out.
std::vector<std::int64_t> parse_shape(const std::string& text) {
  const CLI::Validator dimension = integer_in(0);
  std::vector<std::int64_t> shape;
  for (std::size_t start = 0;;) {
    const std::size_t comma = text.find(',', start);
    std::string piece = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (const std::string error = dimension(piece); !error.empty())
      throw Error(fmt::format("--shape {}: each dimension {}", printable(text), error));
    shape.push_back(std::stoll(piece));
    if (comma == std::string::npos) return shape;
    start = comma + 1;
  }
}

// --seed: the whole range of a 64-bit unsigned integer, refused as typed beyond it.
CLI::Validator seed_value() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        std::uint64_t value = 0;
        const char* last = text.data() + text.size();
        const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
        const auto [end, ec] = std::from_chars(text.data(), last, value);
        if (!digits || ec != std::errc() || end != last)
          return fmt::format("must be an integer from 0 to {}, got {}", std::numeric_limits<std::uint64_t>::max(),
                             text.empty() ? "nothing" : text);
        text = std::to_string(value);
        return {};
      },
      "INT in 0..2**64-1");
}

bigfile::ArrayFile open_input(const InputConfig& in) {
  std::optional<bigfile::RawLayout> raw;
  if (in.n > 0 && !in.shape.empty()) throw Error("give --n or --shape, not both");
  if (in.n > 0 || !in.shape.empty()) {
    raw = bigfile::RawLayout{in.n > 0 ? std::vector<std::int64_t>{in.n, in.n} : parse_shape(in.shape),
                             in.dtype.empty() ? bigfile::ElementType::float64 : bigfile::element_type_from_name(in.dtype)};
  } else if (!in.dtype.empty()) {
    throw Error("--dtype is for raw files and needs --n or --shape");
  }
  bigfile::ArrayFile array = bigfile::open_array_file(in.file, raw);
  if (in.verbose) bigfile::print_layout(bigfile::read_plan(array, in.read), array.shape, in.read.share, in.read.threads);
  if (!array.npy && array.unread_bytes() > 0 && in.read.share.rank == 0)
    fmt::print(stderr, "hpcpp: note: {}: shape {} of {} reads the first {} of its {} bytes; {} bytes left unread "
               "(numpy.memmap reads the same)\n", array.name(), bigfile::shape_text(array.shape),
               bigfile::element_type_name(array.type), array.data_bytes(), array.file_size, array.unread_bytes());
  return array;
}

bool parse_format(const std::string& format) { return format == "npy"; }

void add_create(CLI::App* bigfile) {
  struct Config {
    std::string file, format = "npy";
    bigfile::CreateOptions options;
    bool verbose = false;
  };
  auto c = std::make_shared<Config>();
  auto* cmd = bigfile->add_subcommand("create", "Write an N x N float64 array of uniform [0, 1) values (create12GB.py)");
  cmd->add_option("FILE", c->file, "The file to write")->required();
  cmd->add_option("--n", c->options.n, "Rows and columns")->required()->transform(integer_in(1));
  cmd->add_option("--seed", c->options.seed, "Values depend only on the seed and the index")
      ->transform(seed_value())
      ->capture_default_str();
  cmd->add_option("--format", c->format, "npy (numpy.load maps it) or raw (numpy.memmap's file)")
      ->check(CLI::IsMember({"npy", "raw"}))
      ->capture_default_str();
  cmd->add_option("--threads", c->options.threads, "Writing threads (default: OMP_NUM_THREADS, else all cores)")
      ->transform(thread_count());
  add_chunk_option(cmd, c->options.chunk_bytes);
  add_verbose_flag(cmd, c->verbose);
  cmd->callback([c] {
    on_ranks("bigfile create", [&](bigfile::RankShare share) {
      check_writable(c->file, "FILE");
      c->options.npy = parse_format(c->format);
      c->options.share = share;
      if (c->verbose)
        bigfile::print_layout(bigfile::create_plan(c->options), {c->options.n, c->options.n}, share, c->options.threads);
      bigfile::create_uniform_array(c->file, c->options);
    });
  });
}

void add_average(CLI::App* bigfile) {
  auto in = std::make_shared<InputConfig>();
  auto* cmd = bigfile->add_subcommand("average", "Print the mean of all elements, as Python prints it (average12GB.py)");
  add_input_options(cmd, *in);
  cmd->callback([in] {
    on_ranks("bigfile average", [&](bigfile::RankShare share) {
      in->read.share = share;
      const double mean = bigfile::average(open_input(*in), in->read);
      if (share.rank == 0) fmt::print("{}\n", python_float_repr(mean));
    });
  });
}

void add_stats(CLI::App* bigfile) {
  auto in = std::make_shared<InputConfig>();
  auto* cmd = bigfile->add_subcommand("stats", "count, min, mean, max, std (population) and NaNs, in one pass");
  add_input_options(cmd, *in);
  cmd->callback([in] {
    on_ranks("bigfile stats", [&](bigfile::RankShare share) {
    in->read.share = share;
    const auto s = bigfile::compute_stats(open_input(*in), in->read);
    if (share.rank == 0)
    fmt::print("count: {}\nmin: {}\nmean: {}\nmax: {}\nstd: {}\nnan: {}\n", s.count,
               bigfile::python_value_text(s.min), python_float_repr(s.mean), bigfile::python_value_text(s.max),
               python_float_repr(s.std), s.nan);
    });
  });
}

void add_get(CLI::App* bigfile) {
  auto in = std::make_shared<InputConfig>();
  auto indices = std::make_shared<std::vector<std::int64_t>>();
  auto* cmd = bigfile->add_subcommand("get", "Print a few elements, reading only those (FILE I J [I J ...])");
  add_input_options(cmd, *in);
  cmd->add_option("INDICES", *indices, "One index per axis for each element; negative counts from the end")
      ->transform(integer_in(std::numeric_limits<std::int64_t>::min()))
      ->required();
  cmd->callback([in, indices] {
    // A few elements: rank 0 reads them, the other ranks only check the same input.
    on_ranks("bigfile get", [&](bigfile::RankShare share) {
      in->read.share = share;
      const auto array = open_input(*in);
      if (share.rank != 0) return;
      for (const auto& v : bigfile::read_elements(array, *indices)) fmt::print("{}\n", bigfile::python_value_text(v));
    });
  });
}

void add_clean(CLI::App* bigfile) {
  struct Config {
    InputConfig in;
    std::string output, format = "npy";
    bigfile::CleanOptions options;
  };
  auto c = std::make_shared<Config>();
  auto* cmd = bigfile->add_subcommand("clean", "Replace NaN, inf and values outside [--min, --max] into a new float64 file");
  add_input_options(cmd, c->in);
  cmd->add_option("OUT", c->output, "The cleaned file")->required();
  cmd->add_option("--min", c->options.min, "Smallest value kept");
  cmd->add_option("--max", c->options.max, "Largest value kept");
  cmd->add_option("--replace", c->options.replacement, "The value put in their place (default nan)");
  cmd->add_option("--format", c->format, "npy or raw")->check(CLI::IsMember({"npy", "raw"}))->capture_default_str();
  cmd->callback([c] {
    on_ranks("bigfile clean", [&](bigfile::RankShare share) {
      check_writable(c->output, "OUT");
      c->options.npy = parse_format(c->format);
      c->in.read.share = share;
      const auto counts = bigfile::clean_array(open_input(c->in), c->output, c->options, c->in.read);
      if (share.rank == 0)
        fmt::print("nan: {}\ninf: {}\nbelow: {}\nabove: {}\n", counts.nan, counts.inf, counts.below, counts.above);
    });
  });
}

void add_fit(CLI::App* bigfile) {
  auto in = std::make_shared<InputConfig>();
  auto* cmd = bigfile->add_subcommand("fit", "Least-squares line through the row means against the row index");
  add_input_options(cmd, *in);
  cmd->callback([in] {
    on_ranks("bigfile fit", [&](bigfile::RankShare share) {
    in->read.share = share;
    const auto fit = bigfile::fit_row_means(open_input(*in), in->read);
    if (share.rank == 0)
    fmt::print("slope: {}\nintercept: {}\nr^2: {}\n", python_float_repr(fit.slope), python_float_repr(fit.intercept),
               python_float_repr(fit.r_squared));
    });
  });
}

}  // namespace

void add_bigfile_command(CLI::App& app, int& /*exit_code*/) {
  auto* cmd = app.add_subcommand("bigfile", "Arrays larger than memory: create, average, stats, get, clean, fit");
  cmd->require_subcommand(1);
  add_create(cmd);
  add_average(cmd);
  add_stats(cmd);
  add_get(cmd);
  add_clean(cmd);
  add_fit(cmd);
  // --profile and --profile-trace belong to `bigfile` (main adds them to every command):
  // after a subcommand's own options they are handed up to it.
  for (CLI::App* sub : cmd->get_subcommands([](const CLI::App*) { return true; })) sub->fallthrough();
}

}  // namespace hpcpp::cli
