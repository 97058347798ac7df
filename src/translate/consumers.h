#pragma once

#include "translate/state.h"

namespace kic::translate {

struct ConsumersResult {
  std::vector<kong::Consumer> consumers;
  std::vector<const kube::KongConsumer*> consumer_sources;  // parallel to consumers
  std::vector<kong::ConsumerGroup> groups;
  std::vector<const kube::KongConsumerGroup*> group_sources;  // parallel to groups
  std::vector<kong::ConsumerGroupConsumer> members;
};

// KongConsumers and KongConsumerGroups of this ingress class, with the credentials from their
// Secrets (labelled konghq.com/credential: <type>). A consumer with a broken credential, or whose
// credential clashes with another consumer's (same key-auth key, basic-auth username, ...), is
// reported and left out, so that Kong never gets a half-configured consumer.
ConsumersResult BuildConsumers(Context& ctx);

}  // namespace kic::translate
