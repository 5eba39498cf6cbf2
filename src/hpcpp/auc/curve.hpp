#pragma once
// The lecture's curve y = 0.7x^3 - 2x^2 + 4 on [0, 3]; its area is exactly 8.175.
namespace hpcpp::auc {

constexpr double x_end = 3.0;
constexpr double exact_area = 8.175;

inline double curve(double x) { return 0.7 * x * x * x - 2.0 * x * x + 4.0; }

}  // namespace hpcpp::auc
