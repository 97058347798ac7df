#include "translate/translator.h"

#include <algorithm>

#include "translate/annotations.h"
#include "translate/ca_certificates.h"
#include "translate/certificates.h"
#include "translate/consumers.h"
#include "translate/custom_entities.h"
#include "translate/gateway_api.h"
#include "translate/gateway_status.h"
#include "translate/ids.h"
#include "translate/ingress.h"
#include "translate/ingress_class.h"
#include "translate/ingress_expressions.h"
#include "translate/l4_ingress.h"
#include "translate/plugins.h"
#include "translate/rewrite.h"
#include "translate/services.h"
#include "translate/state.h"
#include "translate/tags.h"
#include "translate/upstreams.h"
#include "translate/vaults.h"

namespace kic::translate {
namespace {

// Sorts big entities by a key without moving them around during the sort: the key of each is
// computed once, indices are sorted, and the permutation is applied in place, one cycle at a time
// (a sorted copy would hold every entity twice).
template <class T, class KeyF, class Less>
void SortByKey(std::vector<T>& items, KeyF key, Less less) {
  std::vector<std::pair<std::string, size_t>> keys;
  keys.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) keys.emplace_back(key(items[i]), i);
  std::stable_sort(keys.begin(), keys.end(),
                   [&](const auto& a, const auto& b) { return less(a.first, b.first); });
  // Position i takes items[keys[i].second]; follow each cycle once, with one entity in hand.
  std::vector<bool> placed(items.size());
  for (size_t start = 0; start < items.size(); ++start) {
    if (placed[start] || keys[start].second == start) continue;
    T held = std::move(items[start]);
    size_t at = start;
    while (keys[at].second != start) {
      items[at] = std::move(items[keys[at].second]);
      placed[at] = true;
      at = keys[at].second;
    }
    items[at] = std::move(held);
    placed[at] = true;
  }
}

// What KIC's deckgen adds when it writes the config, and the order it writes entities in.
void FinishLikeDeck(kong::Config& config, bool expression_routes) {
  for (auto& svc : config.services) {
    for (auto& r : svc.routes) {
      if (!r.https_redirect_status_code) r.https_redirect_status_code = 426;
      if (!expression_routes && !r.path_handling) r.path_handling = "v0";
    }
    std::sort(svc.routes.begin(), svc.routes.end(),
              [](const auto& a, const auto& b) { return a.name > b.name; });
  }
  for (auto& u : config.upstreams) {
    if (!u.algorithm) u.algorithm = "round-robin";  // targets come sorted from BuildTargets
  }
  const auto descending = [](const std::string& a, const std::string& b) { return a > b; };
  SortByKey(
      config.services, [](const kong::Service& s) { return s.name; }, descending);
  SortByKey(
      config.upstreams, [](const kong::Upstream& u) { return u.name; }, descending);
  SortByKey(
      config.certificates, [](const kong::Certificate& c) { return c.cert; }, descending);
  // deckgen's PluginString: name, then consumer, route and service references; descending.
  auto plugin_key = [](const kong::Plugin& p) {
    return p.name + p.consumer.value_or("") + p.route.value_or("") + p.service.value_or("");
  };
  std::stable_sort(config.plugins.begin(), config.plugins.end(),
                   [&](const auto& a, const auto& b) { return plugin_key(a) > plugin_key(b); });
  for (auto& svc : config.services)
    for (auto& r : svc.routes)
      std::stable_sort(r.plugins.begin(), r.plugins.end(),
                       [](const auto& a, const auto& b) { return a.name > b.name; });
  std::sort(config.consumer_groups.begin(), config.consumer_groups.end(),
            [](const auto& a, const auto& b) { return a.name > b.name; });
  std::sort(config.vaults.begin(), config.vaults.end(),
            [](const auto& a, const auto& b) { return a.prefix > b.prefix; });
  std::sort(config.ca_certificates.begin(), config.ca_certificates.end(),
            [](const auto& a, const auto& b) { return a.cert > b.cert; });
  std::sort(config.consumers.begin(), config.consumers.end(), [](const auto& a, const auto& b) {
    if (a.username != b.username) return a.username < b.username;  // nullopt first
    return a.custom_id < b.custom_id;
  });
  // Kong answers /status/ready with 200 only once it has some configuration; an empty one gets a stub.
  if (config.services.empty() && config.upstreams.empty() && config.certificates.empty() &&
      config.ca_certificates.empty() && config.consumers.empty() && config.plugins.empty() &&
      config.consumer_groups.empty() && config.vaults.empty() && config.custom_entities.empty()) {
    kong::Upstream stub;
    stub.name = "kong";
    config.upstreams.push_back(std::move(stub));
  }
}

std::string_view GroupOfKind(std::string_view kind) {
  if (kind == kube::Ingress::kKind) return kube::Ingress::kGroup;
  if (kind == kube::TCPIngress::kKind || kind == kube::UDPIngress::kKind) return "configuration.konghq.com";
  return "gateway.networking.k8s.io";
}

// Every konghq.com/plugins reference, from Services, routes' sources, consumers and groups.
PluginAttachments CollectPluginAttachments(Context& ctx, const ConsumersResult& consumers) {
  PluginAttachments attachments(ctx);
  for (const auto& [name, draft] : ctx.services) {
    if (draft.facade) {
      attachments.AddFromAnnotation(draft.facade->meta, kube::KongServiceFacade::kGroup,
                                    kube::KongServiceFacade::kKind, ObjectRef(*draft.facade), name,
                                    PluginAttachments::Target::kService);
    } else {
      for (const auto* svc : draft.k8s_services)
        attachments.AddFromAnnotation(svc->meta, "", kube::Service::kKind, ObjectRef(*svc), name,
                                      PluginAttachments::Target::kService);
    }
    for (const auto& route : draft.routes)
      attachments.AddFromAnnotation(*route.source.meta, GroupOfKind(route.source.kind), route.source.kind,
                                    route.source.ref, route.route.name, PluginAttachments::Target::kRoute,
                                    route.plugin_refs);
  }
  for (size_t i = 0; i < consumers.consumers.size(); ++i) {
    const auto& c = consumers.consumers[i];
    const auto* source = consumers.consumer_sources[i];
    attachments.AddFromAnnotation(source->meta, kube::KongConsumer::kGroup, kube::KongConsumer::kKind,
                                  ObjectRef(*source), c.username ? *c.username : *c.custom_id,
                                  PluginAttachments::Target::kConsumer);
  }
  for (size_t i = 0; i < consumers.groups.size(); ++i) {
    const auto* source = consumers.group_sources[i];
    attachments.AddFromAnnotation(source->meta, kube::KongConsumerGroup::kGroup,
                                  kube::KongConsumerGroup::kKind, ObjectRef(*source),
                                  consumers.groups[i].name, PluginAttachments::Target::kConsumerGroup);
  }
  return attachments;
}

}  // namespace

