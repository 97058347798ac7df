#include "protobuf_body.h"

#include <cstdint>
#include <vector>

#include "common/strings.h"

namespace kic::kubefake {

using nlohmann::json;

namespace {

// One field of a protobuf message: its number and, for length-delimited fields, the bytes.
struct Field {
  uint32_t number = 0;
  uint32_t wire_type = 0;
  uint64_t varint = 0;
  std::string_view bytes;
};

bool ReadVarint(std::string_view& in, uint64_t* out) {
  *out = 0;
  for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
    auto byte = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    *out |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

// Splits a message into its fields; nullopt when malformed.
std::optional<std::vector<Field>> ReadFields(std::string_view in) {
  std::vector<Field> fields;
  while (!in.empty()) {
    uint64_t key = 0;
    if (!ReadVarint(in, &key)) return std::nullopt;
    Field f;
    f.number = static_cast<uint32_t>(key >> 3);
    f.wire_type = static_cast<uint32_t>(key & 7);
    switch (f.wire_type) {
      case 0:
        if (!ReadVarint(in, &f.varint)) return std::nullopt;
        break;
      case 1:
      case 5: {
        size_t size = f.wire_type == 1 ? 8 : 4;
        if (in.size() < size) return std::nullopt;
        in.remove_prefix(size);
        break;
      }
      case 2: {
        uint64_t length = 0;
        if (!ReadVarint(in, &length) || length > in.size()) return std::nullopt;
        f.bytes = in.substr(0, length);
        in.remove_prefix(length);
        break;
      }
      default:
        return std::nullopt;
    }
    fields.push_back(f);
  }
  return fields;
}

// A map<string, string|bytes> entry list (entries are messages {1: key, 2: value}) as a JSON object.
void ReadMapEntry(std::string_view entry, json& into, bool base64_values) {
  auto fields = ReadFields(entry);
  if (!fields) return;
  std::string key, value;
  for (const auto& f : *fields) {
    if (f.number == 1) key = std::string(f.bytes);
    if (f.number == 2) value = std::string(f.bytes);
  }
  into[key] = base64_values ? Base64Encode(value) : value;
}

json ReadObjectMeta(std::string_view message) {
  json md = json::object();
  auto fields = ReadFields(message);
  if (!fields) return md;
  for (const auto& f : *fields) {
    if (f.wire_type != 2) continue;
    switch (f.number) {
      case 1:
        md["name"] = std::string(f.bytes);
        break;
      case 2:
        md["generateName"] = std::string(f.bytes);
        break;
      case 3:
        md["namespace"] = std::string(f.bytes);
        break;
      case 11:
        ReadMapEntry(f.bytes, md["labels"], false);
        break;
      case 12:
        ReadMapEntry(f.bytes, md["annotations"], false);
        break;
      default:
        break;
    }
  }
  return md;
}

}  // namespace

std::optional<json> DecodeProtobufObject(std::string_view body, std::string* error) {
  constexpr std::string_view kMagic("k8s\0", 4);
  if (body.substr(0, 4) != kMagic) {
    *error = "protobuf body without the k8s envelope";
    return std::nullopt;
  }
  auto envelope = ReadFields(body.substr(4));
  if (!envelope) {
    *error = "malformed protobuf envelope";
    return std::nullopt;
  }
  std::string api_version, kind;
  std::string_view raw;
  for (const auto& f : *envelope) {
    if (f.number == 1 && f.wire_type == 2) {
      if (auto type_meta = ReadFields(f.bytes)) {
        for (const auto& t : *type_meta) {
          if (t.number == 1) api_version = std::string(t.bytes);
          if (t.number == 2) kind = std::string(t.bytes);
        }
      }
    }
    if (f.number == 2 && f.wire_type == 2) raw = f.bytes;
  }
  if (kind != "Namespace" && kind != "Secret" && kind != "ConfigMap") {
    *error = "protobuf bodies are decoded only for Namespace, Secret and ConfigMap, not \"" + kind + "\"";
    return std::nullopt;
  }
  auto fields = ReadFields(raw);
  if (!fields) {
    *error = "malformed protobuf object";
    return std::nullopt;
  }
  json object = {{"apiVersion", api_version}, {"kind", kind}, {"metadata", json::object()}};
  for (const auto& f : *fields) {
    if (f.wire_type != 2) continue;
    if (f.number == 1) object["metadata"] = ReadObjectMeta(f.bytes);
    if (kind == "Secret" && f.number == 2) ReadMapEntry(f.bytes, object["data"], true);
    if (kind == "Secret" && f.number == 3) object["type"] = std::string(f.bytes);
    if (kind == "Secret" && f.number == 4) ReadMapEntry(f.bytes, object["stringData"], false);
    if (kind == "ConfigMap" && f.number == 2) ReadMapEntry(f.bytes, object["data"], false);
    if (kind == "ConfigMap" && f.number == 3) ReadMapEntry(f.bytes, object["binaryData"], true);
  }
  return object;
}

}  // namespace kic::kubefake
