// Sync latency of the live controller's pipeline, in-process: a cluster (scripts/gen-cluster JSON)
// decoded into the SyncedStore as reflectors would, the real SyncLoop/SyncEngine/ConfigSender, and
// the fake Kong as a separate process (kong-test-admin --accept-unparsed: it hashes each body and
// answers 201 without parsing), so that neither Kong's time nor its memory is counted as the
// controller's, and 1000 changes of a 12 MB config take minutes, not an hour.
//   sync_latency CLUSTER.json [--changes N] [--ingress-changes N] [--debounce-ms D] [--first-push-only]
//                [--kong-test-admin PATH]
// Prints: time to the first push (decode + translate + serialize), the latency from an
// EndpointSlice change (the targets fast path) and from an Ingress change (a full translation) to
// the POST leaving the controller (median, p99), and peak RSS.
#include <malloc.h>
#include <simdjson.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "child_process.h"
#include "controller/heap.h"
#include "controller/kong_instances.h"
#include "controller/sync_engine.h"
#include "controller/sync_loop.h"
#include "kube/client/synced_store.h"
#include "kube/decode.h"

namespace {

using Clock = std::chrono::steady_clock;
using kic::controller::SyncEngine;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// A field of /proc/self/status in MB ("VmHWM" peak, "VmRSS" current).
long StatusMb(const char* field) {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kb = -1;
  const size_t n = std::strlen(field);
  while (std::fgets(line, sizeof line, f)) {
    if (std::strncmp(line, field, n) == 0 && line[n] == ':') kb = std::strtol(line + n + 1, nullptr, 10);
  }
  std::fclose(f);
  return kb < 0 ? -1 : kb / 1024;
}
long PeakRssMb() {
  return StatusMb("VmHWM");
}
long CurrentRssMb() {
  return StatusMb("VmRSS");
}
// Linux: writing 5 to clear_refs resets the peak RSS (VmHWM) to the current RSS.
void ResetPeakRss() {
  if (FILE* f = std::fopen("/proc/self/clear_refs", "w")) {
    std::fputs("5", f);
    std::fclose(f);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: sync_latency CLUSTER.json [--changes N] [--ingress-changes N] [--debounce-ms D] "
                 "[--first-push-only]\n");
    return 2;
  }
  int changes = 200;
  int ingress_changes = 0;
  int debounce_ms = 50;
  bool first_push_only = false;
  std::string kong_binary = std::string(argv[0]);
  kong_binary = kong_binary.substr(0, kong_binary.rfind('/') + 1) + "../tests/kong-test-admin";
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--kong-test-admin" && i + 1 < argc) kong_binary = argv[++i];
    if (arg == "--changes" && i + 1 < argc) changes = std::stoi(argv[++i]);
    if (arg == "--ingress-changes" && i + 1 < argc) ingress_changes = std::stoi(argv[++i]);
    if (arg == "--debounce-ms" && i + 1 < argc) debounce_ms = std::stoi(argv[++i]);
    if (arg == "--first-push-only") first_push_only = true;
  }

  kic::controller::TuneHeapForLongRun();  // as `kic run` does
  kic::testing::ChildProcess kong;
  const std::string kong_address =
      kong.Start({kong_binary, "--listen", "127.0.0.1:0", "--accept-unparsed"}, {}, "", "listening on ");
  if (kong_address.empty()) {
    std::fprintf(stderr, "cannot start %s: %s\n", kong_binary.c_str(), kong.error().c_str());
    return 1;
  }

  std::mutex mu;
  std::condition_variable pushed;
  Clock::time_point last_push{};
  uint64_t pushes = 0;
  size_t last_bytes = 0;
  kic::controller::SyncEngineOptions engine_options;
  engine_options.before_push = [&](size_t bytes) {
    std::lock_guard lock(mu);
    last_push = Clock::now();
    last_bytes = bytes;
    ++pushes;
    pushed.notify_all();
  };
  SyncEngine engine(engine_options);
  kic::kong::admin::ClientOptions client;
  client.base_url = "http://" + kong_address;
  kic::controller::KongInstances instances({kic::kong::admin::AdminClient(client)});

  // Start: decode every object into the store as the reflectors' first LIST would.
  const auto started = Clock::now();
  kic::kube::client::SyncedStore store;
  // Names of the objects to change later; their content is read back from the store then, so that
  // the benchmark's own copies do not count as the controller's memory.
  std::vector<std::pair<std::string, std::string>> slices, ingresses;
  size_t objects = 0;
  {
    // The whole cluster file as one document is the benchmark's shortcut, not the controller's (its
    // reflectors decode one LIST page at a time): the parser is freed before memory is measured.
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.load(argv[1]).get(root)) {
      std::fprintf(stderr, "cannot read %s\n", argv[1]);
      return 1;
    }
    for (auto item : root["items"].get_array()) {
      auto object = kic::kube::DecodeObject(item);
      if (!object) continue;
      if (const auto* slice = std::get_if<kic::kube::EndpointSlice>(&*object))
        slices.emplace_back(slice->meta.namespace_, slice->meta.name);
      if (const auto* ingress = std::get_if<kic::kube::Ingress>(&*object); ingress && ingresses.size() < 1000)
        ingresses.emplace_back(ingress->meta.namespace_, ingress->meta.name);
      store.Apply(std::move(*object));
      ++objects;
    }
  }
  malloc_trim(0);
  const long rss_after_load = CurrentRssMb();
  ResetPeakRss();
  const auto loaded = Clock::now();

  kic::controller::SyncLoopOptions loop_options;
  loop_options.debounce = std::chrono::milliseconds(debounce_ms);
  loop_options.initial_delay = std::chrono::milliseconds(0);
  loop_options.resync = std::chrono::hours(1);  // only changes trigger syncs here
  kic::controller::SyncLoop loop(
      store, [] { return true; }, instances, engine, loop_options);
  std::jthread loop_thread([&](std::stop_token stop) { loop.Run(stop); });

  {
    std::unique_lock lock(mu);
    pushed.wait(lock, [&] { return pushes > 0; });
  }
  const auto first_push = last_push;
  // Wait for the first push to finish before changing anything.
  while (loop.syncs() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::printf("objects %zu: decode into store %.0f ms, start to first push %.0f ms (config %zu bytes)\n",
              objects, Ms(loaded - started), Ms(first_push - started), last_bytes);

  // One change as a watch event, timed to the moment its config is handed to the sender.
  const auto measure = [&](const char* what, int count, auto make_change) {
    std::vector<double> latencies;
    for (int i = 0; i < count; ++i) {
      auto object = make_change(i);
      if (!object) continue;
      const auto syncs_before = loop.syncs();
      uint64_t pushes_before;
      {
        std::lock_guard lock(mu);
        pushes_before = pushes;
      }
      const auto changed = Clock::now();
      store.Apply(std::move(*object));  // the watch event
      std::unique_lock lock(mu);
      pushed.wait(lock, [&] { return pushes > pushes_before; });
      latencies.push_back(Ms(last_push - changed));
      lock.unlock();
      // The next change waits for this push to finish (each latency is measured alone).
      while (loop.syncs() <= syncs_before) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    std::sort(latencies.begin(), latencies.end());
    if (latencies.empty()) return;
    const auto at = [&](double q) {
      return latencies[std::min(latencies.size() - 1, size_t(q * latencies.size()))];
    };
    std::printf(
        "%s -> POST leaving (debounce %d ms), %zu changes: median %.1f ms, p99 %.1f ms, max %.1f ms\n", what,
        debounce_ms, latencies.size(), at(0.5), at(0.99), latencies.back());
  };
  if (!first_push_only && !slices.empty()) {
    measure("EndpointSlice event", changes, [&](int i) -> std::optional<kic::kube::Object> {
      const auto& [ns, name] = slices[static_cast<size_t>(i) % slices.size()];
      auto slice = store.Read([&](const kic::kube::Store& s) { return *s.endpoint_slices().Get(ns, name); });
      if (slice.endpoints.empty()) return std::nullopt;
      slice.endpoints[0].addresses = {"10.250." + std::to_string(i / 250 % 250) + "." +
                                      std::to_string(i % 250)};
      slice.meta.resource_version = "bench-" + std::to_string(i);
      return slice;
    });
  }
  if (!first_push_only && !ingresses.empty()) {
    // Any other kind takes the full translation; an Ingress's strip-path flips its routes.
    measure("Ingress event", ingress_changes, [&](int i) -> std::optional<kic::kube::Object> {
      const auto& [ns, name] = ingresses[static_cast<size_t>(i) % ingresses.size()];
      auto ingress = store.Read([&](const kic::kube::Store& s) { return *s.ingresses().Get(ns, name); });
      const bool strip = ingress.meta.annotations.Get("konghq.com/strip-path") != "true";
      ingress.meta.annotations.Set("konghq.com/strip-path", strip ? "true" : "false");
      ingress.meta.resource_version = "bench-" + std::to_string(i);
      return ingress;
    });
  }
  // The loop trims the heap after a full translation; let it finish before reading the RSS it keeps.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const long rss_between_syncs = CurrentRssMb();
  loop_thread.request_stop();
  loop_thread.join();
  std::printf(
      "RSS after loading the store %ld MB; peak RSS while syncing %ld MB; RSS between syncs %ld MB (the "
      "controller pipeline only; Kong is another process)\n",
      rss_after_load, PeakRssMb(), rss_between_syncs);
  return 0;
}
