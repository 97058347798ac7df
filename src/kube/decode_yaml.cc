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

TypeInfo ReadTypeInfo(const yaml::Node& node) { return detail::Decoder<YamlValue>().ReadType(YamlValue(&node)); }

std::optional<Object> DecodeObject(const yaml::Node& node) {
  if (node.kind != yaml::Node::Kind::kMap) throw DecodeError("", "expected an object");
  return detail::Decoder<YamlValue>().DecodeAny(YamlValue(&node));
}

}  // namespace kic::kube
