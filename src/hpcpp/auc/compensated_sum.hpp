#pragma once
// Neumaier's compensated sum: the rounding error of each addition is kept and added back,
// so the sum of 3e8 terms is as accurate as the terms themselves. Trivially copyable, so
// partial sums travel through shared memory.
namespace hpcpp::auc {

struct CompensatedSum {
  double sum = 0.0;
  double compensation = 0.0;

  void add(double term) {
    const double t = sum + term;
    if ((sum < 0 ? -sum : sum) >= (term < 0 ? -term : term))
      compensation += (sum - t) + term;
    else
      compensation += (term - t) + sum;
    sum = t;
  }
  void add(const CompensatedSum& other) {
    add(other.sum);
    add(other.compensation);
  }
  double value() const { return sum + compensation; }
};

}  // namespace hpcpp::auc