Result Translate(const kube::Store& store, const Options& options, KeyPairCache* key_pairs) {
  KeyPairCache local_key_pairs;
  Context ctx(store, options);
  const kube::IngressClassParameters class_parameters = ClassParameters(options.ingress_class, store);
  ctx.service_upstream = class_parameters.service_upstream;
  ctx.legacy_regex_detection = class_parameters.enable_legacy_regex_detection;
  const bool expressions = options.flags.expression_routes;

  TranslateIngresses(ctx, SelectIngresses(ctx));
  TranslateL4Ingresses(ctx);
  TranslateGatewayApi(ctx);
  PopulateServices(ctx);

  Result result;
  result.config.upstreams = BuildUpstreams(ctx, &result.target_recipes);
  for (auto& [name, draft] : ctx.services) {
    for (auto& route : draft.routes) {
      ApplyRouteAnnotations(route, expressions, ctx);
      if (expressions && !route.expression_done) ApplyIngressExpression(route);
      ApplyRewrite(route, ctx);
    }
  }
  ConsumersResult consumers = BuildConsumers(ctx);
  const PluginAttachments attachments = CollectPluginAttachments(ctx, consumers);
  result.config.plugins = BuildPlugins(ctx, attachments);
  result.config.custom_entities = BuildCustomEntities(ctx, attachments);
  // Each draft is freed as its service moves into the config, so drafts and config are not both
  // whole in memory (nothing reads ctx.services after this).
  result.config.services.reserve(ctx.services.size());
  for (auto it = ctx.services.begin(); it != ctx.services.end(); it = ctx.services.erase(it)) {
    auto& draft = it->second;
    draft.service.routes.reserve(draft.service.routes.size() + draft.routes.size());
    for (auto& route : draft.routes) draft.service.routes.push_back(std::move(route.route));
    result.config.services.push_back(std::move(draft.service));
  }
  result.config.certificates = BuildCertificates(ctx, key_pairs ? *key_pairs : local_key_pairs);
  result.config.consumers = std::move(consumers.consumers);
  result.config.consumer_groups = std::move(consumers.groups);
  result.config.consumer_group_consumers = std::move(consumers.members);
  result.config.vaults = BuildVaults(ctx);
  result.config.ca_certificates = BuildCaCertificates(ctx);
  if (options.flags.fill_ids) FillIds(result.config, options.workspace);
  FinishLikeDeck(result.config, expressions);
  // Route status waits for every pass: a failure found late still makes the route TranslationError.
  MarkRouteTranslationFailures(ctx.statuses, ctx.problems);
  result.statuses = std::move(ctx.statuses);
  // A bad annotation is seen once per route of its Ingress; report it once.
  for (auto& p : ctx.problems)
    if (std::find(result.problems.begin(), result.problems.end(), p) == result.problems.end())
      result.problems.push_back(std::move(p));
  return result;
}

}  // namespace kic::translate
