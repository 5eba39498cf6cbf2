#pragma once
// hpcpp::expr: numexpr's language (operators, functions, sum/prod) plus numpy slices of
// the inputs, compiled once and evaluated in blocks on several threads.
//
//   Program p = compile("u[1:-1,1:-1] + c*u[2:,1:-1]", {{"u", DType::Float64}, {"c", DType::Float64}});
//   evaluate(p, {{"u", u_view}, {"c", ArrayRef::scalar(&c, DType::Float64)}}, out_view);
#include "hpcpp/expr/array_ref.hpp"
#include "hpcpp/expr/dtype.hpp"
#include "hpcpp/expr/evaluate.hpp"
#include "hpcpp/expr/program.hpp"
#include "hpcpp/expr/syntax_error.hpp"
#include "hpcpp/expr/runtime/thread_pool.hpp"
