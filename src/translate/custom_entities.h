#pragma once

#include "translate/plugins.h"
#include "translate/state.h"

namespace kic::translate {

// KongCustomEntity objects (gate KongCustomEntity) whose spec.controllerName is this ingress
// class: entities of spec.type with spec.fields. With a parentRef to a KongPlugin, one entity per
// Kong service that plugin applies to (directly or through a route), with `service: {id}` set.
std::map<std::string, std::vector<nlohmann::json>> BuildCustomEntities(Context& ctx,
                                                                       const PluginAttachments& attachments);

}  // namespace kic::translate
