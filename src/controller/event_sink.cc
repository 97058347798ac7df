#include "controller/event_sink.h"

#include <spdlog/spdlog.h>

#include <variant>

namespace kic::controller {
namespace {

template <class T>
const kube::ObjectMeta* FindIn(const kube::Store& store, std::string_view ns, std::string_view name) {
  const T* object = store.Of<T>().Get(ns, name);
  return object ? &object->meta : nullptr;
}

template <size_t... I>
const kube::ObjectMeta* FindMeta(const kube::Store& store, std::string_view kind, std::string_view ns,
                                 std::string_view name, std::index_sequence<I...>) {
  const kube::ObjectMeta* found = nullptr;
  // Every alternative of kube::Object whose kind matches is searched (a kind appears once).
  ((found == nullptr && kind == std::variant_alternative_t<I, kube::Object>::kKind
        ? (found = FindIn<std::variant_alternative_t<I, kube::Object>>(store, ns, name), 0)
        : 0),
   ...);
  return found;
}

template <size_t... I>
std::string GroupOf(std::string_view kind, std::index_sequence<I...>) {
  std::string group;
  ((kind == std::variant_alternative_t<I, kube::Object>::kKind
        ? (group = std::variant_alternative_t<I, kube::Object>::kGroup, 0)
        : 0),
   ...);
  return group;
}

}  // namespace

void RecorderEventSink::Emit(const kube::client::ObjectRef& object, std::string_view type,
                             std::string_view reason, const std::string& message) {
  const auto result = recorder_.Record(object, std::string(type), std::string(reason), message);
  if (!result.ok)
    spdlog::warn("could not write Event {} on {} {}/{}: {}", reason, object.kind, object.namespace_,
                 object.name, result.error);
}

void CollectingEventSink::Emit(const kube::client::ObjectRef& object, std::string_view type,
                               std::string_view reason, const std::string& message) {
  std::lock_guard lock(mu_);
  events_.push_back({object, std::string(type), std::string(reason), message});
}

std::vector<CollectingEventSink::Event> CollectingEventSink::events() const {
  std::lock_guard lock(mu_);
  return events_;
}

std::optional<kube::client::ObjectRef> FindObjectRef(const kube::Store& store, std::string_view kind,
                                                     std::string_view ns, std::string_view name) {
  constexpr auto kIndexes = std::make_index_sequence<std::variant_size_v<kube::Object>>();
  const kube::ObjectMeta* meta = FindMeta(store, kind, ns, name, kIndexes);
  if (meta == nullptr) return std::nullopt;
  kube::client::ObjectRef ref;
  ref.kind = std::string(kind);
  ref.namespace_ = meta->namespace_;
  ref.name = meta->name;
  ref.uid = meta->uid.str();
  ref.resource_version = meta->resource_version;
  ref.api_version = meta->api_version;
  if (ref.api_version.empty()) {
    const auto group = GroupOf(kind, kIndexes);
    ref.api_version = group.empty() ? "v1" : group + "/v1";
  }
  return ref;
}

bool ParseProblemObject(std::string_view object, std::string& kind, std::string& ns, std::string& name) {
  const auto space = object.find(' ');
  if (space == std::string_view::npos || space == 0) return false;
  kind = std::string(object.substr(0, space));
  const auto rest = object.substr(space + 1);
  if (rest.empty() || rest.find(' ') != std::string_view::npos) return false;
  const auto slash = rest.find('/');
  ns = slash == std::string_view::npos ? "" : std::string(rest.substr(0, slash));
  name = std::string(slash == std::string_view::npos ? rest : rest.substr(slash + 1));
  return !name.empty();
}

}  // namespace kic::controller
