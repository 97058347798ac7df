// creationTimestamp decoding: the fast path for the API server's canonical form must agree with
// the general (sscanf + timegm) path on every date, month ends and leap days included.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <ctime>
#include <string>

#include "kube/decode.h"

namespace kic::kube {
namespace {

int64_t Decoded(const std::string& timestamp) {
  simdjson::dom::parser parser;
  const std::string json = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"n",)"
                           R"("creationTimestamp":")" +
                           timestamp + R"("}})";
  auto object = DecodeObject(parser.parse(json).value());
  EXPECT_TRUE(object.has_value());
  return object ? MetaOf(*object).creation_timestamp : -1;
}

int64_t Timegm(int y, int mo, int d, int h, int mi, int s) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<int64_t>(timegm(&tm));
}

TEST(TimestampTest, CanonicalFormAgreesWithTimegmOnEveryDayOfSomeYears) {
  constexpr int kMonthDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int y : {1970, 1999, 2000, 2024, 2026, 2100}) {
    for (int mo = 1; mo <= 12; ++mo) {
      for (int d = 1; d <= kMonthDays[mo - 1]; ++d) {
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, d % 24, (d * 7) % 60,
                      59);
        ASSERT_EQ(Decoded(text), Timegm(y, mo, d, d % 24, (d * 7) % 60, 59)) << text;
      }
    }
  }
}

TEST(TimestampTest, OtherFormsStillParseAsBefore) {
  EXPECT_EQ(Decoded("2026-11-26T13:34:37.123456Z"), Timegm(2026, 11, 26, 13, 34, 37));
  EXPECT_EQ(Decoded("2026-11-26T13:34:37+00:00"), Timegm(2026, 11, 26, 13, 34, 37));
  EXPECT_EQ(Decoded("2026-2-30T1:2:3Z"), Timegm(2026, 2, 30, 1, 2, 3));  // normalised by timegm, as before
  EXPECT_EQ(Decoded("1960-01-01T00:00:00Z"), Timegm(1960, 1, 1, 0, 0, 0));
}

}  // namespace
}  // namespace kic::kube
