#include "kube/client/reflector.h"

#include <spdlog/spdlog.h>

#include <future>
#include <set>

#include "kube/client/api_object.h"

namespace kic::kube::client {
namespace {

bool IsExpired(long status, std::string_view reason) {
  return status == 410 || reason == "Expired" || reason == "Gone";
}

// 504 with cause ResourceVersionTooLarge: the server is behind the RV we asked for; relist.
bool IsTooLargeResourceVersion(const ApiResponse& r) {
  return r.status == 504 && r.message.find("Too large resource version") != std::string::npos;
}

// The string at a JSON pointer, or "" (a missing field is not an error here).
std::string_view StringAt(simdjson::dom::element e, std::string_view pointer) {
  std::string_view value;
  if (e.at_pointer(pointer).get_string().get(value) != simdjson::SUCCESS) return {};
  return value;
}

}  // namespace

const char* WatchEndName(WatchEnd end) {
  switch (end) {
    case WatchEnd::kResume:
      return "resume";
    case WatchEnd::kRelist:
      return "relist";
    case WatchEnd::kFailed:
      return "failed";
    case WatchEnd::kStopped:
      return "stopped";
  }
  return "?";
}

Reflector::Reflector(ApiClient& api, ResourceInfo resource, SyncedStore& store, ReflectorOptions options)
    : api_(api),
      resource_(std::move(resource)),
      store_(store),
      options_(std::move(options)),
      rng_(options_.seed) {
  if (!resource_.namespaced) options_.namespace_.clear();
}

std::string Reflector::Describe() const {
  return resource_.kind + (options_.namespace_.empty() ? "" : " in " + options_.namespace_);
}

std::string Reflector::last_resource_version() const {
  std::lock_guard lock(mu_);
  return last_rv_;
}

ReflectorStats Reflector::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

std::string Reflector::ListPath(const std::string& continue_token) const {
  // No resourceVersion: a consistent read, which pages exactly (RV=0 may ignore the limit).
  std::string path =
      resource_.CollectionPath(options_.namespace_) + "?limit=" + std::to_string(options_.page_size);
  if (!continue_token.empty()) path += "&continue=" + QueryEscape(continue_token);
  if (!options_.label_selector.empty()) path += "&labelSelector=" + QueryEscape(options_.label_selector);
  return path;
}

std::string Reflector::WatchPath(const std::string& rv, long timeout_seconds) const {
  std::string path = resource_.CollectionPath(options_.namespace_) + "?allowWatchBookmarks=true";
  if (!options_.label_selector.empty()) path += "&labelSelector=" + QueryEscape(options_.label_selector);
  path += "&resourceVersion=" + QueryEscape(rv) + "&timeoutSeconds=" + std::to_string(timeout_seconds) +
          "&watch=true";
  return path;
}

Reflector::ListOutcome Reflector::List(std::stop_token stop) {
  ListOutcome outcome;
  simdjson::dom::parser parser;
  simdjson::dom::parser scratch;
  std::vector<Object> objects;
  std::set<std::string> keep;  // objects that failed to decode keep their previous state
  std::string continue_token;
  std::string list_rv;
  int decode_errors = 0;
  // The next page is requested as soon as this one's continue token is known, so the server
  // builds it while this thread decodes: the pages' costs overlap instead of adding up.
  auto fetch = [this, stop](std::string path) {
    return std::async(std::launch::async,
                      [this, stop, path = std::move(path)] { return api_.Get(path, stop); });
  };
  std::future<ApiResponse> next = fetch(ListPath(""));
  do {
    ApiResponse response = next.get();
    {
      std::lock_guard lock(mu_);
      ++stats_.list_requests;
    }
    if (!response.ok()) {
      outcome.expired = IsExpired(response.status, response.reason);
      outcome.retry_after = std::chrono::seconds(response.retry_after_seconds);
      outcome.error = "list " + Describe() + ": " + response.Describe();
      return outcome;
    }
    simdjson::dom::element page;
    if (parser.parse(response.body).get(page) != simdjson::SUCCESS || !page.is_object()) {
      outcome.error = "list " + Describe() + ": the answer is not a JSON object";
      return outcome;
    }
    std::string_view value;
    if (page.at_pointer("/metadata/resourceVersion").get_string().get(value) == simdjson::SUCCESS &&
        list_rv.empty())
      list_rv = value;
    continue_token.clear();
    if (page.at_pointer("/metadata/continue").get_string().get(value) == simdjson::SUCCESS)
      continue_token = value;
    if (!continue_token.empty()) next = fetch(ListPath(continue_token));
    simdjson::dom::array items;
    if (page["items"].get_array().get(items) == simdjson::SUCCESS) {
      for (simdjson::dom::element item : items) {
        DecodedObject decoded = DecodeApiObject(item, resource_, scratch);
        if (decoded.problem) {
          ++decode_errors;
          keep.insert(decoded.namespace_.empty() ? decoded.name : decoded.namespace_ + "/" + decoded.name);
          spdlog::warn("skipping {} from list: {}", resource_.kind, decoded.problem->ToString());
        } else if (decoded.object) {
          objects.push_back(std::move(*decoded.object));
        }
      }
    }
  } while (!continue_token.empty());

  if (list_rv.empty()) {
    outcome.error = "list " + Describe() + ": the answer has no metadata.resourceVersion";
    return outcome;
  }
  store_.Replace(resource_.kind, options_.namespace_, std::move(objects), keep);
  store_.MarkSynced(resource_.kind, options_.namespace_);
  std::lock_guard lock(mu_);
  last_rv_ = list_rv;
  ++stats_.lists;
  stats_.decode_errors += decode_errors;
  outcome.ok = true;
  return outcome;
}

bool Reflector::HandleWatchLine(std::string_view line, WatchOutcome& outcome) {
  simdjson::dom::parser& parser = line_parser_;
  simdjson::dom::element event;
  if (parser.parse(line.data(), line.size()).get(event) != simdjson::SUCCESS || !event.is_object()) {
    outcome.end = WatchEnd::kFailed;
    outcome.error = "watch " + Describe() + ": a line that is not a JSON object";
    return false;
  }
  std::string_view type;
  simdjson::dom::element object;
  if (event["type"].get_string().get(type) != simdjson::SUCCESS ||
      event["object"].get(object) != simdjson::SUCCESS || !object.is_object()) {
    outcome.end = WatchEnd::kFailed;
    outcome.error = "watch " + Describe() + ": an event without type or object";
    return false;
  }
  ++outcome.events;
  if (type == "ERROR") {
    int64_t code = 0;
    if (object["code"].get_int64().get(code) != simdjson::SUCCESS) code = 0;
    const std::string_view reason = StringAt(object, "/reason");
    const std::string_view message = StringAt(object, "/message");
    outcome.end = IsExpired(code, reason) ? WatchEnd::kRelist : WatchEnd::kFailed;
    outcome.error = "watch " + Describe() + ": ERROR event " + std::to_string(code) + " " +
                    std::string(reason) + ": " + std::string(message);
    return false;
  }

  const std::string_view rv = StringAt(object, "/metadata/resourceVersion");
  bool applied = false;
  if (type == "ADDED" || type == "MODIFIED") {
    DecodedObject decoded = DecodeApiObject(object, resource_, scratch_parser_);
    if (decoded.problem) {
      spdlog::warn("skipping {} event: {}", std::string(type), decoded.problem->ToString());
      std::lock_guard lock(mu_);
      ++stats_.decode_errors;
    } else if (decoded.object) {
      store_.Apply(std::move(*decoded.object));
      applied = true;
    }
  } else if (type == "DELETED") {
    store_.Remove(resource_.kind, StringAt(object, "/metadata/namespace"),
                  StringAt(object, "/metadata/name"));
    applied = true;
  } else if (type != "BOOKMARK") {
    spdlog::warn("watch {}: ignoring event of unknown type {}", Describe(), std::string(type));
  }
  std::lock_guard lock(mu_);
  if (!rv.empty()) last_rv_ = rv;
  if (applied) ++stats_.events;
  return true;
}

Reflector::WatchOutcome Reflector::Watch(std::stop_token stop) {
  WatchOutcome outcome;
  const auto min = options_.min_watch_timeout.count();
  const auto max = std::max(options_.max_watch_timeout.count(), min + 1);
  const auto timeout_ms = std::uniform_int_distribution<long long>(min, max - 1)(rng_);
  const long timeout_seconds = std::max<long>(1, static_cast<long>(timeout_ms / 1000));
  std::string path;
  {
    std::lock_guard lock(mu_);
    ++stats_.watches;
    path = WatchPath(last_rv_, timeout_seconds);
  }
  bool ended_by_handler = false;
  ApiResponse response = api_.Stream(
      path,
      [&](std::string_view line) {
        if (HandleWatchLine(line, outcome)) return true;
        ended_by_handler = true;
        return false;
      },
      std::chrono::milliseconds(timeout_seconds * 1000) + options_.watch_timeout_slack, stop);

  if (stop.stop_requested()) {
    outcome.end = WatchEnd::kStopped;
  } else if (ended_by_handler) {
    // outcome.end was set by the line handler.
  } else if (response.transport_failed()) {
    outcome.end = WatchEnd::kFailed;
    outcome.error = "watch " + Describe() + ": " + response.Describe();
  } else if (IsExpired(response.status, response.reason) || IsTooLargeResourceVersion(response)) {
    outcome.end = WatchEnd::kRelist;
    outcome.error = "watch " + Describe() + ": " + response.Describe();
  } else if (!response.ok()) {
    outcome.end = WatchEnd::kFailed;
    outcome.error = "watch " + Describe() + ": " + response.Describe();
    outcome.retry_after = std::chrono::seconds(response.retry_after_seconds);
  } else {
    outcome.end = WatchEnd::kResume;
  }
  return outcome;
}

void Reflector::Run(std::stop_token stop) {
  Backoff backoff(options_.backoff, options_.seed);
  auto fail = [&](const std::string& error, std::chrono::milliseconds retry_after) {
    {
      std::lock_guard lock(mu_);
      ++stats_.failures;
    }
    // A server that said how long to wait (429 Too Many Requests) is not asked again sooner.
    const auto wait = std::max(backoff.Next(), retry_after);
    spdlog::warn("{}; retrying in {} ms", error, wait.count());
    return SleepFor(wait, stop);
  };
  bool need_list = true;
  while (!stop.stop_requested()) {
    if (need_list) {
      ListOutcome listed = List(stop);
      if (stop.stop_requested()) break;
      if (!listed.ok) {
        fail(listed.error, listed.retry_after);
        continue;
      }
      need_list = false;
      backoff.Reset();
    }
    WatchOutcome watched = Watch(stop);
    switch (watched.end) {
      case WatchEnd::kStopped:
        return;
      case WatchEnd::kRelist:
        spdlog::info("{}; relisting", watched.error);
        need_list = true;
        break;
      case WatchEnd::kFailed:
        fail(watched.error, watched.retry_after);
        break;
      case WatchEnd::kResume:
        // A stream that closes at once with nothing in it would otherwise spin.
        if (watched.events == 0) {
          SleepFor(backoff.Next(), stop);
        } else {
          backoff.Reset();
        }
        break;
    }
  }
}

}  // namespace kic::kube::client
