#include "resource_api.h"

#include <ctime>
#include <random>

#include "common/strings.h"
#include "common/yaml_tree.h"
#include "patch.h"
#include "protobuf_body.h"
#include "selectors.h"
#include "table.h"
#include "yaml_json.h"

namespace kic::kubefake {

using nlohmann::json;

namespace {

const std::string kNamespacesKey = "/namespaces";

std::string NowRfc3339() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string RandomUuid() {
  std::random_device rd;
  std::mt19937_64 gen(((uint64_t)rd() << 32) ^ rd());
  uint64_t hi = gen(), lo = gen();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", (unsigned)(hi >> 32),
                (unsigned)((hi >> 16) & 0xffff), (unsigned)(hi & 0xffff), (unsigned)(lo >> 48),
                (unsigned long long)(lo & 0xffffffffffffULL));
  return buf;
}

std::string RandomSuffix() {
  static const char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  std::random_device rd;
  std::string out;
  for (int i = 0; i < 5; ++i) out += kAlphabet[rd() % (sizeof kAlphabet - 1)];
  return out;
}

json ParseJsonBody(const std::string& body) {
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) throw ApiException(BadRequest("the request body is not valid JSON"));
  return parsed;
}

// Server-side apply bodies are YAML (kubectl sends JSON, which is YAML too).
json ParseApplyBody(const std::string& body) {
  json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_discarded()) return parsed;
  auto docs = kic::yaml::ParseDocuments(body);
  if (docs.empty() || !docs.front().error.empty())
    throw ApiException(BadRequest("the request body is not valid YAML"));
  return YamlToJson(docs.front().root);
}

ApiResponse ErrorResponse(const ApiError& e) {
  ApiResponse r;
  r.status = e.code;
  r.body = e.ToStatus().dump();
  if (e.retry_after_seconds > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after_seconds));
  return r;
}

std::string ResourceVersionOf(const json& object) {
  if (!object.is_object() || !object.contains("metadata")) return "";
  return object["metadata"].value("resourceVersion", "");
}

std::optional<int64_t> ParseResourceVersion(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto v = ParseInt(text);
  if (!v || *v < 0) {
    throw ApiException(BadRequest("invalid resource version: \"" + text + "\""));
  }
  return *v;
}

// The part of an object generation tracks: everything but metadata (and status with a /status).
json GenerationRelevant(const ResourceType& type, json object) {
  object.erase("metadata");
  object.erase("apiVersion");
  object.erase("kind");
  if (type.has_status) object.erase("status");
  return object;
}

bool HasFinalizers(const json& object) {
  const json& md = object["metadata"];
  return md.contains("finalizers") && md["finalizers"].is_array() && !md["finalizers"].empty();
}

bool IsBeingDeleted(const json& object) {
  return object["metadata"].contains("deletionTimestamp") &&
         !object["metadata"]["deletionTimestamp"].is_null();
}

// A Secret's stringData is write-only: the server folds it into data (base64), as the real one does.
void FoldStringData(const ResourceType& type, json& object) {
  if (type.kind != "Secret" || !type.group.empty() || !object.contains("stringData")) return;
  if (object["stringData"].is_object()) {
    for (const auto& [k, v] : object["stringData"].items()) {
      object["data"][k] = Base64Encode(v.is_string() ? v.get<std::string>() : v.dump());
    }
  }
  object.erase("stringData");
}

struct ContinueToken {
  int64_t rv = 0;
  std::string ns;
  std::string name;
  int64_t offset = 0;  // objects before this point, so remainingItemCount needs no count from the start
};

// URL-safe base64 without padding, so the token survives a query string unescaped.
std::string EncodeContinue(const ContinueToken& t) {
  std::string token =
      Base64Encode(json{{"rv", t.rv}, {"ns", t.ns}, {"name", t.name}, {"off", t.offset}}.dump());
  while (!token.empty() && token.back() == '=') token.pop_back();
  for (auto& c : token) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return token;
}

ContinueToken DecodeContinue(const std::string& text) {
  std::string standard = text;
  for (auto& c : standard) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (standard.size() % 4 != 0) standard += '=';
  auto raw = Base64Decode(standard);
  json j = raw ? json::parse(*raw, nullptr, false) : json();
  if (!j.is_object() || !j.contains("rv")) throw ApiException(BadRequest("continue key is not valid"));
  return {j.value("rv", int64_t{0}), j.value("ns", ""), j.value("name", ""), j.value("off", int64_t{0})};
}

