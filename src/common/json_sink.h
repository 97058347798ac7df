#pragma once

#include <rapidjson/writer.h>

#include <cmath>
#include <string>
#include <vector>

#include "common/sink.h"

namespace kic {

// RapidJSON output stream over a std::string, so that the finished document is moved out rather than
// copied. Writes into already-sized storage and trims at the end: push_back's bookkeeping per
// character made serialization several times slower than RapidJSON's own StringBuffer.
struct StringOutput {
  using Ch = char;
  std::string text;
  size_t used = 0;
  void Put(char c) {
    if (used == text.size()) text.resize(text.empty() ? 4096 : text.size() * 2);
    text[used++] = c;
  }
  void Flush() {}
  size_t written() const { return used; }
  std::string Finish() {
    text.resize(used);
    used = 0;
    return std::move(text);
  }
};

// RapidJSON output stream into fixed-size chunks, for documents of many MB (Kong config bodies):
// no regrowth copies, no block of the whole size (a chunk fits in heap memory freed while writing,
// e.g. by a config consumed as it is serialized), and pages are touched only as they are written.
struct ChunkedOutput {
  using Ch = char;
  static constexpr size_t kChunkSize = 16 * 1024;
  std::vector<std::string> chunks;  // all full but the last
  // Where the next byte goes in the last chunk, and its end: RapidJSON calls Put once per byte.
  char* cursor = nullptr;
  char* limit = nullptr;
  void Put(char c) {
    if (cursor == limit) NextChunk();
    *cursor++ = c;
  }
  void Flush() {}
  size_t written() const { return chunks.empty() ? 0 : (chunks.size() - 1) * kChunkSize + Used(); }
  std::vector<std::string> Finish() {
    if (!chunks.empty()) chunks.back().resize(Used());
    cursor = limit = nullptr;
    return std::move(chunks);
  }

 private:
  size_t Used() const { return kChunkSize - static_cast<size_t>(limit - cursor); }
  void NextChunk() {
    auto& chunk = chunks.emplace_back(kChunkSize, '\0');
    cursor = chunk.data();
    limit = cursor + kChunkSize;
  }
};

// Compact JSON through RapidJSON's Writer: no tree, keys in the order given.
template <class Output>
class BasicJsonSink final : public Sink {
 public:
  BasicJsonSink() : writer_(output_) {}
  BasicJsonSink(const BasicJsonSink&) = delete;
  BasicJsonSink& operator=(const BasicJsonSink&) = delete;
  void BeginMap() override { writer_.StartObject(); }
  void EndMap() override { writer_.EndObject(); }
  void Key(std::string_view key) override {
    writer_.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  }
  void BeginSeq() override { writer_.StartArray(); }
  void EndSeq() override { writer_.EndArray(); }
  void String(std::string_view v) override {
    writer_.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  }
  void Int(int64_t v) override { writer_.Int64(v); }
  void Uint(uint64_t v) override { writer_.Uint64(v); }
  void Double(double v) override {
    // JSON has no NaN or infinity; Kong would reject them anyway.
    if (std::isfinite(v)) {
      writer_.Double(v);
    } else {
      writer_.Null();
    }
  }
  void Bool(bool v) override { writer_.Bool(v); }
  void Null() override { writer_.Null(); }

  // Bytes written so far.
  size_t Offset() const { return output_.written(); }
  auto Take() { return output_.Finish(); }

 private:
  Output output_;
  rapidjson::Writer<Output> writer_;
};

using JsonSink = BasicJsonSink<StringOutput>;
using ChunkedJsonSink = BasicJsonSink<ChunkedOutput>;

}  // namespace kic
