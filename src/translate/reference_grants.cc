#include "translate/reference_grants.h"

namespace kic::translate {

bool ReferenceAllowed(const kube::Store& store, const GroupKindNamespace& from, const GroupKindNamespace& to,
                      std::string_view to_name) {
  if (from.namespace_ == to.namespace_) return true;
  for (const auto& grant : store.Of<kube::ReferenceGrant>().items()) {
    if (grant->meta.namespace_ != to.namespace_) continue;
    bool from_matches = false;
    for (const auto& f : grant->from)
      if (f.group == from.group && f.kind == from.kind && f.namespace_ == from.namespace_)
        from_matches = true;
    if (!from_matches) continue;
    for (const auto& t : grant->to)
      if (t.group == to.group && t.kind == to.kind && (!t.name || t.name->empty() || *t.name == to_name))
        return true;
  }
  return false;
}

}  // namespace kic::translate