template <typename Selector>
Selector ParseSelector(const std::string& text) {
  std::string error;
  auto selector = Selector::Parse(text, &error);
  if (!selector) throw ApiException(BadRequest(error));
  return *selector;
}

}  // namespace

json MergeWrite(const ResourceType& type, const json& current, json desired, const std::string& subresource) {
  json result;
  if (subresource == "status") {
    result = current;
    if (desired.contains("status")) {
      result["status"] = desired["status"];
    } else {
      result.erase("status");
    }
  } else {
    result = std::move(desired);
    if (!result.is_object()) throw ApiException(BadRequest("the object must be a JSON object"));
    if (type.has_status) {
      if (current.contains("status")) {
        result["status"] = current["status"];
      } else {
        result.erase("status");
      }
    }
  }
  json& md = result["metadata"];
  if (!md.is_object()) md = json::object();
  const json& old_md = current["metadata"];
  for (const char* owned :
       {"uid", "creationTimestamp", "deletionTimestamp", "namespace", "name", "generation"}) {
    if (old_md.contains(owned)) {
      md[owned] = old_md[owned];
    } else {
      md.erase(owned);
    }
  }
  md["resourceVersion"] = old_md.value("resourceVersion", "");
  FoldStringData(type, result);
  if (type.tracks_generation && GenerationRelevant(type, result) != GenerationRelevant(type, current)) {
    md["generation"] = old_md.value("generation", int64_t{0}) + 1;
  }
  return result;
}

ResourceApi::ResourceApi(const ResourceCatalog& catalog, ObjectStore& store,
                         std::chrono::milliseconds bookmark_interval)
    : catalog_(catalog), store_(store), bookmark_interval_(bookmark_interval) {}

void ResourceApi::CreateStandardNamespaces() {
  const ResourceType* ns_type = catalog_.Find("", "v1", "namespaces");
  ResourcePath path{ns_type, "v1", "", "", ""};
  for (const char* name : {"default", "kube-system", "kube-public"}) {
    json object =
        PrepareCreate(path, {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}});
    store_.Write({kNamespacesKey, "", name},
                 [&](const json* current) { return current ? WriteDecision{} : WriteDecision::Put(object); });
  }
}

json ResourceApi::Present(const ResourcePath& path, json object) const {
  object["apiVersion"] = path.type->ApiVersion(path.version);
  object["kind"] = path.type->kind;
  return object;
}

ApiResponse ResourceApi::ObjectResponse(const ApiRequest& request, const ResourcePath& path,
                                        const json& object, int status) const {
  ApiResponse r;
  r.status = status;
  if (request.method == "GET" && WantsTable(request.accept)) {
    TableRenderer table(*path.type, path.version);
    r.body = table.Render({object}, {{"resourceVersion", ResourceVersionOf(object)}}, true).dump();
  } else {
    r.body = Present(path, object).dump();
  }
  return r;
}

ApiResponse ResourceApi::Handle(const ApiRequest& request, const ResourcePath& path) {
  try {
    if (!path.subresource.empty() && !(path.subresource == "status" && path.type->has_status)) {
      return ErrorResponse({404, "NotFound", "the server could not find the requested resource"});
    }
    const std::string& m = request.method;
    if (path.name.empty()) {
      if (m == "GET") return List(request, path);
      if (m == "POST") return Create(request, path);
      if (m == "DELETE") return DeleteCollection(request, path);
    } else {
      if (m == "GET") return Get(request, path);
      if (m == "PUT") return Update(request, path);
      if (m == "PATCH") return Patch(request, path);
      if (m == "DELETE" && path.subresource.empty()) return Delete(request, path);
    }
    return ErrorResponse(MethodNotAllowed("the server does not allow this method on the requested resource"));
  } catch (const ApiException& e) {
    return ErrorResponse(e.error);
  } catch (const json::exception& e) {
    return ErrorResponse(BadRequest(e.what()));
  }
}

void ResourceApi::RequireNamespace(const ResourcePath& path) const {
  if (!path.type->namespaced) return;
  if (!store_.Get({kNamespacesKey, "", path.ns})) throw ApiException(NotFound("namespaces", "", path.ns));
}

