#include "watch_session.h"

namespace kic::kubefake {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::chrono::milliseconds kMaxWait{250};  // how often a quiet watch checks for shutdown

}  // namespace

std::variant<std::unique_ptr<WatchSession>, ApiError> WatchSession::Open(const ObjectStore& store,
                                                                         WatchHub& hub, WatchOptions options,
                                                                         EventRenderer render) {
  // An RV this server never issued (a client from before a restart) could never see events: send it
  // to relist, as it would after a compaction.
  if (options.start_rv && *options.start_rv > store.CurrentResourceVersion()) {
    return Expired("too large resource version: " + std::to_string(*options.start_rv) + " (" +
                   std::to_string(store.CurrentResourceVersion()) + ")");
  }
  if (options.start_rv && !store.EventsAfter(options.type->StorageKey(), *options.start_rv)) {
    return Expired("too old resource version: " + std::to_string(*options.start_rv) + " (" +
                   std::to_string(store.CompactedResourceVersion()) + ")");
  }
  return std::make_unique<WatchSession>(store, hub, std::move(options), std::move(render));
}

WatchSession::WatchSession(const ObjectStore& store, WatchHub& hub, WatchOptions options,
                           EventRenderer render)
    : store_(store),
      hub_(hub),
      registration_(hub),
      options_(std::move(options)),
      render_(std::move(render)),
      seen_(hub.Current()),
      next_bookmark_(Clock::now() + options_.bookmark_interval) {
  if (options_.start_rv) {
    cursor_ = *options_.start_rv;
  } else {
    // The list and its resourceVersion come from one locked read, so no change falls in between.
    auto listed = store_.List(options_.type->StorageKey(), options_.ns, std::nullopt);
    auto& snapshot = std::get<ListSnapshot>(listed);
    cursor_ = snapshot.resource_version;
    for (auto& item : snapshot.items) {
      if (Matches(item)) initial_.push_back(std::move(item));
    }
    initial_pending_ = true;
  }
}

bool WatchSession::Matches(const ObjectRef& stored) const {
  if (!stored) return false;
  const json& object = stored->object;
  if (!object.is_object() || !object.contains("metadata")) return false;
  if (!options_.ns.empty() && object["metadata"].value("namespace", "") != options_.ns) return false;
  return options_.labels.Matches(object) && options_.fields.Matches(object);
}

void WatchSession::AppendEvent(std::string_view type, const StoredObject& object, std::string* out) const {
  out->append("{\"type\":\"");
  out->append(type);
  out->append("\",\"object\":");
  render_(object, out);
  out->append("}\n");
}

void WatchSession::AppendBookmark(std::string* out, bool initial_events_end) const {
  json metadata = {{"resourceVersion", std::to_string(cursor_)}};
  if (initial_events_end) metadata["annotations"] = {{"k8s.io/initial-events-end", "true"}};
  json event = {{"type", "BOOKMARK"},
                {"object",
                 {{"kind", options_.type->kind},
                  {"apiVersion", options_.type->ApiVersion(options_.version)},
                  {"metadata", metadata}}}};
  *out += event.dump();
  *out += '\n';
}

WatchSession::Step WatchSession::Next(std::string* out) {
  if (initial_pending_) {
    initial_pending_ = false;
    for (const auto& object : initial_) AppendEvent("ADDED", *object, out);
    initial_.clear();
    if (options_.send_initial_events && options_.allow_bookmarks) AppendBookmark(out, true);
    return Step::kContinue;
  }

  auto now = Clock::now();
  auto wake = now + kMaxWait;
  if (options_.deadline && *options_.deadline < wake) wake = *options_.deadline;
  if (options_.allow_bookmarks && next_bookmark_ < wake) wake = next_bookmark_;
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now);
  WatchHub::Signals signals = hub_.WaitForChange(seen_, std::max(wait, std::chrono::milliseconds(0)));

  if (signals.stopping) return Step::kEnd;
  if (signals.drop_epoch != seen_.drop_epoch) return signals.abrupt_drop ? Step::kAbort : Step::kEnd;

  auto batch = store_.EventsAfter(options_.type->StorageKey(), cursor_);
  if (!batch) {
    ApiError gone = Expired("too old resource version: " + std::to_string(cursor_) + " (" +
                            std::to_string(store_.CompactedResourceVersion()) + ")");
    json event = {{"type", "ERROR"}, {"object", gone.ToStatus()}};
    *out += event.dump() + "\n";
    return Step::kEnd;
  }
  for (const auto& e : batch->events) {
    // An object that starts or stops matching the selectors is ADDED or DELETED for this watch.
    bool now_matches = e.type != "DELETED" && Matches(e.object);
    bool matched_before = Matches(e.previous);
    if (e.type == "DELETED" && matched_before) {
      AppendEvent("DELETED", *e.object, out);
    } else if (now_matches && matched_before) {
      AppendEvent("MODIFIED", *e.object, out);
    } else if (now_matches) {
      AppendEvent("ADDED", *e.object, out);
    } else if (matched_before) {
      AppendEvent("DELETED", *e.object, out);
    }
  }
  cursor_ = batch->up_to;

  bool bookmark_requested = signals.bookmark_epoch != seen_.bookmark_epoch;
  seen_ = signals;
  now = Clock::now();
  bool timed_out = options_.deadline && now >= *options_.deadline;
  if (options_.allow_bookmarks && (bookmark_requested || now >= next_bookmark_ || timed_out)) {
    AppendBookmark(out, false);
    next_bookmark_ = now + options_.bookmark_interval;
  }
  return timed_out ? Step::kEnd : Step::kContinue;
}

}  // namespace kic::kubefake
