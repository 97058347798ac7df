// Translate + serialize over an in-memory store loaded from scripts/gen-cluster output.
// Run: scripts/bench (generates the clusters, builds in Release, runs this and the CLI timing).

#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "kong/serialize.h"
#include "kube/manifest_loader.h"
#include "translate/translator.h"

namespace {

const kic::kube::Store& StoreOf(int n) {
  // Benchmarks run one at a time; each cluster is generated and loaded once.
  static std::map<int, std::unique_ptr<kic::kube::Store>> stores;
  auto& slot = stores[n];
  if (!slot) {
    slot = std::make_unique<kic::kube::Store>();
    const std::string path = "/tmp/kic-bench-cluster-" + std::to_string(n) + ".json";
    const std::string cmd =
        std::string(KIC_SOURCE_DIR) + "/scripts/gen-cluster " + std::to_string(n) + " > " + path;
    if (std::system(cmd.c_str()) != 0) std::abort();
    std::ifstream in(path);
    std::stringstream buf;
    buf << in.rdbuf();
    kic::kube::LoadResult result;
    kic::kube::LoadJsonText(buf.str(), path, *slot, result);
  }
  return *slot;
}

// Steady state of the live controller: certificate checks cached from earlier translations.
void BM_Translate(benchmark::State& state) {
  const auto& store = StoreOf(static_cast<int>(state.range(0)));
  kic::translate::Options options;
  kic::translate::KeyPairCache key_pairs;
  for (auto _ : state) {
    auto result = kic::translate::Translate(store, options, &key_pairs);
    benchmark::DoNotOptimize(result);
  }
}

void BM_TranslateAndSerializeJson(benchmark::State& state) {
  const auto& store = StoreOf(static_cast<int>(state.range(0)));
  kic::translate::Options options;
  kic::translate::KeyPairCache key_pairs;
  size_t bytes = 0;
  for (auto _ : state) {
    const auto result = kic::translate::Translate(store, options, &key_pairs);
    const auto body = kic::kong::ToJson(result.config);
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.counters["body_bytes"] = static_cast<double>(bytes);
}

// A first translation: every certificate checked (as kic translate does once).
void BM_TranslateCold(benchmark::State& state) {
  const auto& store = StoreOf(static_cast<int>(state.range(0)));
  kic::translate::Options options;
  for (auto _ : state) {
    auto result = kic::translate::Translate(store, options);
    benchmark::DoNotOptimize(result);
  }
}

void BM_LoadJson(benchmark::State& state) {
  StoreOf(static_cast<int>(state.range(0)));
  const std::string path = "/tmp/kic-bench-cluster-" + std::to_string(state.range(0)) + ".json";
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  for (auto _ : state) {
    kic::kube::Store store;
    kic::kube::LoadResult result;
    kic::kube::LoadJsonText(text, path, store, result);
    benchmark::DoNotOptimize(store);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

BENCHMARK(BM_Translate)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TranslateAndSerializeJson)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TranslateCold)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadJson)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
