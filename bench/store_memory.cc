// Heap bytes the Store holds per kind for a cluster file (the LIST form sync_latency reads), to
// see what dominates without a profiler run. Usage: store_memory CLUSTER.json
#include <malloc.h>
#include <simdjson.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "kube/decode.h"
#include "kube/store.h"

namespace {

size_t HeapInUse() {
  return mallinfo2().uordblks;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: store_memory CLUSTER.json\n");
    return 2;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.load(argv[1]).get(root)) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  // One store per kind, filled one after another, so each kind's heap is a difference.
  std::map<std::string, kic::kube::Store> stores;
  std::map<std::string, std::pair<size_t, size_t>> usage;  // kind -> objects, bytes
  std::vector<std::string> kinds;
  for (auto item : root["items"].get_array())
    kinds.emplace_back(std::string(item["kind"].get_string().value()));
  std::map<std::string, bool> seen;
  for (const auto& kind : kinds) seen[kind] = true;
  for (const auto& [kind, unused] : seen) {
    auto& store = stores[kind];
    const size_t before = HeapInUse();
    size_t n = 0;
    for (auto item : root["items"].get_array()) {
      if (item["kind"].get_string().value() != kind) continue;
      if (auto object = kic::kube::DecodeObject(item)) {
        store.Upsert(std::move(*object));
        ++n;
      }
    }
    usage[kind] = {n, HeapInUse() - before};
  }
  size_t total = 0;
  for (const auto& [kind, u] : usage) {
    std::printf("%-16s %7zu objects %9.2f MB %6zu bytes/object\n", kind.c_str(), u.first, u.second / 1e6,
                u.first ? u.second / u.first : 0);
    total += u.second;
  }
  std::printf("total %.2f MB\n", total / 1e6);
  std::printf("sizeof: Ingress %zu Service %zu EndpointSlice %zu Secret %zu ObjectMeta %zu\n",
              sizeof(kic::kube::Ingress), sizeof(kic::kube::Service), sizeof(kic::kube::EndpointSlice),
              sizeof(kic::kube::Secret), sizeof(kic::kube::ObjectMeta));
  return 0;
}
