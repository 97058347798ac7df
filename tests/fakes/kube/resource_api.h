#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <variant>

#include "api_status.h"
#include "api_types.h"
#include "object_store.h"
#include "resource_catalog.h"
#include "resource_path.h"
#include "watch_session.h"

namespace kic::kubefake {

// A watch the HTTP layer should stream.
struct WatchPlan {
  WatchOptions options;
  EventRenderer render;
};

// The object endpoints: GET/LIST, POST, PUT, PATCH (merge, JSON, strategic, apply), DELETE and
// deletecollection, the status subresource, with the server-side defaulting, generation and
// resourceVersion rules of a real API server.
class ResourceApi {
 public:
  ResourceApi(const ResourceCatalog& catalog, ObjectStore& store,
              std::chrono::milliseconds bookmark_interval);

  // Everything but watches. Errors come back as Status responses.
  ApiResponse Handle(const ApiRequest& request, const ResourcePath& path);
  // A watch request (?watch=1/true): what to stream, or why not.
  std::variant<WatchPlan, ApiError> PlanWatch(const ApiRequest& request, const ResourcePath& path) const;

  // Creates the namespaces every cluster has (default, kube-system, kube-public).
  void CreateStandardNamespaces();

 private:
  ApiResponse Get(const ApiRequest& request, const ResourcePath& path) const;
  ApiResponse List(const ApiRequest& request, const ResourcePath& path) const;
  ApiResponse Create(const ApiRequest& request, const ResourcePath& path);
  ApiResponse Update(const ApiRequest& request, const ResourcePath& path);
  ApiResponse Patch(const ApiRequest& request, const ResourcePath& path);
  ApiResponse Delete(const ApiRequest& request, const ResourcePath& path);
  ApiResponse DeleteCollection(const ApiRequest& request, const ResourcePath& path);

  // Fills in what the server owns on create (uid, timestamps, generation, namespace defaults).
  nlohmann::json PrepareCreate(const ResourcePath& path, nlohmann::json object);
  // Validates and completes the metadata of a new object; throws ApiException.
  nlohmann::json NewObject(const ResourcePath& path, nlohmann::json body);
  void RequireNamespace(const ResourcePath& path) const;

  nlohmann::json Present(const ResourcePath& path, nlohmann::json object) const;
  ApiResponse ObjectResponse(const ApiRequest& request, const ResourcePath& path,
                             const nlohmann::json& object, int status) const;

  const ResourceCatalog& catalog_;
  ObjectStore& store_;
  std::chrono::milliseconds bookmark_interval_;
};

// The object a write to `subresource` ("" or "status") leaves behind, given the current object and
// the desired one: status writes change only status, main writes keep status (kinds with /status),
// server-owned metadata is kept, and generation is bumped when anything but metadata/status changed.
nlohmann::json MergeWrite(const ResourceType& type, const nlohmann::json& current, nlohmann::json desired,
                          const std::string& subresource);

}  // namespace kic::kubefake
