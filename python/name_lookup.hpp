#pragma once
// numexpr's lookup of an expression's names: each in local_dict, then in global_dict;
// either dict left out is the calling Python frame's locals or globals.
#include <pybind11/pybind11.h>

#include <string>
#include <vector>

namespace hpcpp::python {

namespace py = pybind11;

// The values of `names`, in order. Raises KeyError for a name found in neither.
std::vector<py::object> look_up(const std::vector<std::string>& names, py::handle local_dict, py::handle global_dict);

}  // namespace hpcpp::python
