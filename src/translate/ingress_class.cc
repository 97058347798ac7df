#include "translate/ingress_class.h"

namespace kic::translate {
namespace {

bool ClassIsDefault(std::string_view ingress_class, const kube::Store& store) {
  const auto* ic = store.ingress_classes().Get("", ingress_class);
  return ic != nullptr && ic->IsDefault();
}

}  // namespace

bool IngressMatchesClass(const kube::Ingress& ingress, std::string_view ingress_class,
                         const kube::Store& store) {
  const auto annotation = ingress.meta.annotations.Get(kIngressClassAnnotation);
  if (!annotation.empty()) return annotation == ingress_class;
  if (ingress.ingress_class_name && !ingress.ingress_class_name->empty())
    return *ingress.ingress_class_name == ingress_class;
  return ClassIsDefault(ingress_class, store);
}

bool ObjectMatchesClass(const kube::ObjectMeta& meta, std::string_view ingress_class,
                        const kube::Store& store) {
  const auto annotation = meta.annotations.Get(kIngressClassAnnotation);
  if (!annotation.empty()) return annotation == ingress_class;
  return ClassIsDefault(ingress_class, store);
}

kube::IngressClassParameters ClassParameters(std::string_view ingress_class, const kube::Store& store) {
  const auto* ic = store.ingress_classes().Get("", ingress_class);
  if (!ic || !ic->parameters || ic->parameters->kind != kube::IngressClassParameters::kKind ||
      ic->parameters->api_group != kube::IngressClassParameters::kGroup)
    return {};
  const auto* params =
      store.Of<kube::IngressClassParameters>().Get(ic->parameters->namespace_, ic->parameters->name);
  return params ? *params : kube::IngressClassParameters{};
}

}  // namespace kic::translate
