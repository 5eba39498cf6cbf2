#pragma once
// The density field: rows x cols values (the interior plus one boundary point on each
// side; the lecture's grid is square, npnts x npnts), row-major, each row starting on a
// 64-byte boundary.
#include <cstddef>
#include <cstdint>

#include "hpcpp/core/aligned_buffer.hpp"

namespace hpcpp::diffusion {

class Field {
 public:
  Field() = default;
  explicit Field(std::int64_t npnts) : Field(npnts, npnts) {}
  Field(std::int64_t rows, std::int64_t cols)
      : rows_(rows), cols_(cols), stride_(padded(cols)), values_(static_cast<std::size_t>(rows * padded(cols))) {}

  std::int64_t rows() const { return rows_; }
  std::int64_t cols() const { return cols_; }
  std::int64_t stride() const { return stride_; }
  double* row(std::int64_t i) { return values_.data() + i * stride_; }
  const double* row(std::int64_t i) const { return values_.data() + i * stride_; }
  double& at(std::int64_t i, std::int64_t j) { return row(i)[j]; }
  double at(std::int64_t i, std::int64_t j) const { return row(i)[j]; }
  double* data() { return values_.data(); }
  const double* data() const { return values_.data(); }

  void swap(Field& other) noexcept {
    std::swap(rows_, other.rows_);
    std::swap(cols_, other.cols_);
    std::swap(stride_, other.stride_);
    values_.swap(other.values_);
  }

 private:
  static std::int64_t padded(std::int64_t n) { return (n + 7) / 8 * 8; }

  std::int64_t rows_ = 0;
  std::int64_t cols_ = 0;
  std::int64_t stride_ = 0;
  AlignedBuffer<double> values_;
};

// Gives `scratch` the shape of `like` (reallocating only when the shape differs).
inline void match_shape(Field& scratch, const Field& like) {
  if (scratch.rows() != like.rows() || scratch.cols() != like.cols()) scratch = Field(like.rows(), like.cols());
}

// True when both fields hold the same bits at every point.
bool bit_identical(const Field& a, const Field& b);

}  // namespace hpcpp::diffusion
