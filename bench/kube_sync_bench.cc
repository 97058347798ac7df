// Issue 3's numbers: decode throughput of watch events, and the initial sync of a cluster of mixed
// objects from the test API server (LIST pages through the real reflector into the store): wall
// time, client and server CPU, the client's peak RSS, and the bytes the store allocates against the
// bytes of the fields its lean objects keep. A program, not a test.
//
// Usage: kube_sync_bench CLUSTER.json (from scripts/gen-cluster) KUBE_TEST_SERVER [--runs N]
//        [--page-size N]

#include <malloc.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <new>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "kube/client/reflector.h"
#include "kube/client/resources.h"
#include "kube/client/rest_client.h"
#include "kube/client/synced_store.h"
#include "kube/decode.h"

// ---- Allocation accounting (this binary only) ----
// Live heap bytes as malloc hands them out (malloc_usable_size: the request rounded up to the
// allocator's granule, without its 8-byte chunk header), so a store's footprint is the change in
// this counter when the store is destroyed. Process-wide by nature, hence the one global.
namespace {
std::atomic<long long> g_live_bytes{0};  // NOLINT: the allocator hook has no other place to count
}  // namespace

void* operator new(size_t size) {
  void* p = std::malloc(size ? size : 1);
  if (!p) throw std::bad_alloc();
  g_live_bytes.fetch_add(static_cast<long long>(malloc_usable_size(p)), std::memory_order_relaxed);
  return p;
}
void* operator new[](size_t size) {
  return operator new(size);
}
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  void* p = std::malloc(size ? size : 1);
  if (p) g_live_bytes.fetch_add(static_cast<long long>(malloc_usable_size(p)), std::memory_order_relaxed);
  return p;
}
void* operator new[](size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* p) noexcept {
  if (!p) return;
  g_live_bytes.fetch_sub(static_cast<long long>(malloc_usable_size(p)), std::memory_order_relaxed);
  std::free(p);
}
void operator delete[](void* p) noexcept {
  operator delete(p);
}
void operator delete(void* p, size_t) noexcept {
  operator delete(p);
}
void operator delete[](void* p, size_t) noexcept {
  operator delete(p);
}

namespace {

using Clock = std::chrono::steady_clock;
using kic::kube::client::Reflector;
using kic::kube::client::ReflectorOptions;
using kic::kube::client::SyncedStore;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

double CpuSecondsSelf() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// utime + stime of another process, from /proc/PID/stat.
double CpuSecondsOf(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; fields >> field && i <= 15; ++i)
    if (i == 14 || i == 15) ticks += std::stod(field);
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// VmRSS or VmHWM of this process, in MB.
double StatusMb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;
  return 0;
}

// Starts a new peak-RSS window (Linux: writing 5 to clear_refs resets VmHWM to the current RSS).
void ResetPeakRss() {
  std::ofstream("/proc/self/clear_refs") << "5";
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
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
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  std::string address_;
};

// ---- The bytes the lean objects keep: string contents and fixed-size values, nothing of layout ----
using namespace kic::kube;  // NOLINT: a bench walking many of its types

// kept: what the fields hold (string contents, fixed-size values); heap: the blocks the objects
// own beyond their sizeof (long strings, vector buffers), as malloc_usable_size reports them.
struct Bytes {
  size_t kept = 0;
  size_t heap = 0;
  Bytes operator+(const Bytes& o) const { return {kept + o.kept, heap + o.heap}; }
};

// Declared first: the templates below call them for element types (no ADL into this namespace).
Bytes Kept(const std::string& s);
Bytes Kept(const std::pair<std::string, std::string>& e);
Bytes Kept(const StringMap& m);
Bytes Kept(int64_t);
Bytes Kept(bool);
Bytes Kept(const IntOrString& v);
Bytes Kept(const ObjectMeta& m);
Bytes Kept(const ServiceBackendPort& p);
Bytes Kept(const IngressBackend::ServiceRef& s);
Bytes Kept(const IngressBackend::ResourceRef& r);
Bytes Kept(const IngressBackend& b);
Bytes Kept(const HTTPIngressPath& p);
Bytes Kept(const IngressRule& r);
Bytes Kept(const IngressTLS& t);
Bytes Kept(const ServicePort& p);
Bytes Kept(const Endpoint& e);
Bytes Kept(const EndpointPort& p);

