#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace kic::kong::admin {

// How to reach one Kong Admin API (KIC flags --kong-admin-url, --kong-admin-tls-*, --kong-admin-ca-cert*,
// --kong-admin-tls-client-*, --kong-admin-token, --kong-admin-header). For each piece of TLS material either
// the file or the PEM data may be given; PEM data wins when both are set.
struct ClientOptions {
  std::string base_url = "http://localhost:8001";  // http:// or https://, no trailing path needed

  std::string ca_file;
  std::string ca_pem;
  bool skip_verify = false;
  // Verify the server certificate against this name instead of the URL host (gateway discovery dials pod IPs
  // but Kong's certificate names pod.<svc>.<ns>.svc).
  std::string tls_server_name;

  std::string client_cert_file;
  std::string client_cert_pem;
  std::string client_key_file;
  std::string client_key_pem;

  std::string admin_token;                 // sent as Kong-Admin-Token; never logged
  std::vector<std::string> extra_headers;  // "name:value"

  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds request_timeout{30000};  // KIC --proxy-timeout-seconds
  std::string user_agent = "kic-cpp";
};

// Empty when the options are usable, else what is wrong with them.
std::string ValidateClientOptions(const ClientOptions& options);

}  // namespace kic::kong::admin
