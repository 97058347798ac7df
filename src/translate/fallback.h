#pragma once

#include <string>
#include <vector>

#include "kube/store.h"

namespace kic::translate {

// An object Kong rejected (identified from the tags of the entities it refused).
struct BrokenObject {
  std::string kind;
  std::string namespace_;
  std::string name;
  bool operator==(const BrokenObject&) const = default;
};

// The fallback configuration's input: the store without the broken objects and without every
// object that depends on one of them (an Ingress whose Service, plugin or TLS Secret is broken, a
// KongPlugin whose config Secret is broken, ...), so that translating it yields a config Kong can
// take, with everything that was not affected. `excluded` receives every object left out.
kube::Store WithoutBroken(const kube::Store& store, const std::vector<BrokenObject>& broken,
                          std::vector<BrokenObject>* excluded = nullptr);

// KIC's --use-last-valid-config-for-fallback: every object WithoutBroken left out that the last
// store Kong accepted a configuration from also holds comes back in that older version, so a broken
// change rolls back to what worked instead of dropping the object. Returns how many came back.
size_t BackfillFromLastValid(kube::Store& fallback, const kube::Store& last_valid,
                             const std::vector<BrokenObject>& excluded);

}  // namespace kic::translate