// The heap block behind `data`, as malloc sized it.
size_t HeapOf(const void* data, bool on_heap) {
  return on_heap && data ? malloc_usable_size(const_cast<void*>(data)) : 0;
}
Bytes Kept(const std::string& s) {
  return {s.size(), HeapOf(s.data(), s.capacity() > 15)};  // libstdc++: 15 chars fit inline
}
template <class T>
Bytes Kept(const std::vector<T>& v) {
  Bytes n{0, HeapOf(v.data(), v.capacity() > 0)};
  for (const auto& e : v) n = n + Kept(e);
  return n;
}
Bytes Kept(const std::pair<std::string, std::string>& e) {
  return Kept(e.first) + Kept(e.second);
}
Bytes Kept(const StringMap& m) {
  return Kept(m.entries());
}
template <class T>
Bytes Kept(const std::optional<T>& o) {
  return o ? Kept(*o) : Bytes{};
}
Bytes Kept(int64_t) {
  return {sizeof(int64_t), 0};
}
Bytes Kept(bool) {
  return {1, 0};
}
Bytes Kept(const IntOrString& v) {
  return Kept(v.number) + Kept(v.name);
}
Bytes Kept(const ObjectMeta& m) {
  return Kept(m.name) + Kept(m.namespace_) + Kept(m.uid) + Kept(m.resource_version) + Kept(m.api_version) +
         Kept(m.generation) + Kept(m.creation_timestamp) + Kept(m.labels) + Kept(m.annotations);
}
Bytes Kept(const ServiceBackendPort& p) {
  return Kept(p.number) + Kept(p.name);
}
Bytes Kept(const IngressBackend::ServiceRef& s) {
  return Kept(s.name) + Kept(s.port);
}
Bytes Kept(const IngressBackend::ResourceRef& r) {
  return Kept(r.api_group) + Kept(r.kind) + Kept(r.name);
}
Bytes Kept(const IngressBackend& b) {
  return Kept(b.service) + Kept(b.resource);
}
Bytes Kept(const HTTPIngressPath& p) {
  return Kept(p.path) + Kept(p.path_type) + Kept(p.backend);
}
Bytes Kept(const IngressRule& r) {
  return Kept(r.host) + Kept(r.paths);
}
Bytes Kept(const IngressTLS& t) {
  return Kept(t.hosts) + Kept(t.secret_name);
}
Bytes Kept(const Ingress& i) {
  return Kept(i.meta) + Kept(i.ingress_class_name) + Kept(i.default_backend) + Kept(i.rules) + Kept(i.tls);
}
Bytes Kept(const ServicePort& p) {
  return Kept(p.name) + Kept(p.protocol) + Kept(p.port) + Kept(p.target_port);
}
Bytes Kept(const Service& s) {
  return Kept(s.meta) + Kept(s.type) + Kept(s.external_name) + Kept(s.cluster_ips) + Kept(s.ports) +
         Kept(s.load_balancer_ips) + Kept(s.load_balancer_hostnames);
}
Bytes Kept(const Secret& s) {
  return Kept(s.meta) + Kept(s.type) + Kept(s.data);
}
Bytes Kept(const Endpoint& e) {
  return Kept(e.addresses) + Kept(e.ready) + Kept(e.serving) + Kept(e.terminating);
}
Bytes Kept(const EndpointPort& p) {
  return Kept(p.name) + Kept(p.protocol) + Kept(p.port);
}
Bytes Kept(const EndpointSlice& s) {
  return Kept(s.meta) + Kept(s.address_type) + Kept(s.endpoints) + Kept(s.ports);
}

struct KindBytes {
  const char* kind;
  size_t objects = 0;
  size_t kept = 0;
  size_t layout = 0;  // sizeof the object itself: the floor any store of these types pays
  size_t heap = 0;    // what the objects own beyond their sizeof
};

template <class T>
KindBytes Measure(const Store& store) {
  KindBytes k{T::kKind};
  for (const auto& object : store.Of<T>().items()) {
    ++k.objects;
    const Bytes b = Kept(*object);
    k.kept += b.kept;
    k.heap += b.heap;
    k.layout += sizeof(T);
  }
  return k;
}

struct RunResult {
  double wall_ms = 0;
  double client_cpu_s = 0;
  double server_cpu_s = 0;
  double peak_rss_mb = 0;
  double rss_before_mb = 0;
  size_t objects = 0;
  size_t pages = 0;
};

