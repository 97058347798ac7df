#include <gtest/gtest.h>

#include "common/sink.h"
#include "common/strings.h"
#include "common/uuid.h"
#include "common/yaml_sink.h"
#include "translate/ids.h"

namespace kic {
namespace {

TEST(Uuid, V5MatchesRfcExample) {
  const Uuid dns = Uuid::Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  EXPECT_EQ(Uuid::V5(dns, "konghq.com").ToString(), "92737da6-db9b-5306-aaef-3d30644496a9");
}

TEST(Uuid, KongEntityIdsMatchKic) {
  // Values from KIC's golden files.
  EXPECT_EQ(translate::EntityId("services", "bar-namespace.foo-svc.80", ""),
            "edc1d53e-73b4-5932-9455-0e01f0d53e3f");
  EXPECT_EQ(translate::EntityId("routes", "bar-namespace.ing-with-tls.foo-svc.example.com.80", ""),
            "fc9a8135-0253-5631-b1e0-8712f796a4e2");
  EXPECT_NE(translate::EntityId("services", "a", ""), translate::EntityId("services", "a", "workspace"));
}

TEST(Uuid, ParseRejectsGarbage) {
  EXPECT_THROW(Uuid::Parse("not-a-uuid"), std::invalid_argument);
  EXPECT_THROW(Uuid::Parse("1234"), std::invalid_argument);
}

TEST(NaturalLess, OrdersLikeYamlV2) {
  EXPECT_TRUE(NaturalLess("_format_version", "certificates"));
  EXPECT_TRUE(NaturalLess("a9", "a10"));
  EXPECT_FALSE(NaturalLess("a10", "a9"));
  EXPECT_TRUE(NaturalLess("hosts", "https_redirect_status_code"));
  EXPECT_TRUE(NaturalLess("path_handling", "paths"));
  EXPECT_TRUE(NaturalLess("consumer_group_consumers", "consumer_groups"));
  EXPECT_TRUE(NaturalLess("tags", "tls_verify"));
  EXPECT_TRUE(NaturalLess("Z_", "Za"));  // non-letter before letter, unlike ASCII
}

TEST(Strings, Base64RoundTripAndErrors) {
  EXPECT_EQ(Base64Decode("Y29uc3VtZXItMQ==").value(), "consumer-1");
  EXPECT_EQ(Base64Decode("Y29u\nc3Vt").value(), "consum");
  EXPECT_FALSE(Base64Decode("abc").has_value());
  EXPECT_EQ(Base64Encode("consumer-1"), "Y29uc3VtZXItMQ==");
}

TEST(Strings, GoBoolAndInt) {
  EXPECT_EQ(ParseGoBool("True"), true);
  EXPECT_EQ(ParseGoBool("0"), false);
  EXPECT_FALSE(ParseGoBool("yes").has_value());
  EXPECT_EQ(ParseInt("+42"), 42);
  EXPECT_FALSE(ParseInt("4x").has_value());
  EXPECT_FALSE(ParseInt("").has_value());
}

std::string Yaml(void (*write)(Sink&)) {
  YamlSink sink;
  write(sink);
  return sink.Finish();
}

TEST(YamlSink, QuotesStringsThatWouldReadAsOtherTypes) {
  const auto out = Yaml([](Sink& s) {
    s.BeginMap();
    s.Key("a");
    s.String("3.0");
    s.Key("b");
    s.String("yes");
    s.Key("c");
    s.String("*.example.com");
    s.Key("d");
    s.String("plain text");
    s.Key("e");
    s.String("line1\nline2");
    s.Key("f");
    s.String("");
    s.Key("g");
    s.Int(57178899677185);
    s.Key("h");
    s.BeginSeq();
    s.EndSeq();
    s.Key("i");
    s.String("12:30");
    s.EndMap();
  });
  EXPECT_EQ(out,
            "a: \"3.0\"\nb: \"yes\"\nc: '*.example.com'\nd: plain text\ne: |-\n  line1\n  line2\nf: \"\"\n"
            "g: 57178899677185\nh: []\ni: \"12:30\"\n");
}

TEST(YamlSink, SequencesUnderKeysAreNotIndented) {
  const auto out = Yaml([](Sink& s) {
    s.BeginMap();
    s.Key("list");
    s.BeginSeq();
    s.BeginMap();
    s.Key("name");
    s.String("x");
    s.EndMap();
    s.EndSeq();
    s.EndMap();
  });
  EXPECT_EQ(out, "list:\n- name: x\n");
}

TEST(YamlSink, RefusesKeysOutOfOrder) {
  YamlSink sink;
  sink.BeginMap();
  sink.Key("b");
  sink.String("1");
  EXPECT_THROW(sink.Key("a"), std::logic_error);
}

TEST(YamlSink, GoFloatFormatting) {
  EXPECT_EQ(FormatGoFloat(0.5), "0.5");
  EXPECT_EQ(FormatGoFloat(1234567.5), "1.2345675e+06");
  EXPECT_EQ(FormatGoFloat(0.0001), "0.0001");
  EXPECT_EQ(FormatGoFloat(0.00001), "1e-05");
}

TEST(WriteJson, SortsObjectKeysNaturally) {
  YamlSink sink;
  WriteJson(nlohmann::json::parse(R"({"b10": 1, "b9": 2, "a": {"z": true, "_y": null}})"), sink);
  EXPECT_EQ(sink.Finish(), "a:\n  _y: null\n  z: true\nb9: 2\nb10: 1\n");
}

}  // namespace
}  // namespace kic
