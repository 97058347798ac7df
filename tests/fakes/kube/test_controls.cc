#include "test_controls.h"

#include <nlohmann/json.hpp>

#include "common/strings.h"

namespace kic::kubefake {

using nlohmann::json;

namespace {

ApiResponse Json(json body, int status = 200) {
  ApiResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}

int IntParam(const ApiRequest& request, const std::string& name, int fallback) {
  return static_cast<int>(ParseInt(request.Param(name)).value_or(fallback));
}

}  // namespace

ApiResponse TestControls::Handle(const ApiRequest& request) {
  const std::string& p = request.path;
  const bool post = request.method == "POST";
  if (p == "/_test/healthz") {
    ApiResponse r;
    r.body = "ok";
    r.content_type = "text/plain";
    return r;
  }
  if (p == "/_test/resource-version") {
    return Json({{"resourceVersion", std::to_string(store_.CurrentResourceVersion())},
                 {"compactedResourceVersion", std::to_string(store_.CompactedResourceVersion())}});
  }
  if (p == "/_test/watches") return Json({{"active", hub_.ActiveWatches()}});
  if (p == "/_test/compact" && post) {
    return Json({{"compactedResourceVersion", std::to_string(store_.Compact())}});
  }
  if (p == "/_test/drop-watches" && post) {
    hub_.DropAll(request.Param("abrupt") == "true");
    return Json({{"dropped", true}});
  }
  if (p == "/_test/bookmarks" && post) {
    hub_.RequestBookmarks();
    return Json({{"requested", true}});
  }
  if (p == "/_test/fail" && post) {
    int code = IntParam(request, "code", 500);
    int retry_after = IntParam(request, "retryAfter", code == 429 ? 1 : 0);
    if (code < 400 || code > 599) return Json({{"error", "code must be 4xx or 5xx"}}, 400);
    if (!request.Param("ms").empty() || !request.Param("seconds").empty()) {
      int ms = IntParam(request, "ms", 0) + 1000 * IntParam(request, "seconds", 0);
      faults_.FailFor(code, std::chrono::milliseconds(ms), retry_after);
    } else {
      faults_.FailNext(code, IntParam(request, "count", 1), retry_after);
    }
    return Json({{"failing", code}});
  }
  if (p == "/_test/stall" && post) {
    faults_.Stall(std::chrono::milliseconds(IntParam(request, "ms", 0)), IntParam(request, "count", 0));
    return Json({{"stallMs", IntParam(request, "ms", 0)}});
  }
  if (p == "/_test/token") {
    if (post && !request.Param("value").empty()) {
      faults_.SetToken(request.Param("value"));
      return Json({{"token", "set"}});
    }
    if (request.method == "DELETE") {
      faults_.SetToken(std::nullopt);
      return Json({{"token", "cleared"}});
    }
  }
  if (p == "/_test/reset" && post) {
    faults_.Reset();
    hub_.DropAll(false);
    store_.Clear();
    api_.CreateStandardNamespaces();
    return Json({{"resourceVersion", std::to_string(store_.CurrentResourceVersion())}});
  }
  return Json({{"error", "unknown test control " + request.method + " " + p}}, 404);
}

}  // namespace kic::kubefake
