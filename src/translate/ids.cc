#include "translate/ids.h"

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

}  // namespace

std::string EntityId(std::string_view entity_plural, std::string_view key, std::string_view workspace) {
  const Uuid ns = Uuid::V5(BaseNamespace(), entity_plural);
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
}

}  // namespace kic::translate
