#include "hpcpp/core/printable.hpp"

#include <gtest/gtest.h>

TEST(Printable, EscapesWhatPythonReprEscapes) {
  EXPECT_EQ(hpcpp::python_repr("dx"), "'dx'");
  EXPECT_EQ(hpcpp::python_repr("\x1b[31mred\r\n\t\\"), "'\\x1b[31mred\\r\\n\\t\\\\'");
  EXPECT_EQ(hpcpp::python_repr("it's"), "\"it's\"");
  EXPECT_EQ(hpcpp::python_repr("'\""), "'\\'\"'");
  EXPECT_EQ(hpcpp::python_repr(std::string_view("\x7f\0", 2)), "'\\x7f\\x00'");
  EXPECT_EQ(hpcpp::python_repr("caf\xc3\xa9 \xe2\x80\xa8 \xc2\x9b"), "'caf\xc3\xa9 \\u2028 \\x9b'");
  EXPECT_EQ(hpcpp::python_repr("\xff\xc3"), "'\\xff\\xc3'");
  EXPECT_EQ(hpcpp::printable("a\nb's"), "a\\nb's");
}
