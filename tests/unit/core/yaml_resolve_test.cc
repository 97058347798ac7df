#include "common/yaml_resolve.h"

#include <gtest/gtest.h>

namespace kic::yaml {
namespace {

TEST(ResolvePlain, Yaml11SpecialWords) {
  EXPECT_EQ(ResolvePlain("yes"), ScalarType::kBool);
  EXPECT_EQ(ResolvePlain("On"), ScalarType::kBool);
  EXPECT_EQ(ResolvePlain("n"), ScalarType::kBool);
  EXPECT_EQ(ResolvePlain("~"), ScalarType::kNull);
  EXPECT_EQ(ResolvePlain(""), ScalarType::kNull);
  EXPECT_EQ(ResolvePlain("<<"), ScalarType::kMerge);
  EXPECT_EQ(ResolvePlain("kong"), ScalarType::kString);
}

TEST(ResolvePlain, Numbers) {
  EXPECT_EQ(ResolvePlain("80"), ScalarType::kInt);
  EXPECT_EQ(ResolvePlain("012"), ScalarType::kInt);
  EXPECT_EQ(ResolvePlain("0x1F"), ScalarType::kInt);
  EXPECT_EQ(ResolvePlain("1_000"), ScalarType::kInt);
  EXPECT_EQ(ResolvePlain("-0b11"), ScalarType::kInt);
  EXPECT_EQ(ResolvePlain("3.0"), ScalarType::kFloat);
  EXPECT_EQ(ResolvePlain(".5"), ScalarType::kFloat);
  EXPECT_EQ(ResolvePlain("08"), ScalarType::kFloat);      // not octal, but a float to Go
  EXPECT_EQ(ResolvePlain("1e400"), ScalarType::kString);  // out of range stays a string
  EXPECT_EQ(ResolvePlain("2001-12-14"), ScalarType::kTimestamp);
  EXPECT_EQ(ResolvePlain("v1"), ScalarType::kString);
  EXPECT_EQ(ResolvePlain("1.2.3"), ScalarType::kString);
}

TEST(IsBase60Float, Colons) {
  EXPECT_TRUE(IsBase60Float("12:30"));
  EXPECT_TRUE(IsBase60Float("190:20:30.15"));
  EXPECT_FALSE(IsBase60Float("12:70"));
  EXPECT_FALSE(IsBase60Float("a:1"));
}

}  // namespace
}  // namespace kic::yaml
