// libgomp reads OMP_NUM_THREADS as it is loaded, before main, and prints a warning of its
// own for a value it cannot read. hpcpp refuses such a value in one line of its own
// (hpcpp::default_thread_count), so libgomp must not see it: a value that is no thread
// count is hidden while the shared libraries start (an executable's preinit functions run
// before them, its constructors after them) and shown again afterwards, for hpcpp to
// report and for the programs it starts.
#include <string_view>

#include "hpcpp/core/decimal_integer.hpp"
#include "hpcpp/core/thread_limit.hpp"

namespace {

constexpr std::string_view omp_num_threads = "OMP_NUM_THREADS=";
char* hidden = nullptr;  // the first letter of the variable's entry while it is hidden

// No allocation and no libc state: the C library may not have started yet.
void hide_unreadable_thread_count(int, char**, char** environment) {
  for (char** entry = environment; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (!text.starts_with(omp_num_threads)) continue;
    const auto count = hpcpp::decimal_integer(text.substr(omp_num_threads.size()));
    if (!count || !hpcpp::is_thread_count(*count)) {
      hidden = *entry;
      hidden[0] = 'o';
    }
  }
}

}  // namespace

// A constructor, and again from main: under ThreadSanitizer the constructors may run before
// the preinit functions.
__attribute__((constructor)) void show_thread_count_again() {
  if (hidden != nullptr) hidden[0] = 'O';
  hidden = nullptr;
}

__attribute__((section(".preinit_array"), used)) static void (*const hide_before_libraries)(int, char**, char**) =
    hide_unreadable_thread_count;
