#include "translate/ids.h"

#include <map>
#include <stdexcept>

#include "common/uuid.h"

namespace kic::translate {
namespace {

// go-kong's namespace for generated IDs.
const Uuid& BaseNamespace() {
  static const Uuid kBase = Uuid::Parse("fd02801f-0957-4a15-a55a-c8d9606f30b5");
  return kBase;
}

std::string PluginKey(const kong::Plugin& p) {
  std::string key = p.name;
  if (p.service) key += ":service/" + *p.service;
  if (p.route) key += ":route/" + *p.route;
  if (p.consumer) key += ":consumer/" + *p.consumer;
  if (p.consumer_group) key += ":consumer_group/" + *p.consumer_group;
  return key;
}

// uuid5(base, plural) for each entity type, computed once.
const Uuid& TypeNamespace(std::string_view entity_plural) {
  static const std::map<std::string, Uuid, std::less<>> kTypes = [] {
    std::map<std::string, Uuid, std::less<>> types;
    for (const char* plural : {"services", "routes", "consumers", "consumergroups", "vaults", "plugins"})
      types.emplace(plural, Uuid::V5(BaseNamespace(), plural));
    return types;
  }();
  const auto it = kTypes.find(entity_plural);
  if (it == kTypes.end())
    throw std::invalid_argument("no ID namespace for entity type " + std::string(entity_plural));
  return it->second;
}

}  // namespace

std::string EntityId(std::string_view entity_plural, std::string_view key, std::string_view workspace) {
  const Uuid& ns = TypeNamespace(entity_plural);
  if (workspace.empty()) return Uuid::V5(ns, key).ToString();
  std::string full(workspace);
  full += '/';
  full += key;
  return Uuid::V5(ns, full).ToString();
}

void FillIds(kong::Config& config, std::string_view workspace) {
  for (auto& svc : config.services) {
    if (!svc.id) svc.id = EntityId("services", svc.name, workspace);
    for (auto& route : svc.routes)
      if (!route.id) route.id = EntityId("routes", route.name, workspace);
  }
  for (auto& consumer : config.consumers)
    if (!consumer.id && consumer.username) consumer.id = EntityId("consumers", *consumer.username, workspace);
  for (auto& plugin : config.plugins)
    if (!plugin.id) plugin.id = EntityId("plugins", PluginKey(plugin), workspace);
  for (auto& group : config.consumer_groups)
    if (!group.id) group.id = EntityId("consumergroups", group.name, workspace);
  for (auto& vault : config.vaults)
    if (!vault.id) vault.id = EntityId("vaults", vault.prefix, workspace);
}

}  // namespace kic::translate
