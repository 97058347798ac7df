#pragma once

#include <string_view>

#include "kube/store.h"

namespace kic::translate {

inline constexpr std::string_view kIngressClassAnnotation = "kubernetes.io/ingress.class";

// KIC's choice of Ingresses: the class annotation decides when set; else spec.ingressClassName;
// else (classless) only when the IngressClass named `ingress_class` is the cluster default.
bool IngressMatchesClass(const kube::Ingress& ingress, std::string_view ingress_class,
                         const kube::Store& store);

// For Kong's own kinds (KongConsumer, ...): the class annotation must match, or be absent while the
// IngressClass named `ingress_class` is the cluster default.
bool ObjectMatchesClass(const kube::ObjectMeta& meta, std::string_view ingress_class,
                        const kube::Store& store);

// The IngressClassParameters the controller's IngressClass points at (spec.parameters), or the
// defaults (serviceUpstream and legacy regex detection off) when there are none.
kube::IngressClassParameters ClassParameters(std::string_view ingress_class, const kube::Store& store);

}  // namespace kic::translate
