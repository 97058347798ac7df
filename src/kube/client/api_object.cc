#include "kube/client/api_object.h"

namespace kic::kube::client {
namespace {

std::string StringAt(simdjson::dom::element e, std::string_view pointer) {
  std::string_view value;
  if (e.at_pointer(pointer).get_string().get(value) != simdjson::SUCCESS) return "";
  return std::string(value);
}

}  // namespace

DecodedObject DecodeApiObject(simdjson::dom::element item, const ResourceInfo& resource,
                              simdjson::dom::parser& scratch) {
  DecodedObject out;
  out.namespace_ = StringAt(item, "/metadata/namespace");
  out.name = StringAt(item, "/metadata/name");
  out.resource_version = StringAt(item, "/metadata/resourceVersion");
  auto problem = [&](std::string field, std::string message) {
    std::string object =
        resource.kind + " " + (out.namespace_.empty() ? "" : out.namespace_ + "/") + out.name;
    out.problem = Problem{std::move(object), std::move(field), std::move(message)};
  };
  try {
    if (!item.is_object()) {
      problem("", "expected an object");
      return out;
    }
    simdjson::dom::element element = item;
    if (item["kind"].error() == simdjson::NO_SUCH_FIELD) {
      // Splice the type in front of the object's own fields.
      std::string body = simdjson::minify(item);
      std::string typed =
          "{\"kind\":\"" + resource.kind + "\",\"apiVersion\":\"" + resource.GroupVersion() + "\"";
      typed += body.size() > 2 ? "," + body.substr(1) : "}";
      if (scratch.parse(typed).get(element) != simdjson::SUCCESS) {
        problem("", "cannot re-encode object");
        return out;
      }
    }
    out.object = DecodeObject(element);
  } catch (const DecodeError& e) {
    std::string message = e.what();
    if (!e.field().empty() && message.rfind(e.field() + ": ", 0) == 0) message.erase(0, e.field().size() + 2);
    problem(e.field(), std::move(message));
    out.object.reset();
  } catch (const simdjson::simdjson_error& e) {
    problem("", e.what());
    out.object.reset();
  }
  return out;
}

}  // namespace kic::kube::client
