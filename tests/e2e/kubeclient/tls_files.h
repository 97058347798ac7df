#pragma once

#include <string>

namespace kic::kube::client::testing {

// A throwaway PKI made with the `openssl` command: a CA, a server certificate for DNS name
// "kube.test" only, a client certificate, and a second, unrelated CA.
struct TlsFiles {
  std::string dir;
  std::string ca_crt, ca_pem;
  std::string other_ca_pem;
  std::string server_crt, server_key;
  std::string client_crt_pem, client_key_pem;
  std::string error;  // set when openssl failed

  static TlsFiles Generate(const std::string& dir);
};

std::string ReadFile(const std::string& path);

}  // namespace kic::kube::client::testing