ApiResponse ResourceApi::Get(const ApiRequest& request, const ResourcePath& path) const {
  auto object = store_.Get({path.type->StorageKey(), path.ns, path.name});
  if (!object) throw ApiException(NotFound(path.type->plural, path.type->group, path.name));
  return ObjectResponse(request, path, *object, 200);
}

ApiResponse ResourceApi::List(const ApiRequest& request, const ResourcePath& path) const {
  auto labels = ParseSelector<LabelSelector>(request.Param("labelSelector"));
  auto fields = ParseSelector<FieldSelector>(request.Param("fieldSelector"));
  int64_t limit = ParseInt(request.Param("limit")).value_or(0);
  std::optional<ContinueToken> resume;
  std::optional<int64_t> at_rv;
  if (!request.Param("continue").empty()) {
    resume = DecodeContinue(request.Param("continue"));
    at_rv = resume->rv;
  } else {
    // "0" and unset read the latest state; N with a limit is an exact read unless NotOlderThan.
    std::optional<int64_t> rv = ParseResourceVersion(request.Param("resourceVersion"));
    bool exact = request.Param("resourceVersionMatch") == "Exact" ||
                 (limit > 0 && request.Param("resourceVersionMatch") != "NotOlderThan");
    if (rv && *rv != 0 && exact) at_rv = rv;
  }
  PageQuery query;
  query.resource = path.type->StorageKey();
  query.ns = path.ns;
  query.at_rv = at_rv;
  query.limit = std::max<int64_t>(limit, 0);
  if (resume) {
    query.after = std::make_pair(resume->ns, resume->name);
    query.offset = resume->offset;
  }
  if (!labels.empty() || !fields.empty()) {
    query.matches = [&](const json& item) { return labels.Matches(item) && fields.Matches(item); };
  }
  auto listed = store_.ListPage(query);
  if (auto* error = std::get_if<ApiError>(&listed)) {
    if (resume) {
      error->message =
          "The provided continue parameter is too old to display a consistent list result. You can start a "
          "new "
          "list without the continue parameter.";
    }
    throw ApiException(*error);
  }
  const Page& page = std::get<Page>(listed);
  json metadata = {{"resourceVersion", std::to_string(page.resource_version)}};
  if (page.more) {
    const json& last = page.items.back()->metadata();
    metadata["continue"] =
        EncodeContinue({page.resource_version, last.value("namespace", ""), last.value("name", ""),
                        query.offset + static_cast<int64_t>(page.items.size())});
    // As the real server: a count only when no selector makes it unknowable without filtering all.
    if (page.remaining) metadata["remainingItemCount"] = *page.remaining;
  }
  ApiResponse r;
  if (WantsTable(request.accept)) {
    std::vector<json> rows;
    rows.reserve(page.items.size());
    for (const auto& item : page.items) rows.push_back(item->object);
    r.body = TableRenderer(*path.type, path.version).Render(rows, metadata, true).dump();
    return r;
  }
  // The stored serializations, concatenated: no object is serialized again for a list.
  const std::string api_version = path.type->ApiVersion(path.version);
  const std::string prefix = TypePrefix(api_version, path.type->kind);
  size_t size = 128;
  for (const auto& item : page.items) size += prefix.size() + item->body.size() + 1;
  r.body.reserve(size);
  r.body += "{\"kind\":" + json(path.type->list_kind).dump() + ",\"apiVersion\":" + json(api_version).dump() +
            ",\"metadata\":" + metadata.dump() + ",\"items\":[";
  for (size_t i = 0; i < page.items.size(); ++i) {
    if (i > 0) r.body.push_back(',');
    page.items[i]->AppendJson(prefix, &r.body);
  }
  r.body += "]}";
  return r;
}

json ResourceApi::PrepareCreate(const ResourcePath& path, json object) {
  const ResourceType& type = *path.type;
  json& md = object["metadata"];
  md.erase("resourceVersion");
  md.erase("deletionTimestamp");
  md["uid"] = RandomUuid();
  md["creationTimestamp"] = NowRfc3339();
  if (type.tracks_generation) {
    md["generation"] = 1;
  } else {
    md.erase("generation");
  }
  if (type.has_status) object.erase("status");  // status is written through /status only
  FoldStringData(type, object);
  if (type.group.empty() && type.kind == "Secret" && object.value("type", "").empty())
    object["type"] = "Opaque";
  if (type.group.empty() && type.kind == "Service") {
    if (!object["spec"].is_object()) object["spec"] = json::object();
    if (object["spec"].value("type", "").empty()) object["spec"]["type"] = "ClusterIP";
  }
  if (type.kind == "Namespace" && type.group.empty()) {
    object["spec"]["finalizers"] = {"kubernetes"};
    object["status"] = {{"phase", "Active"}};
    md["labels"]["kubernetes.io/metadata.name"] = md["name"];
  }
  return object;
}

