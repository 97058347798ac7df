#include "controller/flags.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>

#include "controller/duration.h"

namespace kic::controller {
namespace {

using std::chrono::milliseconds;

// Parses `args` as `kic run` would; returns the CLI11 exit code (0 = parsed).
int Parse(std::vector<std::string> args, Flags& flags) {
  CLI::App app{"kic"};
  auto* run = app.add_subcommand("run");
  AddRunFlags(*run, flags);
  args.insert(args.begin(), "run");
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments reversed
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return e.get_exit_code();
  }
  NoteGivenFlags(*run, flags);
  return 0;
}

TEST(Duration, ParsesGoForms) {
  EXPECT_EQ(ParseGoDuration("5s"), milliseconds(5000));
  EXPECT_EQ(ParseGoDuration("1m30s"), milliseconds(90000));
  EXPECT_EQ(ParseGoDuration("300ms"), milliseconds(300));
  EXPECT_EQ(ParseGoDuration("1.5h"), milliseconds(5400000));
  EXPECT_EQ(ParseGoDuration("0"), milliseconds(0));
  EXPECT_EQ(ParseGoDuration("10h"), milliseconds(36000000));
  EXPECT_EQ(ParseGoDuration("-2s"), milliseconds(-2000));
  for (const char* bad : {"", "5", "s", "5x", "1..5s", "ms", "5 s"})
    EXPECT_FALSE(ParseGoDuration(bad)) << bad;
}

TEST(Duration, FormatsShortestGoForm) {
  EXPECT_EQ(FormatGoDuration(milliseconds(0)), "0s");
  EXPECT_EQ(FormatGoDuration(milliseconds(50)), "50ms");
  EXPECT_EQ(FormatGoDuration(milliseconds(5000)), "5s");
  EXPECT_EQ(FormatGoDuration(milliseconds(120000)), "2m0s");
  EXPECT_EQ(FormatGoDuration(milliseconds(36000000)), "10h0m0s");
  EXPECT_EQ(FormatGoDuration(milliseconds(1500)), "1.5s");
}

TEST(Flags, DefaultsAreKics) {
  Flags flags;
  ASSERT_EQ(Parse({}, flags), 0);
  EXPECT_EQ(flags.kong_admin_urls, std::vector<std::string>{"http://localhost:8001"});
  EXPECT_FALSE(flags.kong_admin_urls_given);
  EXPECT_EQ(flags.kong_admin_svc_port_names, (std::vector<std::string>{"admin-tls", "kong-admin-tls"}));
  EXPECT_EQ(flags.init_cache_sync_duration, milliseconds(5000));
  EXPECT_EQ(flags.election_id, "5b374a9e.konghq.com");
  EXPECT_EQ(flags.health_probe_bind_address, ":10254");
  EXPECT_EQ(flags.metrics_bind_address, ":10255");
  EXPECT_EQ(flags.debounce, milliseconds(50));
  EXPECT_TRUE(flags.update_status);
  const auto v = ValidateFlags(flags);
  EXPECT_TRUE(v.errors.empty());
  EXPECT_FALSE(v.derived.leader_election);  // static URLs: every replica pushes to its own Kong
  EXPECT_EQ(v.derived.proxy_sync, milliseconds(3000));
}

TEST(Flags, ListsDurationsBoolsAndFloats) {
  Flags flags;
  ASSERT_EQ(Parse({"--kong-admin-url", "http://a:8001,http://b:8001", "--watch-namespace=x,y",
                   "--init-cache-sync-duration", "0s", "--update-status=false", "--proxy-sync-seconds",
                   "0.05", "--debounce", "10ms"},
                  flags),
            0);
  EXPECT_EQ(flags.kong_admin_urls, (std::vector<std::string>{"http://a:8001", "http://b:8001"}));
  EXPECT_TRUE(flags.kong_admin_urls_given);
  EXPECT_EQ(flags.watch_namespaces, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(flags.init_cache_sync_duration, milliseconds(0));
  EXPECT_FALSE(flags.update_status);
  EXPECT_EQ(flags.debounce, milliseconds(10));
  EXPECT_EQ(ValidateFlags(flags).derived.proxy_sync, milliseconds(50));
}

TEST(Flags, EnvironmentVariables) {
  ::setenv("CONTROLLER_INGRESS_CLASS", "other", 1);
  ::setenv("CONTROLLER_WATCH_NAMESPACE", "a,b", 1);
  ::setenv("CONTROLLER_INIT_CACHE_SYNC_DURATION", "1m", 1);
  Flags flags;
  const int rc = Parse({}, flags);
  ::unsetenv("CONTROLLER_INGRESS_CLASS");
  ::unsetenv("CONTROLLER_WATCH_NAMESPACE");
  ::unsetenv("CONTROLLER_INIT_CACHE_SYNC_DURATION");
  ASSERT_EQ(rc, 0);
  EXPECT_EQ(flags.ingress_class, "other");
  EXPECT_EQ(flags.watch_namespaces, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(flags.init_cache_sync_duration, milliseconds(60000));
  EXPECT_EQ(EnvNameOf("kong-admin-url"), "CONTROLLER_KONG_ADMIN_URL");
}

TEST(Flags, UnknownFlagsAndBadValuesAreRefused) {
  Flags flags;
  EXPECT_NE(Parse({"--no-such-flag"}, flags), 0);
  EXPECT_NE(Parse({"--init-cache-sync-duration", "5"}, flags), 0);
  EXPECT_NE(Parse({"--log-format", "xml"}, flags), 0);
  EXPECT_NE(Parse({"--kong-admin-init-retries", "many"}, flags), 0);
}

TEST(Flags, ContradictionsAreRefused) {
  auto errors = [](std::vector<std::string> args) {
    Flags flags;
    EXPECT_EQ(Parse(std::move(args), flags), 0);
    return ValidateFlags(flags).errors;
  };
  EXPECT_EQ(errors({"--kong-admin-svc", "kong/admin", "--kong-admin-url", "http://x:8001"}).size(), 1u);
  EXPECT_EQ(errors({"--kong-admin-token", "t", "--kong-admin-token-file", "/f"}).size(), 1u);
  EXPECT_EQ(errors({"--kong-admin-svc", "no-namespace"}).size(), 1u);
  EXPECT_EQ(errors({"--kong-admin-tls-client-cert-file", "/c"}).size(), 1u);
  EXPECT_EQ(errors({"--feature-gates", "NoSuchGate=true"}).size(), 1u);
  EXPECT_EQ(errors({"--feature-gates", "FillIDs=false"}).size(), 1u);  // KongCustomEntity needs it
  EXPECT_EQ(errors({"--publish-service", "svc"}).size(), 1u);
  EXPECT_EQ(errors({"--proxy-sync-seconds", "0"}).size(), 1u);
  EXPECT_TRUE(errors({"--kong-admin-svc", "kong/admin"}).empty());
}

TEST(Flags, DerivedSettings) {
  Flags flags;
  ASSERT_EQ(Parse({"--kong-admin-svc", "kong/admin", "--feature-gates",
                   "FallbackConfiguration=true,RewriteURIs=true", "--ingress-class", "internal"},
                  flags),
            0);
  const auto v = ValidateFlags(flags);
  ASSERT_TRUE(v.errors.empty());
  EXPECT_TRUE(v.derived.leader_election);  // DB-less with gateway discovery
  EXPECT_TRUE(v.derived.fallback_configuration);
  EXPECT_TRUE(v.derived.translate.flags.rewrite_uris);
  EXPECT_EQ(v.derived.translate.ingress_class, "internal");

  Flags forced;
  ASSERT_EQ(Parse({"--force-leader-election", "enabled"}, forced), 0);
  EXPECT_TRUE(ValidateFlags(forced).derived.leader_election);
}

// Unlike KIC, the fallback configuration is on unless the gate turns it off.
TEST(Flags, FallbackConfigurationOnByDefault) {
  Flags defaults;
  ASSERT_EQ(Parse({}, defaults), 0);
  EXPECT_TRUE(ValidateFlags(defaults).derived.fallback_configuration);

  Flags off;
  ASSERT_EQ(Parse({"--feature-gates", "FallbackConfiguration=false"}, off), 0);
  EXPECT_FALSE(ValidateFlags(off).derived.fallback_configuration);

  Flags backfill_without_fallback;
  ASSERT_EQ(Parse({"--feature-gates", "FallbackConfiguration=false", "--use-last-valid-config-for-fallback"},
                  backfill_without_fallback),
            0);
  EXPECT_EQ(ValidateFlags(backfill_without_fallback).errors.size(), 1u);
}

TEST(CliDoc, DocsCliMdIsUpToDate) {
  std::ifstream in(std::string(KIC_SOURCE_DIR) + "/docs/cli.md");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), CliMarkdown())
      << "docs/cli.md is stale: regenerate with `build/kic run --help-markdown > docs/cli.md`";
}

}  // namespace
}  // namespace kic::controller

#include "translate/translator.h"

namespace kic::controller {
namespace {

// The options derived from flags drive a whole translation (every field initialised).
TEST(Flags, DerivedOptionsTranslate) {
  Flags flags;
  const auto v = ValidateFlags(flags);
  const auto result = translate::Translate(kube::Store(), v.derived.translate);
  EXPECT_TRUE(result.config.services.empty());
}

}  // namespace
}  // namespace kic::controller