RunResult SyncOnce(kic::kube::client::RestClient& api, pid_t server_pid, int page_size,
                   std::optional<SyncedStore>& store) {
  RunResult r;
  malloc_trim(0);
  r.rss_before_mb = StatusMb("VmRSS");
  ResetPeakRss();
  const double server_cpu = CpuSecondsOf(server_pid);
  const double client_cpu = CpuSecondsSelf();
  const auto start = Clock::now();
  store.emplace();
  for (const char* kind : {"Ingress", "Service", "EndpointSlice", "Secret"}) {
    ReflectorOptions options;
    options.page_size = page_size;
    Reflector reflector(api, *kic::kube::client::FindResource(kind), *store, options);
    const auto outcome = reflector.List();
    if (!outcome.ok) std::fprintf(stderr, "LIST %s failed: %s\n", kind, outcome.error.c_str());
    r.pages += reflector.stats().list_requests;
  }
  r.wall_ms = Ms(Clock::now() - start);
  r.client_cpu_s = CpuSecondsSelf() - client_cpu;
  r.server_cpu_s = CpuSecondsOf(server_pid) - server_cpu;
  r.peak_rss_mb = StatusMb("VmHWM");
  r.objects = store->Read([](const Store& s) { return s.size(); });
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: kube_sync_bench CLUSTER.json KUBE_TEST_SERVER [--runs N] [--page-size N]\n";
    return 2;
  }
  int runs = 5;
  int page_size = 500;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    if (flag == "--page-size") page_size = std::max(1, std::atoi(argv[i + 1]));
  }
  Server server(argv[2]);
  kic::kube::client::ConnectionConfig config;
  config.server = "http://" + server.address();
  kic::kube::client::RestClient api(config);
  {
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

    // 2. Load the cluster into the test server.
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
    std::printf("loaded %zu objects into the test server in %.0f ms\n", posted,
                Ms(Clock::now() - load_start));
  }

  // 3. Initial syncs, each into a new store.
  std::vector<RunResult> results;
  std::optional<SyncedStore> store;
  for (int run = 0; run < runs; ++run) {
    store.reset();
    results.push_back(SyncOnce(api, server.pid(), page_size, store));
    const RunResult& r = results.back();
    std::printf(
        "sync %d: %zu objects, %zu pages of %d, %.0f ms wall, client CPU %.0f ms, server CPU %.0f ms, "
        "RSS %.0f MB before, peak %.0f MB\n",
        run + 1, r.objects, r.pages, page_size, r.wall_ms, r.client_cpu_s * 1000, r.server_cpu_s * 1000,
        r.rss_before_mb, r.peak_rss_mb);
  }
  auto median = [&](double RunResult::*field) {
    std::vector<double> v;
    for (const auto& r : results) v.push_back(r.*field);
    return Median(v);
  };
  std::printf(
      "initial sync (median of %d): %zu objects in %.0f ms wall; client CPU %.0f ms, server CPU %.0f ms; "
      "client peak RSS %.0f MB (%.0f MB before the sync)\n",
      runs, results.back().objects, median(&RunResult::wall_ms), median(&RunResult::client_cpu_s) * 1000,
      median(&RunResult::server_cpu_s) * 1000, median(&RunResult::peak_rss_mb),
      median(&RunResult::rss_before_mb));

  // 4. Store memory: what destroying the store frees, against the bytes of the kept fields.
  std::vector<KindBytes> kinds = store->Read([](const Store& s) {
    return std::vector<KindBytes>{Measure<Ingress>(s), Measure<Service>(s), Measure<EndpointSlice>(s),
                                  Measure<Secret>(s)};
  });
  const long long live_with_store = g_live_bytes.load();
  store.reset();
  const long long store_bytes = live_with_store - g_live_bytes.load();
  size_t kept = 0, layout = 0, heap = 0, objects = 0;
  for (const auto& k : kinds) {
    const double n = double(std::max<size_t>(1, k.objects));
    std::printf("  %-13s %6zu objects: kept fields %5.0f B/object, sizeof %4.0f B, owned heap %4.0f B\n",
                k.kind, k.objects, k.kept / n, k.layout / n, k.heap / n);
    kept += k.kept;
    layout += k.layout;
    heap += k.heap;
    objects += k.objects;
  }
  std::printf(
      "store memory: %.1f MB allocated (%.0f B/object) for %.1f MB of kept fields (%.0f B/object): ratio "
      "%.2f; "
      "the objects' own sizeof alone is %.1f MB (ratio %.2f)\n",
      store_bytes / 1e6, double(store_bytes) / std::max<size_t>(1, objects), kept / 1e6,
      double(kept) / std::max<size_t>(1, objects), double(store_bytes) / std::max<size_t>(1, kept),
      layout / 1e6, double(layout) / std::max<size_t>(1, kept));
  std::printf(
      "  of which objects' sizeof %.1f MB, their own heap blocks %.1f MB, and the store's structure "
      "(shared_ptr "
      "blocks, hash nodes and buckets, keys, the EndpointSlice index) %.1f MB\n",
      layout / 1e6, heap / 1e6, (store_bytes - static_cast<long long>(layout + heap)) / 1e6);
  return 0;
}
