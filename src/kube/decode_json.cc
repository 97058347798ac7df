#include "kube/decode_impl.h"
#include "kube/decode_value.h"

namespace kic::kube {

std::optional<std::string_view> JsonValue::Text() const {
  switch (e_.type()) {
    case simdjson::dom::element_type::STRING:
      return e_.get_string().value_unsafe();
    case simdjson::dom::element_type::INT64:
      number_text_ = std::to_string(e_.get_int64().value_unsafe());
      return std::string_view(number_text_);
    case simdjson::dom::element_type::UINT64:
      number_text_ = std::to_string(e_.get_uint64().value_unsafe());
      return std::string_view(number_text_);
    case simdjson::dom::element_type::DOUBLE:
      number_text_ = simdjson::to_string(e_);
      return std::string_view(number_text_);
    case simdjson::dom::element_type::BOOL:
      return e_.get_bool().value_unsafe() ? std::string_view("true") : std::string_view("false");
    default:
      return std::nullopt;
  }
}

nlohmann::json JsonValue::ToJson() const {
  switch (e_.type()) {
    case simdjson::dom::element_type::OBJECT: {
      nlohmann::json obj = nlohmann::json::object();
      for (auto field : e_.get_object()) obj[std::string(field.key)] = JsonValue(field.value).ToJson();
      return obj;
    }
    case simdjson::dom::element_type::ARRAY: {
      nlohmann::json arr = nlohmann::json::array();
      for (auto item : e_.get_array()) arr.push_back(JsonValue(item).ToJson());
      return arr;
    }
    case simdjson::dom::element_type::STRING:
      return std::string(e_.get_string().value_unsafe());
    case simdjson::dom::element_type::INT64:
      return e_.get_int64().value_unsafe();
    case simdjson::dom::element_type::UINT64:
      return e_.get_uint64().value_unsafe();
    case simdjson::dom::element_type::DOUBLE:
      return e_.get_double().value_unsafe();
    case simdjson::dom::element_type::BOOL:
      return e_.get_bool().value_unsafe();
    default:
      return nullptr;
  }
}

std::optional<int64_t> JsonValue::Int() const {
  int64_t v;
  if (e_.get_int64().get(v) == simdjson::SUCCESS) return v;
  return std::nullopt;
}

TypeInfo ReadTypeInfo(simdjson::dom::element node) {
  return detail::Decoder<JsonValue>().ReadType(JsonValue(node));
}

std::optional<Object> DecodeObject(simdjson::dom::element node) {
  if (!node.is_object()) throw DecodeError("", "expected an object");
  return detail::Decoder<JsonValue>().DecodeAny(JsonValue(node));
}

const ObjectMeta& MetaOf(const Object& object) {
  return std::visit([](const auto& o) -> const ObjectMeta& { return o.meta; }, object);
}

const char* KindOf(const Object& object) {
  return std::visit([](const auto& o) -> const char* { return std::decay_t<decltype(o)>::kKind; }, object);
}

}  // namespace kic::kube
