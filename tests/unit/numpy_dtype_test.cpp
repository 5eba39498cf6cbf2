// One numpy vocabulary for io, expr and bigfile: names, descrs and shapes as numpy prints them.
#include <gtest/gtest.h>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/shape_text.hpp"
#include "hpcpp/expr/dtype.hpp"
#include "hpcpp/io/numpy_dtype.hpp"

namespace hpcpp {
namespace {

TEST(NumpyDtype, NamesAreNumpys) {
  EXPECT_EQ(io::numpy_dtype_name('f', 8), "float64");
  EXPECT_EQ(io::numpy_dtype_name('u', 1), "uint8");
  EXPECT_EQ(io::numpy_dtype_name('b', 1), "bool");
  EXPECT_EQ(io::numpy_dtype_name('c', 16), "complex128");
  EXPECT_EQ(io::numpy_dtype_name('i', 3), "");
  EXPECT_EQ(io::numpy_dtype_name('S', 5), "");
}

TEST(NumpyDtype, NamesGiveTheDescrNumpyWrites) {
  EXPECT_EQ(io::numpy_dtype_from_name("float32")->descr, "<f4");
  EXPECT_EQ(io::numpy_dtype_from_name("int8")->descr, "|i1");
  EXPECT_EQ(io::numpy_dtype_from_name("bool")->descr, "|b1");
  EXPECT_EQ(io::numpy_dtype_from_name("uint64")->item_size, 8u);
  EXPECT_FALSE(io::numpy_dtype_from_name("float"));
  EXPECT_FALSE(io::numpy_dtype_from_name("int128"));
}

TEST(NumpyDtype, DescrsAreReadAsNumpyReadsThem) {
  EXPECT_EQ(io::parse_npy_descr("f8", "").descr, "<f8");
  EXPECT_EQ(io::parse_npy_descr("=i4", "").descr, "<i4");
  EXPECT_EQ(io::parse_npy_descr("|S5", "").item_size, 5u);
  EXPECT_EQ(io::parse_npy_descr("<U3", "").item_size, 12u);
  EXPECT_EQ(io::npy_descr('U', 12), "<U3");
  EXPECT_THROW(io::parse_npy_descr(">f8", "x.npy"), Error);
  EXPECT_THROW(io::parse_npy_descr("|O8", "x.npy"), Error);
}

TEST(NumpyDtype, ExprTypesUseTheSameVocabulary) {
  EXPECT_EQ(expr::dtype_name(expr::DType::Float32), "float32");
  EXPECT_EQ(expr::dtype_descr(expr::DType::Complex128), "<c16");
  EXPECT_EQ(expr::dtype_from_name("int64"), expr::DType::Int64);
  EXPECT_EQ(expr::dtype_from_name("bytes"), expr::DType::Bytes);
  EXPECT_FALSE(expr::dtype_from_name("uint8"));  // a numpy type the engine does not compute in
  EXPECT_EQ(expr::dtype_from_descr("=f8"), expr::DType::Float64);
  EXPECT_EQ(expr::dtype_from_descr("<b1"), expr::DType::Bool);
  EXPECT_EQ(expr::dtype_from_descr("|S7"), expr::DType::Bytes);
  EXPECT_FALSE(expr::dtype_from_descr("<i2"));
  EXPECT_FALSE(expr::dtype_from_descr("not a dtype"));
}

TEST(ShapeText, PrintsAsPythonPrintsATuple) {
  EXPECT_EQ(shape_text(std::vector<std::int64_t>{3, 4}), "(3, 4)");
  EXPECT_EQ(shape_text(std::vector<std::int64_t>{5}), "(5,)");
  EXPECT_EQ(shape_text(std::vector<std::int64_t>{}), "()");
}

}  // namespace
}  // namespace hpcpp
