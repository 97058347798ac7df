#pragma once

// ReferenceGrant (gateway.networking.k8s.io/v1beta1): whether an object may refer to another
// object in a different namespace. Same-namespace references need no grant.

#include <string_view>

#include "kube/store.h"

namespace kic::translate {

struct GroupKindNamespace {
  std::string_view group;  // "" for the core group
  std::string_view kind;
  std::string_view namespace_;
};

// True when `from` and the target are in the same namespace, or a ReferenceGrant in the target's
// namespace lets `from`'s group/kind/namespace refer to the target's group/kind (and name, when the
// grant names one).
bool ReferenceAllowed(const kube::Store& store, const GroupKindNamespace& from, const GroupKindNamespace& to,
                      std::string_view to_name);

}  // namespace kic::translate
