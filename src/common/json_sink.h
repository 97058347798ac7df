#pragma once

#include <rapidjson/writer.h>

#include <string>

#include "common/sink.h"

namespace kic {

// RapidJSON output stream over a std::string, so that the finished document is moved out rather than
// copied (a configuration body is megabytes; a StringBuffer would be copied once more into the payload).
// Writes into already-sized storage and trims at the end: push_back's bookkeeping per character made
// serialization several times slower than RapidJSON's own StringBuffer.
struct StringOutput {
  using Ch = char;
  std::string text;
  size_t used = 0;
  void Put(char c) {
    if (used == text.size()) text.resize(text.empty() ? 4096 : text.size() * 2);
    text[used++] = c;
  }
  void Flush() {}
  std::string Finish() {
    text.resize(used);
    used = 0;
    return std::move(text);
  }
};

// Compact JSON through RapidJSON's Writer: no tree, keys in the order given.
class JsonSink final : public Sink {
 public:
  // `expected_size`: reserved up front (e.g. the size of the previous body) to spare regrowth copies.
  explicit JsonSink(size_t expected_size = 0) : writer_(buffer_) { buffer_.text.resize(expected_size); }
  JsonSink(const JsonSink&) = delete;
  JsonSink& operator=(const JsonSink&) = delete;
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
  void Double(double v) override;
  void Bool(bool v) override { writer_.Bool(v); }
  void Null() override { writer_.Null(); }

  std::string Take() { return buffer_.Finish(); }
  std::string_view View() const { return std::string_view(buffer_.text.data(), buffer_.used); }

 private:
  StringOutput buffer_;
  rapidjson::Writer<StringOutput> writer_;
};

}  // namespace kic