json ResourceApi::NewObject(const ResourcePath& path, json body) {
  if (!body.is_object()) throw ApiException(BadRequest("the object must be a JSON object"));
  if (!body.contains("metadata") || !body["metadata"].is_object()) body["metadata"] = json::object();
  json& md = body["metadata"];
  if (path.type->namespaced) {
    std::string body_ns = md.value("namespace", "");
    if (!body_ns.empty() && body_ns != path.ns) {
      throw ApiException(BadRequest(
          "the namespace of the provided object does not match the namespace sent on the request"));
    }
    md["namespace"] = path.ns;
  } else {
    md.erase("namespace");
  }
  std::string name = md.value("name", "");
  if (name.empty() && !md.value("generateName", "").empty())
    name = md.value("generateName", "") + RandomSuffix();
  if (name.empty()) {
    throw ApiException(Invalid(path.type->kind, path.type->group, "", "metadata.name",
                               "Required value: name or generateName is required"));
  }
  if (!path.name.empty() && name != path.name) {
    throw ApiException(BadRequest("the name of the object (" + name +
                                  ") does not match the name on the URL (" + path.name + ")"));
  }
  md["name"] = name;
  return PrepareCreate(path, Present(path, std::move(body)));
}

ApiResponse ResourceApi::Create(const ApiRequest& request, const ResourcePath& path) {
  if (!path.subresource.empty())
    throw ApiException(MethodNotAllowed("create is not allowed on a subresource"));
  json body;
  if (request.content_type.find("protobuf") != std::string::npos) {
    std::string error;
    auto decoded = DecodeProtobufObject(request.body, &error);
    if (!decoded) {
      throw ApiException(
          UnsupportedMediaType("the body of the request was in an unknown format - accepted media types "
                               "include: application/json, "
                               "application/yaml (" +
                               error + ")"));
    }
    body = std::move(*decoded);
  } else {
    body = ParseJsonBody(request.body);
  }
  json object = NewObject(path, std::move(body));
  RequireNamespace(ResourcePath{path.type, path.version, object["metadata"].value("namespace", ""), "", ""});
  std::string name = object["metadata"]["name"];
  if (request.Param("dryRun") == "All") return ObjectResponse(request, path, object, 201);
  WriteResult result = store_.Write({path.type->StorageKey(), path.ns, name}, [&](const json* current) {
    if (current) return WriteDecision::Fail(AlreadyExists(path.type->plural, path.type->group, name));
    return WriteDecision::Put(object);
  });
  if (result.error) throw ApiException(*result.error);
  return ObjectResponse(request, path, result.object, 201);
}

ApiResponse ResourceApi::Update(const ApiRequest& request, const ResourcePath& path) {
  json body = ParseJsonBody(request.body);
  if (!body.is_object()) throw ApiException(BadRequest("the object must be a JSON object"));
  if (!body["metadata"].is_object()) body["metadata"] = json::object();
  std::string body_name = body["metadata"].value("name", "");
  if (!body_name.empty() && body_name != path.name) {
    throw ApiException(BadRequest("the name of the object (" + body_name +
                                  ") does not match the name on the URL (" + path.name + ")"));
  }
  std::string wanted_rv = ResourceVersionOf(body);
  bool dry_run = request.Param("dryRun") == "All";
  json outcome;
  WriteResult result = store_.Write({path.type->StorageKey(), path.ns, path.name}, [&](const json* current) {
    if (!current) return WriteDecision::Fail(NotFound(path.type->plural, path.type->group, path.name));
    if (wanted_rv.empty() && path.type->is_custom) {
      return WriteDecision::Fail(Invalid(path.type->kind, path.type->group, path.name,
                                         "metadata.resourceVersion",
                                         "Invalid value: 0x0: must be specified for an update"));
    }
    if (!wanted_rv.empty() && wanted_rv != ResourceVersionOf(*current)) {
      return WriteDecision::Fail(Conflict(path.type->plural, path.type->group, path.name));
    }
    outcome = MergeWrite(*path.type, *current, Present(path, body), path.subresource);
    if (dry_run) return WriteDecision{};
    if (IsBeingDeleted(outcome) && !HasFinalizers(outcome)) return WriteDecision::Delete();
    return WriteDecision::Put(outcome);
  });
  if (result.error) throw ApiException(*result.error);
  return ObjectResponse(request, path, dry_run ? outcome : result.object, 200);
}

