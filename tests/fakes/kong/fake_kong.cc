#include "fake_kong.h"

#include <httplib.h>
#include <openssl/evp.h>

#include <cstdio>

#include "common/strings.h"
#include "common/yaml_tree.h"

namespace kic::testing {

using nlohmann::json;

namespace {

constexpr std::string_view kEmptyHash = "00000000000000000000000000000000";

json YamlToJson(const yaml::Node& node) {
  switch (node.kind) {
    case yaml::Node::Kind::kMap: {
      json out = json::object();
      for (const auto& [key, value] : node.fields) out[key] = YamlToJson(value);
      return out;
    }
    case yaml::Node::Kind::kSeq: {
      json out = json::array();
      for (const auto& item : node.items) out.push_back(YamlToJson(item));
      return out;
    }
    case yaml::Node::Kind::kScalar:
      break;
  }
  switch (node.Type()) {
    case yaml::ScalarType::kNull:
      return nullptr;
    case yaml::ScalarType::kBool:
      return yaml::PlainBoolValue(node.text);
    case yaml::ScalarType::kInt:
      if (const auto value = ParseInt(node.text)) return *value;
      return node.text;
    case yaml::ScalarType::kFloat:
      try {
        return std::stod(node.text);
      } catch (const std::exception&) {
        return node.text;
      }
    default:
      return node.text;
  }
}

// Kong tries a config string as JSON first, then YAML.
std::optional<json> ParseConfigString(const std::string& text, std::string& error) {
  auto parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_discarded()) return parsed;
  const auto documents = yaml::ParseDocuments(text);
  if (documents.size() != 1 || !documents[0].error.empty() || documents[0].empty) {
    error = documents.empty() || documents[0].error.empty() ? "expected one YAML or JSON document"
                                                            : documents[0].error;
    return std::nullopt;
  }
  return YamlToJson(documents[0].root);
}

json KongMessageFor(int status) {
  switch (status) {
    case 413:
      return {{"message",
               "Configuration does not fit in LMDB database, consider raising the \"lmdb_map_size\" config "
               "for Kong"}};
    case 429:
      return {{"message", "Currently loading previous configuration"}};
    case 503:
      return {{"message", "Kong is shutting down"}};
    case 504:
      return {{"message", "Timed out while waiting for the lock"}};
    default:
      return {{"message", "An unexpected error occurred"}};
  }
}

bool IsTruthy(const std::string& value) {
  return value == "true" || value == "1" || value == "on" || value == "yes";
}

}  // namespace

std::string Md5Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_md5(), nullptr);
  std::string hex;
  char buffer[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(buffer, sizeof buffer, "%02x", digest[i]);
    hex += buffer;
  }
  return hex;
}

struct FakeKong::State {
  FakeKongStats stats;
  json entities = json::object();
  int fail_count = 0;
  int fail_status = 500;
  std::chrono::milliseconds delay{0};
  std::vector<BrokenObject> broken;
  bool broken_first_post_only = false;
  bool broken_served = false;

  explicit State(const FakeKongOptions& options)
      : broken(options.broken_objects), broken_first_post_only(options.broken_first_post_only) {
    stats.configuration_hash = std::string(kEmptyHash);
  }
};

FakeKong::FakeKong(FakeKongOptions options)
    : options_(std::move(options)), state_(std::make_unique<State>(options_)), port_(options_.port) {}

FakeKong::~FakeKong() {
  Stop();
}

std::string FakeKong::base_url() const {
  const bool tls = !options_.tls_cert_file.empty();
  return std::string(tls ? "https://" : "http://") + options_.host + ":" + std::to_string(port_);
}

bool FakeKong::Start() {
  return Listen(port_);
}

