#pragma once

#include <map>
#include <string>
#include <vector>

#include "translate/state.h"

namespace kic::translate {

// What one KongPlugin / KongClusterPlugin is attached to, by the names Kong knows them by.
struct PluginRelations {
  std::vector<std::string> services, routes, consumers, consumer_groups;
  std::vector<std::string> referrers;  // ObjectRefs of the objects whose annotation named it
};

// Collects konghq.com/plugins references ("a,b,other-namespace:c") from the objects that can carry
// them, checking cross-namespace references against ReferenceGrants.
class PluginAttachments {
 public:
  explicit PluginAttachments(Context& ctx) : ctx_(ctx) {}

  enum class Target { kService, kRoute, kConsumer, kConsumerGroup };
  // `identifier` is the Kong name of the entity the plugin attaches to; `referrer_group`/`kind`
  // identify the annotated object for ReferenceGrant checks.
  void AddFromAnnotation(const kube::ObjectMeta& meta, std::string_view referrer_group,
                         std::string_view referrer_kind, const std::string& referrer_ref,
                         const std::string& identifier, Target target,
                         const std::vector<std::string>& extra_refs = {});

  // Plugin key ("namespace:name") -> relations, in key order.
  const std::map<std::string, PluginRelations>& relations() const { return relations_; }

 private:
  Context& ctx_;
  std::map<std::string, PluginRelations> relations_;
};

// Kong plugins for every attachment (KIC's combinations: consumer × service/route, else
// consumer group × service/route, else each service and route alone), plus global
// KongClusterPlugins (label global: "true"). A missing or broken plugin is reported on the plugin
// and on every object that refers to it, and left out.
std::vector<kong::Plugin> BuildPlugins(Context& ctx, const PluginAttachments& attachments);

// The plugin names of a konghq.com/plugins annotation value.
std::vector<std::string> SplitPluginAnnotation(std::string_view value);

}  // namespace kic::translate
