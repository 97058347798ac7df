#include "translate/fallback.h"

#include <algorithm>

namespace kic::translate {

kube::Store WithoutBroken(const kube::Store& store, const std::vector<BrokenObject>& broken,
                          std::vector<BrokenObject>* excluded) {
  kube::Store out = store;
  for (const auto& b : broken) {
    if (out.Remove(b.kind, b.namespace_, b.name) && excluded) excluded->push_back(b);
  }
  return out;
}

}  // namespace kic::translate