ApiResponse ResourceApi::Patch(const ApiRequest& request, const ResourcePath& path) {
  std::string content_type = ToLower(request.content_type.substr(0, request.content_type.find(';')));
  content_type = std::string(TrimSpace(content_type));
  bool is_apply = content_type == "application/apply-patch+yaml";
  bool is_strategic = content_type == "application/strategic-merge-patch+json";
  if (content_type != "application/merge-patch+json" && content_type != "application/json-patch+json" &&
      !is_apply && !(is_strategic && !path.type->is_custom)) {
    throw ApiException(UnsupportedMediaType(
        "the body of the request was in an unknown format - accepted media types include: "
        "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml" +
        std::string(path.type->is_custom ? "" : ", application/strategic-merge-patch+json")));
  }
  if (is_apply && request.Param("fieldManager").empty()) {
    throw ApiException(Invalid(path.type->kind, path.type->group, path.name, "metadata.managedFields",
                               "Required value: is required for apply patch"));
  }
  json patch = is_apply ? ParseApplyBody(request.body) : ParseJsonBody(request.body);
  bool dry_run = request.Param("dryRun") == "All";

  // Server-side apply of an absent object creates it (the only patch that may).
  std::optional<json> created;
  if (is_apply && path.subresource.empty() && !store_.Get({path.type->StorageKey(), path.ns, path.name})) {
    created = NewObject(path, patch);
    RequireNamespace(path);
  }

  json outcome;
  WriteResult result = store_.Write({path.type->StorageKey(), path.ns, path.name}, [&](const json* current) {
    if (!current) {
      if (created) {
        outcome = *created;
        return dry_run ? WriteDecision{} : WriteDecision::Put(*created);
      }
      return WriteDecision::Fail(NotFound(path.type->plural, path.type->group, path.name));
    }
    json base = Present(path, *current);
    PatchResult patched;
    if (content_type == "application/json-patch+json") {
      patched = ApplyJsonPatch(base, patch);
    } else if (is_strategic) {
      patched = ApplyStrategicMergePatch(base, patch);
    } else {
      patched = ApplyMergePatch(base, patch);  // merge patch, and apply as "merge into the live object"
    }
    if (!patched.error.empty()) {
      return WriteDecision::Fail(
          {422, "Invalid",
           "the server rejected our request due to an error in our request: " + patched.error});
    }
    std::string patched_rv = ResourceVersionOf(patched.object);
    if (!patched_rv.empty() && patched_rv != ResourceVersionOf(*current)) {
      return WriteDecision::Fail(Conflict(path.type->plural, path.type->group, path.name));
    }
    outcome = MergeWrite(*path.type, *current, std::move(patched.object), path.subresource);
    if (dry_run) return WriteDecision{};
    if (IsBeingDeleted(outcome) && !HasFinalizers(outcome)) return WriteDecision::Delete();
    return WriteDecision::Put(outcome);
  });
  if (result.error) throw ApiException(*result.error);
  return ObjectResponse(request, path, dry_run ? outcome : result.object, result.created ? 201 : 200);
}

