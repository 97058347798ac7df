#pragma once

#include "api_types.h"
#include "fault_injector.h"
#include "object_store.h"
#include "resource_api.h"
#include "watch_hub.h"

namespace kic::kubefake {

// The admin API under /_test/ (see README.md): knobs tests turn to make the server misbehave.
// It is exempt from faults and from the token.
class TestControls {
 public:
  TestControls(ObjectStore& store, WatchHub& hub, FaultInjector& faults, ResourceApi& api)
      : store_(store), hub_(hub), faults_(faults), api_(api) {}

  ApiResponse Handle(const ApiRequest& request);

 private:
  ObjectStore& store_;
  WatchHub& hub_;
  FaultInjector& faults_;
  ResourceApi& api_;
};

}  // namespace kic::kubefake