bool FakeKong::Listen(int port) {
  Stop();
  if (!options_.tls_cert_file.empty()) {
    server_ = std::make_unique<httplib::SSLServer>(
        options_.tls_cert_file.c_str(), options_.tls_key_file.c_str(),
        options_.client_ca_file.empty() ? nullptr : options_.client_ca_file.c_str());
    if (!server_->is_valid()) {
      error_ = "cannot load the TLS certificate or key";
      server_.reset();
      return false;
    }
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  server_->set_tcp_nodelay(true);  // answers are written in pieces: avoid Nagle + delayed-ACK stalls
  InstallHandlers(*server_);
  const int bound = port == 0 ? server_->bind_to_any_port(options_.host)
                              : (server_->bind_to_port(options_.host, port) ? port : -1);
  if (bound <= 0) {
    error_ = "cannot bind " + options_.host + ":" + std::to_string(port);
    server_.reset();
    return false;
  }
  port_ = bound;
  httplib::Server* server = server_.get();
  thread_ = std::thread([server] { server->listen_after_bind(); });
  // stop() is a no-op until the accept loop runs: wait for it (bounded) so that Stop() cannot hang.
  for (int i = 0; i < 5000 && !server_->is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return true;
}

void FakeKong::Stop() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

bool FakeKong::SetDown(bool down) {
  if (down) {
    Stop();
    return true;
  }
  // The port was just released; another process could take it in between, hence the bounded retries.
  for (int attempt = 0; attempt < 50; ++attempt) {
    if (Listen(port_)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

void FakeKong::FailNext(int count, int status) {
  std::lock_guard lock(mutex_);
  state_->fail_count = count;
  state_->fail_status = status;
}

void FakeKong::SetDelay(std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  state_->delay = delay;
}

void FakeKong::RestartEmpty() {
  std::lock_guard lock(mutex_);
  state_->stats.configuration_hash = std::string(kEmptyHash);
  state_->stats.applied_config.clear();
  state_->entities = json::object();
}

void FakeKong::Reset() {
  std::lock_guard lock(mutex_);
  *state_ = State(options_);
}

void FakeKong::SetBrokenObjects(std::vector<BrokenObject> objects, bool first_post_only) {
  std::lock_guard lock(mutex_);
  state_->broken = std::move(objects);
  state_->broken_first_post_only = first_post_only;
  state_->broken_served = false;
}

FakeKongStats FakeKong::Stats() const {
  std::lock_guard lock(mutex_);
  return state_->stats;
}

std::string FakeKong::ConfigurationHash() const {
  std::lock_guard lock(mutex_);
  return state_->stats.configuration_hash;
}

void FakeKong::InstallHandlers(httplib::Server& server) {
  // Every request: log it, apply the configured delay and injected failures (test endpoints exempt).
  server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    std::chrono::milliseconds delay{0};
    bool fail = false;
    int status = 0;
    {
      std::lock_guard lock(mutex_);
      auto& stats = state_->stats;
      ++stats.requests;
      stats.last_admin_token = req.get_header_value("Kong-Admin-Token");
      stats.last_user_agent = req.get_header_value("User-Agent");
      if (req.method == "POST" && req.path == "/config") ++stats.config_posts;
      if (req.path.rfind("/_test/", 0) == 0) return httplib::Server::HandlerResponse::Unhandled;
      delay = state_->delay;
      if (state_->fail_count > 0) {
        --state_->fail_count;
        fail = true;
        status = state_->fail_status;
        stats.request_log.push_back(req.method + " " + req.target + " -> " + std::to_string(status) +
                                    " (injected)");
      }
    }
    if (delay.count() > 0) std::this_thread::sleep_for(delay);
    if (!options_.required_admin_token.empty() &&
        req.get_header_value("Kong-Admin-Token") != options_.required_admin_token) {
      res.status = 401;
      res.set_content(R"({"message":"Invalid credentials. Token or User credentials required"})",
                      "application/json");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!fail) return httplib::Server::HandlerResponse::Unhandled;
    res.status = status;
    if (status == 429) res.set_header("Retry-After", "1");
    res.set_content(KongMessageFor(status).dump(), "application/json");
    return httplib::Server::HandlerResponse::Handled;
  });

  server.Get("/", [this](const httplib::Request&, httplib::Response& res) {
    json plugins = json::object();
    for (const char* name : {"acl", "basic-auth", "cors", "correlation-id", "hmac-auth", "ip-restriction",
                             "jwt", "key-auth", "oauth2", "prometheus", "rate-limiting",
                             "request-termination", "request-transformer", "response-transformer"})
      plugins[name] = {{"version", options_.version}, {"priority", 1000}};
    const json body = {
        {"tagline", "Welcome to kong"},
        {"version", options_.version},
        {"edition", options_.edition},
        {"hostname", "kong-test-admin"},
        {"node_id", "5a8d6a4e-6b4d-4d3e-9b63-3e9b8c0c1e01"},
        {"lua_version", "LuaJIT 2.1.0-20231117"},
        {"plugins", {{"available_on_server", plugins}, {"enabled_in_cluster", json::array()}}},
        {"configuration",
         {{"database", options_.database},
          {"router_flavor", options_.router_flavor},
          {"admin_listen", json::array({options_.host + ":" + std::to_string(port_)})},
          {"proxy_listeners",
           json::array(
               {json{{"listener", "0.0.0.0:8000"}, {"ip", "0.0.0.0"}, {"port", 8000}, {"ssl", false}},
                json{{"listener", "0.0.0.0:8443 ssl"}, {"ip", "0.0.0.0"}, {"port", 8443}, {"ssl", true}}})},
          {"stream_listeners", json::array()}}}};
    {
      std::lock_guard lock(mutex_);
      ++state_->stats.root_gets;
    }
    res.set_content(body.dump(), "application/json");
  });

  server.Get("/status", [this](const httplib::Request&, httplib::Response& res) {
    std::string hash;
    {
      std::lock_guard lock(mutex_);
      ++state_->stats.status_gets;
      hash = state_->stats.configuration_hash;
    }
    const json body = {{"configuration_hash", hash},
                       {"memory", {{"lua_shared_dicts", json::object()}, {"workers_lua_vms", json::array()}}},
                       {"server",
                        {{"connections_accepted", 1},
                         {"connections_active", 1},
                         {"connections_handled", 1},
                         {"connections_reading", 0},
                         {"connections_waiting", 0},
                         {"connections_writing", 1},
                         {"total_requests", 1}}}};
    res.set_content(body.dump(), "application/json");
  });

  server.Get("/config", [this](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mutex_);
    res.set_content(json{{"config", state_->stats.applied_config}}.dump(), "application/json");
  });

  server.Post("/config", [this](const httplib::Request& req, httplib::Response& res) {
    {
      // Here, not in the pre-routing hook: the body is read only after that hook.
      std::lock_guard lock(mutex_);
      state_->stats.last_config_body = req.body;
    }
    auto reply = [&](int status, const json& body) {
      res.status = status;
      res.set_content(body.dump(), "application/json");
      std::lock_guard lock(mutex_);
      state_->stats.request_log.push_back("POST " + req.target + " -> " + std::to_string(status));
    };
    if (options_.database != "off") {
      return reply(400, {{"message",
                          "this endpoint is only available when Kong is configured to not use a database"}});
    }
    if (options_.accept_unparsed && !req.body.empty()) {
      const std::string hash = Md5Hex(req.body);
      std::lock_guard lock(mutex_);
      if (req.get_param_value("check_hash") == "1" && hash == state_->stats.configuration_hash) {
        res.status = 304;
        return;
      }
      state_->stats.configuration_hash = hash;
      state_->stats.applied_config = req.body;
      res.status = 201;
      res.set_content("{}", "application/json");
      return;
    }
    // Which of Kong's three body forms (kong-dataplane.md §2) and which string is hashed.
    std::string config_string;
    std::optional<json> document;
    const std::string content_type = req.get_header_value("Content-Type");
    if (req.has_param("config")) {
      config_string = req.get_param_value("config");
    } else if (req.body.empty()) {
      return reply(400, {{"message", "expected a declarative configuration"}});
    } else if (content_type.rfind("application/json", 0) == 0) {
      auto parsed = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
      if (parsed.is_discarded()) return reply(400, {{"message", "Cannot parse JSON body"}});
      if (parsed.is_object() && parsed.contains("config") && parsed["config"].is_string() &&
          !parsed.contains("_format_version")) {
        config_string = parsed["config"].get<std::string>();
      } else {
        // Real Kong hashes its flattened form here (not reproducible); the fake hashes the body as sent.
        config_string = req.body;
        document = std::move(parsed);
      }
    } else {
      config_string = req.body;
    }
    if (!document) {
      std::string parse_error;
      document = ParseConfigString(config_string, parse_error);
      if (!document) {
        return reply(400, DeclarativeErrorBody(
                              {{"error", "failed parsing declarative configuration: " + parse_error}}));
      }
    }
    const std::string hash = Md5Hex(config_string);

    ValidatorOptions validator;
    validator.router_flavor = options_.router_flavor;
    validator.enterprise = options_.edition == "enterprise";
    validator.flatten_errors = IsTruthy(req.get_param_value("flatten_errors"));
    validator.schema_checks = options_.validate;
    {
      std::lock_guard lock(mutex_);
      if (req.get_param_value("check_hash") == "1" && hash == state_->stats.configuration_hash) {
        state_->stats.request_log.push_back("POST " + req.target + " -> 304");
        res.status = 304;
        return;
      }
      if (!state_->broken_first_post_only || !state_->broken_served)
        validator.broken_objects = state_->broken;
      validator.report_broken_without_entities = state_->broken_first_post_only;
    }
    const ValidationOutcome outcome = ValidateDeclarativeConfig(*document, validator);
    if (!outcome.valid) {
      if (!validator.broken_objects.empty()) {
        std::lock_guard lock(mutex_);
        state_->broken_served = true;
      }
      return reply(400, outcome.error_body);
    }
    {
      std::lock_guard lock(mutex_);
      state_->stats.configuration_hash = outcome.entity_count == 0 ? std::string(kEmptyHash) : hash;
      state_->stats.applied_config = config_string;
      state_->entities = outcome.entities;
    }
    reply(201, outcome.entities);
  });

  server.Post("/_test/fail", [this](const httplib::Request& req, httplib::Response& res) {
    const auto count = ParseInt(req.get_param_value("count"));
    const auto status = ParseInt(req.get_param_value("status"));
    FailNext(count ? static_cast<int>(*count) : 1, status ? static_cast<int>(*status) : 500);
    res.set_content("{}", "application/json");
  });
  server.Post("/_test/delay", [this](const httplib::Request& req, httplib::Response& res) {
    const auto ms = ParseInt(req.get_param_value("ms"));
    SetDelay(std::chrono::milliseconds(ms ? *ms : 0));
    res.set_content("{}", "application/json");
  });
  server.Post("/_test/restart", [this](const httplib::Request&, httplib::Response& res) {
    RestartEmpty();
    res.set_content("{}", "application/json");
  });
  server.Post("/_test/reset", [this](const httplib::Request&, httplib::Response& res) {
    Reset();
    res.set_content("{}", "application/json");
  });
  server.Post("/_test/broken", [this](const httplib::Request& req, httplib::Response& res) {
    const auto body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_array()) {
      res.status = 400;
      res.set_content(R"({"message":"expected [{\"kind\":..,\"namespace\":..,\"name\":..}]"})",
                      "application/json");
      return;
    }
    std::vector<BrokenObject> objects;
    for (const auto& item : body) {
      if (!item.is_object()) continue;
      objects.push_back(
          BrokenObject{item.value("kind", ""), item.value("namespace", ""), item.value("name", "")});
    }
    SetBrokenObjects(std::move(objects), IsTruthy(req.get_param_value("first_post_only")));
    res.set_content("{}", "application/json");
  });
  server.Get("/_test/stats", [this](const httplib::Request&, httplib::Response& res) {
    const FakeKongStats stats = Stats();
    res.set_content(json{{"requests", stats.requests},
                         {"config_posts", stats.config_posts},
                         {"status_gets", stats.status_gets},
                         {"root_gets", stats.root_gets},
                         {"configuration_hash", stats.configuration_hash},
                         {"last_config_size", stats.last_config_body.size()},
                         {"request_log", stats.request_log}}
                        .dump(),
                    "application/json");
  });
  server.Get("/_test/last-config", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(Stats().last_config_body, "application/json");
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 404) res.set_content(R"({"message":"Not found"})", "application/json");
  });
}

}  // namespace kic::testing
