#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kic::kubefake {

// Decodes the few protobuf bodies kubectl's typed clients send (`kubectl create namespace`,
// `create secret generic`, `create configmap`): the "k8s\0" envelope (runtime.Unknown) around a
// Namespace, Secret or ConfigMap with name, generateName, namespace, labels, annotations, data and
// type. Returns the object as JSON, or nullopt (with `error`) for anything else.
std::optional<nlohmann::json> DecodeProtobufObject(std::string_view body, std::string* error);

}  // namespace kic::kubefake
