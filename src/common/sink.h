#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

namespace kic {

// A streaming writer of JSON-shaped data. The Kong configuration is written once against this
// interface and comes out as JSON (the /config body) or as YAML (kic translate, golden files).
// Map keys must be given in yaml.v2's natural order (NaturalLess), the order KIC's output has.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void BeginMap() = 0;
  virtual void EndMap() = 0;
  virtual void Key(std::string_view key) = 0;
  virtual void BeginSeq() = 0;
  virtual void EndSeq() = 0;
  virtual void String(std::string_view value) = 0;
  virtual void Int(int64_t value) = 0;
  virtual void Uint(uint64_t value) = 0;
  virtual void Double(double value) = 0;
  virtual void Bool(bool value) = 0;
  virtual void Null() = 0;
};

// yaml.v2's ordering of map keys (sorter.go): runs of digits compare as numbers, and a
// non-letter sorts before a letter ("_format_version" < "certificates", "a9" < "a10").
bool NaturalLess(std::string_view a, std::string_view b);

// Writes any JSON value, with object keys in natural order.
void WriteJson(const nlohmann::json& value, Sink& sink);

}  // namespace kic
