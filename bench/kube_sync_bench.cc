// Issue 3's numbers: decode throughput of watch events, and the initial sync of a cluster of mixed
// objects from the test API server (LIST pages through the real reflector into the store), with
// peak RSS. A program, not a test: run scripts/bench-kube.
//
// Usage: kube_sync_bench CLUSTER.json (from scripts/gen-cluster) KUBE_TEST_SERVER

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "kube/client/reflector.h"
#include "kube/client/resources.h"
#include "kube/client/rest_client.h"
#include "kube/client/synced_store.h"
#include "kube/decode.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}
long PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// The test API server as a child process, stopped when this goes away.
class Server {
 public:
  explicit Server(const std::string& binary) {
    int fds[2];
    if (pipe(fds) != 0) std::abort();
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      execl(binary.c_str(), binary.c_str(), "--listen", "127.0.0.1:0", "--exit-with-parent", "--history",
            "100", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    out_ = fdopen(fds[0], "r");
    char line[256];
    if (!fgets(line, sizeof(line), out_)) std::abort();
    const std::string s(line);
    address_ = s.substr(s.find("127.0.0.1"));
    while (!address_.empty() && (address_.back() == '\n' || address_.back() == '\r')) address_.pop_back();
  }
  ~Server() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    if (out_) fclose(out_);
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  const std::string& address() const { return address_; }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  std::string address_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: kube_sync_bench CLUSTER.json KUBE_TEST_SERVER\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  std::stringstream buf;
  buf << in.rdbuf();
  simdjson::dom::parser parser;
  const simdjson::padded_string cluster(buf.str());
  simdjson::dom::element root = parser.parse(cluster);

  // 1. Watch-event decoding: one {"type":"ADDED","object":...} line per object.
  std::vector<std::string> lines;
  size_t bytes = 0;
  for (auto item : root["items"].get_array()) {
    lines.push_back("{\"type\":\"ADDED\",\"object\":" + simdjson::to_string(item) + "}");
    bytes += lines.back().size();
  }
  {
    simdjson::dom::parser line_parser;
    size_t decoded = 0;
    const auto start = Clock::now();
    for (const auto& line : lines) {
      simdjson::dom::element event = line_parser.parse(line);
      if (kic::kube::DecodeObject(event["object"].value())) ++decoded;
    }
    const double ms = Ms(Clock::now() - start);
    std::printf("watch decode: %zu events, %.1f MB in %.1f ms = %.0f MB/s, %.0f events/s\n", decoded,
                bytes / 1e6, ms, bytes / 1e6 / (ms / 1000), decoded / (ms / 1000));
  }

  // 2. Initial sync from the test API server.
  Server server(argv[2]);
  kic::kube::client::ConnectionConfig config;
  config.server = "http://" + server.address();
  kic::kube::client::RestClient api(config);
  const auto load_start = Clock::now();
  size_t posted = 0;
  std::set<std::string> namespaces;
  for (auto item : root["items"].get_array()) {
    const std::string kind(item["kind"].get_string().value());
    const auto* resource = kic::kube::client::FindResource(kind);
    if (!resource) continue;
    const std::string ns(item["metadata"]["namespace"].get_string().value());
    if (namespaces.insert(ns).second)
      api.Post("/api/v1/namespaces",
               "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
    const auto response = api.Post(resource->CollectionPath(ns), simdjson::to_string(item));
    if (response.status >= 200 && response.status < 300) ++posted;
  }
  std::printf("loaded %zu objects into the test server in %.0f ms\n", posted, Ms(Clock::now() - load_start));

  kic::kube::client::SyncedStore store;
  const long rss_before = PeakRssMb();
  const auto sync_start = Clock::now();
  for (const char* kind : {"Ingress", "Service", "EndpointSlice", "Secret"}) {
    kic::kube::client::Reflector reflector(api, *kic::kube::client::FindResource(kind), store);
    const auto outcome = reflector.List();
    if (!outcome.ok) std::fprintf(stderr, "LIST %s failed: %s\n", kind, outcome.error.c_str());
  }
  const double sync_ms = Ms(Clock::now() - sync_start);
  const size_t objects = store.Read([](const kic::kube::Store& s) { return s.size(); });
  std::printf("initial sync: %zu objects in %.0f ms; peak RSS %ld MB (%ld MB before the sync)\n", objects,
              sync_ms, PeakRssMb(), rss_before);
  return 0;
}
