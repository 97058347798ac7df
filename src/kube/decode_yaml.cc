#include <limits>

#include "common/strings.h"
#include "kube/decode_impl.h"
#include "kube/decode_value.h"

namespace kic::kube {

std::optional<int64_t> YamlValue::Int() const {
  if (!IsScalar() || node_->Type() != yaml::ScalarType::kInt) return std::nullopt;
  std::string plain;
  for (char c : node_->text)
    if (c != '_') plain.push_back(c);
  try {
    size_t used = 0;
    const long long v = std::stoll(plain, &used, 0);
    if (used != plain.size()) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

namespace {

nlohmann::json NodeToJson(const yaml::Node& n) {
  switch (n.kind) {
    case yaml::Node::Kind::kMap: {
      nlohmann::json obj = nlohmann::json::object();
      for (const auto& [k, v] : n.fields) obj[k] = NodeToJson(v);
      return obj;
    }
    case yaml::Node::Kind::kSeq: {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& v : n.items) arr.push_back(NodeToJson(v));
      return arr;
    }
    case yaml::Node::Kind::kScalar:
      break;
  }
  switch (n.Type()) {
    case yaml::ScalarType::kNull:
      return nullptr;
    case yaml::ScalarType::kBool:
      return yaml::PlainBoolValue(n.text);
    case yaml::ScalarType::kInt: {
      YamlValue v(&n);
      if (auto i = v.Int()) return *i;
      return n.text;
    }
    case yaml::ScalarType::kFloat:
      try {
        if (n.text == ".inf" || n.text == ".Inf" || n.text == ".INF" || n.text == "+.inf")
          return std::numeric_limits<double>::infinity();
        return std::stod(n.text);
      } catch (const std::exception&) {
        return n.text;
      }
    default:
      return n.text;
  }
}

}  // namespace

nlohmann::json YamlValue::ToJson() const {
  return NodeToJson(*node_);
}

TypeInfo ReadTypeInfo(const yaml::Node& node) {
  return detail::Decoder<YamlValue>().ReadType(YamlValue(&node));
}

std::optional<Object> DecodeObject(const yaml::Node& node) {
  if (node.kind != yaml::Node::Kind::kMap) throw DecodeError("", "expected an object");
  return detail::Decoder<YamlValue>().DecodeAny(YamlValue(&node));
}

}  // namespace kic::kube
