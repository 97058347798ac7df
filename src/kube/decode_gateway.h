#pragma once

// Decoders of the Gateway API kinds, in the style of decode_impl.h. Included by decode_impl.h.

#include <optional>
#include <string_view>

#include "kube/decode.h"

namespace kic::kube::detail {

template <class V>
class Decoder;

// Decodes a gateway.networking.k8s.io object of `kind`; nullopt for kinds not kept.
template <class V>
std::optional<Object> DecodeGatewayObject(Decoder<V>& d, const V& root, std::string_view kind) {
  if (kind == GatewayClass::kKind) {
    GatewayClass gc;
    gc.meta = d.Meta(root);
    d.With(root, "spec", [&](const V& spec) { gc.controller_name = d.Str(spec, "controllerName"); });
    return gc;
  }
  if (kind == Gateway::kKind) {
    Gateway gw;
    gw.meta = d.Meta(root);
    d.With(root, "spec", [&](const V& spec) { gw.gateway_class_name = d.Str(spec, "gatewayClassName"); });
    return gw;
  }
  return std::nullopt;
}

}  // namespace kic::kube::detail
