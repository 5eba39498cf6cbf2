#include "hpcpp/expr/dtype.hpp"

#include <array>
#include <string>

#include "hpcpp/core/error.hpp"
#include "hpcpp/io/numpy_dtype.hpp"

namespace hpcpp::expr {
namespace {

// Each type as numpy's kind and item size; its name and descr are numpy's (io's
// vocabulary), except bytes, whose length belongs to each array.
struct NumpyForm {
  char kind;
  std::size_t size;
};
constexpr std::array<NumpyForm, dtype_count> forms = {{
    {'b', 1}, {'i', 4}, {'i', 8}, {'f', 4}, {'f', 8}, {'c', 16}, {'S', 0},
}};

struct Names {
  std::string name, descr;
};
const std::array<Names, dtype_count>& names() {
  static const std::array<Names, dtype_count> table = [] {
    std::array<Names, dtype_count> t;
    for (std::size_t i = 0; i < forms.size(); ++i)
      t[i] = forms[i].kind == 'S' ? Names{"bytes", "|S"}
                                  : Names{io::numpy_dtype_name(forms[i].kind, forms[i].size), io::npy_descr(forms[i].kind, forms[i].size)};
    return t;
  }();
  return table;
}

std::optional<DType> from_form(char kind, std::size_t size) {
  for (std::size_t i = 0; i < forms.size(); ++i)
    if (forms[i].kind == kind && (kind == 'S' || forms[i].size == size)) return static_cast<DType>(i);
  return std::nullopt;
}

}  // namespace

std::string_view dtype_name(DType t) { return names()[static_cast<std::size_t>(t)].name; }
std::size_t dtype_size(DType t) { return forms[static_cast<std::size_t>(t)].size; }
std::string_view dtype_descr(DType t) { return names()[static_cast<std::size_t>(t)].descr; }

std::optional<DType> dtype_from_name(std::string_view name) {
  if (name == "bytes") return DType::Bytes;
  const auto numpy = io::numpy_dtype_from_name(name);
  return numpy ? from_form(numpy->kind, numpy->item_size) : std::nullopt;
}

std::optional<DType> dtype_from_descr(std::string_view descr) {
  try {
    const io::NpyDtype numpy = io::parse_npy_descr(descr, "");
    return from_form(numpy.kind, numpy.item_size);
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace hpcpp::expr
