#pragma once

#include <string>
#include <string_view>

#include "kong/config.h"
#include "kube/meta.h"

namespace kic::translate {

// KIC's tags for an entity generated from an object: k8s-name, k8s-namespace, k8s-kind,
// k8s-uid, k8s-group, k8s-version (empty parts omitted), then the user's konghq.com/tags.
// Kong reports errors with these tags, which is how a rejected entity is traced back to its object.
kong::Tags TagsFor(const kube::ObjectMeta& meta, std::string_view kind, std::string_view group);

template <class T>
kong::Tags TagsFor(const T& object) {
  return TagsFor(object.meta, T::kKind, T::kGroup);
}

// The tags KIC puts on a Kong service whose Kubernetes Service could not be found.
kong::Tags UnknownServiceTags();

// "Ingress default/foo": how problems name an object.
std::string ObjectRef(std::string_view kind, const kube::ObjectMeta& meta);
template <class T>
std::string ObjectRef(const T& object) {
  return ObjectRef(T::kKind, object.meta);
}

}  // namespace kic::translate
