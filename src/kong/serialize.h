#pragma once

#include <string>
#include <vector>

#include "common/sink.h"
#include "kong/config.h"

namespace kic::kong {

// Writes the declarative configuration (with _format_version "3.0") to any sink. Keys come out
// in the order KIC's golden files have them, so the YAML form is byte-comparable.
void Write(const Config& config, Sink& sink);

// A byte range of a serialized body.
struct ByteSpan {
  size_t offset = 0;
  size_t size = 0;
  bool operator==(const ByteSpan&) const = default;
};

std::string ToJson(const Config& config);

// The JSON body in chunks of ChunkedOutput::kChunkSize bytes (the last one shorter), for bodies of
// many MB: see ChunkedOutput.
struct ChunkedJson {
  std::vector<std::string> chunks;
  size_t size = 0;
  // Per upstream (in order), the span of its targets section: `,"targets":[...]`, empty when it
  // has no targets (TargetsSectionJson writes the same bytes alone).
  std::vector<ByteSpan> target_sections;
};
ChunkedJson ToJsonChunks(const Config& config);
// The same, freeing `config` while it is written (a body of a big cluster need not sit in memory
// beside the config it came from).
ChunkedJson ToJsonChunks(Config&& config);
// An upstream's targets section as ToJson writes it inside the upstream; "" for no targets.
std::string TargetsSectionJson(const std::vector<Target>& targets);
std::string ToYaml(const Config& config);

}  // namespace kic::kong
