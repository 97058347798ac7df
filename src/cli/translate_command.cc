#include "cli/translate_command.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <vector>

#include "common/yaml_sink.h"
#include "kong/admin/client.h"
#include "kong/admin/plugin_schemas.h"
#include "kong/plugin_defaults.h"
#include "kong/serialize.h"
#include "kube/manifest_loader.h"
#include "translate/translator.h"

namespace kic::cli {
namespace {

struct TranslateArgs {
  std::vector<std::string> files;
  std::string ingress_class = "kong";
  std::string feature_gates;
  std::string output = "yaml";
  bool no_defaults = false;
  std::string status_out;
  std::string kong_admin_url;  // fill plugin defaults from this Kong's schemas
  // Gateway API status inputs, as `kic run` takes them.
  std::string gateway_api_controller_name = translate::Options{}.gateway_api_controller_name;
  std::vector<std::string> publish_services;
  std::vector<std::string> publish_status_addresses;
};

// Fills plugin config defaults from the schemas of the Kong at `url`, as the live controller does
// before a push. Returns an error message, or "" when done.
std::string FillDefaultsFromKong(const std::string& url, kong::Config& config) {
  kong::admin::ClientOptions client_options;
  client_options.base_url = url;
  const kong::admin::AdminClient client(client_options);
  const auto root = client.GetRoot();
  if (!root.info) return "cannot read " + url + ": " + root.error;
  kong::admin::PluginSchemaCache schemas;
  kong::FillPluginDefaults(
      config, [&](const std::string& plugin) { return schemas.Get(client, root.info->version, plugin); });
  return "";
}

// Every computed status as multi-document YAML: apiVersion, kind, metadata and status per object.
std::string StatusesYaml(const std::vector<translate::StatusUpdate>& statuses) {
  std::string out;
  for (const auto& s : statuses) {
    nlohmann::json doc = {{"apiVersion", s.api_version}, {"kind", s.kind}, {"status", s.status}};
    doc["metadata"]["name"] = s.name;
    if (!s.namespace_.empty()) doc["metadata"]["namespace"] = s.namespace_;
    YamlSink sink;
    WriteJson(doc, sink);
    out += "---\n" + sink.Finish();
  }
  return out;
}

int RunTranslate(const TranslateArgs& args) {
  translate::Options options;
  options.ingress_class = args.ingress_class;
  if (const auto error = translate::ApplyFeatureGates(args.feature_gates, options.flags); !error.empty()) {
    std::cerr << "kic translate: --feature-gates: " << error << "\n";
    return 2;
  }
  kube::Store store;
  kube::LoadResult loaded;
  try {
    loaded = kube::LoadManifests(args.files, store);
  } catch (const kube::LoadError& e) {
    std::cerr << "kic translate: " << e.what() << "\n";
    return 1;
  }
  for (const auto& p : loaded.problems) std::cerr << "error: " << p.ToString() << "\n";
  // --no-defaults takes objects exactly as written, as KIC's golden tests load them (no API-server
  // defaulting of Gateway API fields, and the store seen as KIC's cache: see gateway_attachment.h).
  options.apply_api_defaults = !args.no_defaults;
  options.routes_need_accepting_gateway = !args.no_defaults;
  options.gateway_api_controller_name = args.gateway_api_controller_name;
  options.publish_services = args.publish_services;
  options.publish_status_addresses = args.publish_status_addresses;
  auto result = translate::Translate(store, options);
  if (!args.kong_admin_url.empty()) {
    if (const auto error = FillDefaultsFromKong(args.kong_admin_url, result.config); !error.empty()) {
      std::cerr << "kic translate: --kong-admin-url: " << error << "\n";
      return 1;
    }
  }
  for (const auto& p : result.problems) std::cerr << "problem: " << p.ToString() << "\n";
  if (!args.status_out.empty()) {
    std::ofstream file(args.status_out, std::ios::binary);
    file << StatusesYaml(result.statuses);
    if (!file) {
      std::cerr << "kic translate: cannot write " << args.status_out << "\n";
      return 1;
    }
  }
  std::cout << (args.output == "json" ? kong::ToJson(result.config) + "\n" : kong::ToYaml(result.config));
  return 0;
}

}  // namespace

void AddTranslateCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TranslateArgs>();
  auto* cmd =
      app.add_subcommand("translate", "Translate Kubernetes manifests into Kong's declarative configuration");
  cmd->add_option("-f,--filename", args->files,
                  "Manifest file or directory (recursive: *.yaml, *.yml, *.json)")
      ->required()
      ->allow_extra_args(false);
  cmd->add_option("--ingress-class", args->ingress_class, "Ingress class to translate")
      ->capture_default_str();
  cmd->add_option("--feature-gates", args->feature_gates,
                  "Feature gates, e.g. ExpressionRoutes=true,RewriteURIs=true");
  cmd->add_option("-o,--output", args->output, "Output format")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->capture_default_str();
  cmd->add_flag("--no-defaults", args->no_defaults,
                "Use objects exactly as written (no API-server defaulting)");
  cmd->add_option(
      "--kong-admin-url", args->kong_admin_url,
      "Fill plugin config defaults from this Kong Admin API's plugin schemas (otherwise offline)");
  cmd->add_option("--status-out", args->status_out,
                  "Write the computed status of Gateway API objects to this file (multi-document YAML)");
  cmd->add_option("--gateway-api-controller-name", args->gateway_api_controller_name,
                  "GatewayClass controllerName handled (as kic run)")
      ->capture_default_str();
  cmd->add_option("--publish-service", args->publish_services,
                  "ns/name of a proxy Service whose LoadBalancer addresses go to Gateway status (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--publish-status-address", args->publish_status_addresses,
                  "Address written to Gateway status instead of the publish Services' (repeatable)")
      ->allow_extra_args(false);
  cmd->callback([args, &exit_code] { exit_code = RunTranslate(*args); });
}

}  // namespace kic::cli
