#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

#include "common/sink.h"

namespace kic {

// Compact JSON through RapidJSON's Writer: no tree, keys in the order given.
class JsonSink final : public Sink {
 public:
  JsonSink() : writer_(buffer_) {}
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

  std::string Take() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }
  std::string_view View() const { return std::string_view(buffer_.GetString(), buffer_.GetSize()); }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace kic