ApiResponse ResourceApi::Delete(const ApiRequest& request, const ResourcePath& path) {
  json options = request.body.empty() ? json::object() : json::parse(request.body, nullptr, false);
  std::string precondition_rv;
  if (options.is_object() && options.contains("preconditions") && options["preconditions"].is_object()) {
    precondition_rv = options["preconditions"].value("resourceVersion", "");
  }
  bool dry_run = request.Param("dryRun") == "All";
  bool is_namespace = path.type->StorageKey() == kNamespacesKey;
  if (is_namespace && !dry_run && store_.Get({kNamespacesKey, "", path.name})) {
    store_.DeleteNamespaceContents(path.name);  // at once: kubectl waits for the namespace to go
  }
  bool deferred = false;
  json existing;
  WriteResult result = store_.Write({path.type->StorageKey(), path.ns, path.name}, [&](const json* current) {
    if (!current) return WriteDecision::Fail(NotFound(path.type->plural, path.type->group, path.name));
    if (!precondition_rv.empty() && precondition_rv != ResourceVersionOf(*current)) {
      return WriteDecision::Fail(Conflict(path.type->plural, path.type->group, path.name));
    }
    existing = *current;
    if (dry_run) return WriteDecision{};
    if (HasFinalizers(*current)) {  // finalizers pending: mark it and keep it until they are removed
      deferred = true;
      if (IsBeingDeleted(*current)) return WriteDecision{};
      json marked = *current;
      marked["metadata"]["deletionTimestamp"] = NowRfc3339();
      if (path.type->tracks_generation) {
        marked["metadata"]["generation"] = marked["metadata"].value("generation", int64_t{0}) + 1;
      }
      return WriteDecision::Put(marked);
    }
    return WriteDecision::Delete();
  });
  if (result.error) throw ApiException(*result.error);
  if (deferred) return ObjectResponse(request, path, result.object, 200);
  ApiResponse r;
  r.body =
      SuccessStatus(path.type->plural, path.type->group, path.name, existing["metadata"].value("uid", ""))
          .dump();
  return r;
}

ApiResponse ResourceApi::DeleteCollection(const ApiRequest& request, const ResourcePath& path) {
  auto labels = ParseSelector<LabelSelector>(request.Param("labelSelector"));
  auto fields = ParseSelector<FieldSelector>(request.Param("fieldSelector"));
  auto listed = store_.List(path.type->StorageKey(), path.ns, std::nullopt);
  json items = json::array();
  for (const auto& stored : std::get<ListSnapshot>(listed).items) {
    const json& item = stored->object;
    if (!labels.Matches(item) || !fields.Matches(item)) continue;
    ResourcePath one = path;
    one.ns = item["metadata"].value("namespace", "");
    one.name = item["metadata"].value("name", "");
    ApiRequest single = request;
    single.body.clear();
    try {
      if (Delete(single, one).status == 200) items.push_back(Present(path, item));
    } catch (const ApiException&) {
      // Deleted meanwhile by someone else: nothing left to do for this one.
    }
  }
  ApiResponse r;
  r.body = json{
      {"kind", path.type->list_kind},
      {"apiVersion", path.type->ApiVersion(path.version)},
      {"metadata", {{"resourceVersion", std::to_string(store_.CurrentResourceVersion())}}},
      {"items",
       items}}.dump();
  return r;
}

std::variant<WatchPlan, ApiError> ResourceApi::PlanWatch(const ApiRequest& request,
                                                         const ResourcePath& path) const {
  try {
    if (!path.name.empty()) return BadRequest("watch a single object with fieldSelector=metadata.name=NAME");
    WatchPlan plan;
    WatchOptions& o = plan.options;
    o.type = path.type;
    o.version = path.version;
    o.ns = path.ns;
    o.labels = ParseSelector<LabelSelector>(request.Param("labelSelector"));
    o.fields = ParseSelector<FieldSelector>(request.Param("fieldSelector"));
    std::optional<int64_t> rv = ParseResourceVersion(request.Param("resourceVersion"));
    o.send_initial_events = request.Param("sendInitialEvents") == "true";
    if (rv && *rv != 0 && !o.send_initial_events) o.start_rv = rv;
    o.allow_bookmarks = request.Param("allowWatchBookmarks") == "true";
    if (auto seconds = ParseInt(request.Param("timeoutSeconds")); seconds && *seconds > 0) {
      o.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(*seconds);
    }
    o.bookmark_interval = bookmark_interval_;
    if (WantsTable(request.accept)) {
      // Column definitions only in the first event, as the real server sends them.
      auto renderer = std::make_shared<TableRenderer>(*path.type, path.version);
      auto first = std::make_shared<bool>(true);
      plan.render = [renderer, first](const StoredObject& object, std::string* out) {
        json table = renderer->Render({object.object}, json::object(), *first);
        *first = false;
        out->append(table.dump());
      };
    } else {
      plan.render = [prefix = TypePrefix(path.type->ApiVersion(path.version), path.type->kind)](
                        const StoredObject& object, std::string* out) { object.AppendJson(prefix, out); };
    }
    return plan;
  } catch (const ApiException& e) {
    return e.error;
  }
}

}  // namespace kic::kubefake
