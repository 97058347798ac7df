#include "tls_files.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kic::kube::client::testing {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TlsFiles TlsFiles::Generate(const std::string& dir) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  TlsFiles f;
  f.dir = dir;
  const std::string d = "'" + dir + "'";
  const std::string key = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  std::ofstream(dir + "/server.ext") << "subjectAltName=DNS:kube.test\nextendedKeyUsage=serverAuth\n";
  std::ofstream(dir + "/client.ext") << "extendedKeyUsage=clientAuth\n";
  const std::string script =
      "cd " + d + " && exec >openssl.log 2>&1 && set -e && " + "openssl req -x509" + key +
      " -keyout ca.key -out ca.crt -days 1 -subj /CN=test-ca && " + "openssl req -x509" + key +
      " -keyout other.key -out other.crt -days 1 -subj /CN=other-ca && " + "openssl req" + key +
      " -keyout server.key -out server.csr -subj /CN=kube.test && " +
      "openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 1 "
      "-extfile server.ext && " +
      "openssl req" + key + " -keyout client.key -out client.csr -subj /CN=kic-client/O=system:masters && " +
      "openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client.crt -days 1 "
      "-extfile client.ext";
  if (std::system(script.c_str()) != 0) {
    f.error = "openssl failed: " + ReadFile(dir + "/openssl.log");
    return f;
  }
  f.ca_crt = dir + "/ca.crt";
  f.ca_pem = ReadFile(f.ca_crt);
  f.other_ca_pem = ReadFile(dir + "/other.crt");
  f.server_crt = dir + "/server.crt";
  f.server_key = dir + "/server.key";
  f.client_crt_pem = ReadFile(dir + "/client.crt");
  f.client_key_pem = ReadFile(dir + "/client.key");
  return f;
}

}  // namespace kic::kube::client::testing
