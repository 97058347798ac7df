#include "yaml_json.h"

#include <string>

#include "common/strings.h"

namespace kic::kubefake {

using nlohmann::json;

json YamlToJson(const kic::yaml::Node& node) {
  switch (node.kind) {
    case kic::yaml::Node::Kind::kMap: {
      json out = json::object();
      for (const auto& [key, value] : node.fields) out[key] = YamlToJson(value);
      return out;
    }
    case kic::yaml::Node::Kind::kSeq: {
      json out = json::array();
      for (const auto& item : node.items) out.push_back(YamlToJson(item));
      return out;
    }
    case kic::yaml::Node::Kind::kScalar:
      break;
  }
  switch (node.Type()) {
    case kic::yaml::ScalarType::kNull:
      return nullptr;
    case kic::yaml::ScalarType::kBool:
      return kic::yaml::PlainBoolValue(node.text);
    case kic::yaml::ScalarType::kInt:
      if (auto v = ParseInt(node.text)) return *v;
      return node.text;
    case kic::yaml::ScalarType::kFloat:
      try {
        return std::stod(node.text);
      } catch (const std::exception&) {
        return node.text;
      }
    default:
      return node.text;
  }
}

}  // namespace kic::kubefake
