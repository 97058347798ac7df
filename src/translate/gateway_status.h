#pragma once

#include "translate/state.h"

namespace kic::translate {

// Status of this controller's GatewayClasses (Accepted) and of the Gateways it manages itself
// (class annotated konghq.com/gatewayclass-unmanaged): Accepted, Programmed, addresses and
// per-listener status (kic-expressions-and-status.md §3.1–3.3), into ctx.statuses. The state KIC
// reaches once settled is computed directly (no Pending step), without lastTransitionTime (the
// controller stamps it when writing), and without Kong's listen checks (PortUnavailable,
// UnsupportedProtocol), which need Kong's own configuration.
void RecordGatewayStatuses(Context& ctx);

// KIC's route Programmed condition is False/TranslationError when the translation of the route
// failed anywhere, including passes that run after the routes (e.g. a KongPlugin named by an
// ExtensionRef filter or konghq.com/plugins that does not exist). Called once every pass has
// reported: turns True/ConfiguredInGateway into False/TranslationError for every route status
// whose object has a problem.
void MarkRouteTranslationFailures(std::vector<StatusUpdate>& statuses, const std::vector<Problem>& problems);

}  // namespace kic::translate
