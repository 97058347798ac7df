#include "translate/translator.h"

#include <algorithm>

#include "translate/annotations.h"
#include "translate/certificates.h"
#include "translate/gateway_api.h"
#include "translate/consumers.h"
#include "translate/ids.h"
#include "translate/ingress.h"
#include "translate/ingress_expressions.h"
#include "translate/rewrite.h"
#include "translate/services.h"
#include "translate/state.h"
#include "translate/upstreams.h"

namespace kic::translate {
namespace {

// What KIC's deckgen adds when it writes the config, and the order it writes entities in.
void FinishLikeDeck(kong::Config& config, bool expression_routes) {
  for (auto& svc : config.services) {
    for (auto& r : svc.routes) {
      if (!r.https_redirect_status_code) r.https_redirect_status_code = 426;
      if (!expression_routes && !r.path_handling) r.path_handling = "v0";
    }
    std::sort(svc.routes.begin(), svc.routes.end(), [](const auto& a, const auto& b) { return a.name > b.name; });
  }
  for (auto& u : config.upstreams) {
    if (!u.algorithm) u.algorithm = "round-robin";
    std::sort(u.targets.begin(), u.targets.end(), [](const auto& a, const auto& b) { return a.target > b.target; });
  }
  std::sort(config.services.begin(), config.services.end(), [](const auto& a, const auto& b) { return a.name > b.name; });
  std::sort(config.upstreams.begin(), config.upstreams.end(),
            [](const auto& a, const auto& b) { return a.name > b.name; });
  std::sort(config.certificates.begin(), config.certificates.end(),
            [](const auto& a, const auto& b) { return a.cert > b.cert; });
  std::sort(config.consumers.begin(), config.consumers.end(), [](const auto& a, const auto& b) {
    if (a.username != b.username) return a.username < b.username;  // nullopt first
    return a.custom_id < b.custom_id;
  });
  // Kong answers /status/ready with 200 only once it has some configuration; an empty one gets a stub.
  if (config.services.empty() && config.upstreams.empty() && config.certificates.empty() &&
      config.ca_certificates.empty() && config.consumers.empty() && config.plugins.empty()) {
    kong::Upstream stub;
    stub.name = "kong";
    config.upstreams.push_back(std::move(stub));
  }
}

}  // namespace

Result Translate(const kube::Store& store, const Options& options, KeyPairCache* key_pairs) {
  KeyPairCache local_key_pairs;
  Context ctx(store, options);
  const bool expressions = options.flags.expression_routes;

  TranslateIngresses(ctx, SelectIngresses(ctx));
  TranslateGatewayApi(ctx);
  PopulateServices(ctx);

  Result result;
  result.config.upstreams = BuildUpstreams(ctx);
  for (auto& [name, draft] : ctx.services) {
    for (auto& route : draft.routes) {
      ApplyRouteAnnotations(route, expressions, ctx);
      if (expressions && !route.expression_done) ApplyIngressExpression(route);
      ApplyRewrite(route, ctx);
      draft.service.routes.push_back(std::move(route.route));
    }
    result.config.services.push_back(std::move(draft.service));
  }
  result.config.certificates = BuildCertificates(ctx, key_pairs ? *key_pairs : local_key_pairs);
  result.config.consumers = BuildConsumers(ctx);
  if (options.flags.fill_ids) FillIds(result.config, options.workspace);
  FinishLikeDeck(result.config, expressions);
  result.statuses = std::move(ctx.statuses);
  // A bad annotation is seen once per route of its Ingress; report it once.
  for (auto& p : ctx.problems)
    if (std::find(result.problems.begin(), result.problems.end(), p) == result.problems.end())
      result.problems.push_back(std::move(p));
  return result;
}

}  // namespace kic::translate
