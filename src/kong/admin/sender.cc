#include "kong/admin/sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "common/strings.h"

namespace kic::kong::admin {
namespace {

using Clock = std::chrono::steady_clock;

struct CurlMultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};

enum class Step { kCheckStatus, kPost, kWaitRetry, kDone };

struct InstanceJob {
  const AdminClient* client = nullptr;
  InstancePushResult result;
  Step step = Step::kPost;
  std::unique_ptr<HttpExchange> exchange;
  Clock::time_point started;
  Clock::time_point retry_at;
};

bool IsTransient(const HttpResult& http) {
  if (!http.HasResponse()) return true;
  return http.status >= 500 || http.status == 429 || http.status == 413;
}

std::string KongMessage(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return "";
  const auto it = json.find("message");
  return it != json.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string FailureText(const HttpResult& http) {
  constexpr std::string_view kPrefix = "config update failed: failed to reload declarative configuration: ";
  if (!http.HasResponse())
    return std::string(kPrefix) + "failed posting new config to /config: " + http.transport_error;
  return std::string(kPrefix) + "HTTP status " + std::to_string(http.status) +
         " (message: \"failed posting new config to /config\")";
}

// Drives all jobs of one push through one curl multi handle.
class PushRun {
 public:
  // `check_only`: status checks without POSTs; an instance that would need the config ends kFailed.
  PushRun(std::vector<InstanceJob>& jobs, const ConfigPayload& payload, const RetryPolicy& policy,
          std::mt19937& random, bool check_only = false)
      : jobs_(jobs),
        payload_(payload),
        policy_(policy),
        random_(random),
        check_only_(check_only),
        multi_(curl_multi_init()) {}

  void Run() {
    for (auto& job : jobs_) Start(job);
    while (!AllDone()) {
      const auto now = Clock::now();
      for (auto& job : jobs_)
        if (job.step == Step::kWaitRetry && job.retry_at <= now) Start(job);
      int running = 0;
      curl_multi_perform(multi_.get(), &running);
      CollectFinished();
      if (AllDone()) break;
      curl_multi_poll(multi_.get(), nullptr, 0, WaitMillis(), nullptr);
    }
  }

 private:
  void Start(InstanceJob& job) {
    if (job.step == Step::kWaitRetry) job.step = Step::kPost;
    if (job.step == Step::kPost) {
      ++job.result.attempts;
      job.exchange = job.client->Prepare("POST", kConfigPath, *payload_.pieces);
      job.exchange->DiscardSuccessBody();
    } else {
      job.exchange = job.client->Prepare("GET", "/status");
    }
    CURL* handle = job.exchange->Handle();
    if (handle == nullptr || !multi_) {
      Finish(job, job.exchange->Complete(CURLE_FAILED_INIT));
      return;
    }
    curl_easy_setopt(handle, CURLOPT_PRIVATE, &job);
    curl_multi_add_handle(multi_.get(), handle);
  }

  void CollectFinished() {
    std::vector<std::pair<InstanceJob*, CURLcode>> finished;
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_.get(), &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      char* job = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &job);
      curl_multi_remove_handle(multi_.get(), message->easy_handle);
      finished.emplace_back(reinterpret_cast<InstanceJob*>(job), message->data.result);
    }
    for (auto& [job, code] : finished) Finish(*job, job->exchange->Complete(code));
  }

  void Finish(InstanceJob& job, HttpResult http) {
    job.exchange.reset();
    if (job.step == Step::kCheckStatus) {
      OnStatus(job, http);
    } else {
      OnPost(job, http);
    }
  }

  // Same hash as last accepted: skip unless Kong reports the empty config (it restarted and lost it). When
  // the status check itself fails, push anyway: the POST decides whether Kong is reachable.
  void OnStatus(InstanceJob& job, const HttpResult& http) {
    if (http.status == 200) {
      const auto status = ParseStatus(http.body);
      if (status.info && status.info->configuration_hash != kEmptyConfigurationHash &&
          !status.info->configuration_hash.empty()) {
        job.result.outcome = PushOutcome::kUnchanged;
        job.result.skipped = true;
        Done(job);
        return;
      }
    }
    if (check_only_) {
      job.result.error = "the instance does not hold the configuration";
      Done(job);
      return;
    }
    job.step = Step::kPost;
    Start(job);
  }

  void OnPost(InstanceJob& job, const HttpResult& http) {
    auto& result = job.result;
    result.http_status = http.status;
    result.error.clear();
    // A success echoes the whole configuration back (megabytes): only failures carry a message worth parsing.
    const bool success =
        http.HasResponse() && (http.status == 200 || http.status == 201 || http.status == 204);
    result.kong_message = http.HasResponse() && !success && http.status != 304 ? KongMessage(http.body) : "";
    if (success) {
      result.outcome = PushOutcome::kApplied;
    } else if (http.HasResponse() && http.status == 304) {
      result.outcome = PushOutcome::kUnchanged;
    } else if (http.HasResponse() && http.status == 400) {
      const auto parsed = ParseKongConfigError(http.body);
      if (parsed) {
        result.outcome = PushOutcome::kRejected;
        result.entity_errors = parsed->entities;
        result.error = "HTTP status 400 (message: \"failed posting new config to /config\")";
      } else {
        result.outcome = PushOutcome::kFailed;
        result.error =
            "config update failed: failed to parse flat entity errors from error response: failed to parse "
            "Kong "
            "error response";
      }
    } else if (IsTransient(http) && result.attempts < policy_.max_attempts) {
      job.step = Step::kWaitRetry;
      job.retry_at = Clock::now() + RetryDelay(policy_, result.attempts + 1, http.retry_after, random_);
      return;
    } else {
      result.outcome = PushOutcome::kFailed;
      result.error = FailureText(http);
    }
    Done(job);
  }

  void Done(InstanceJob& job) {
    job.step = Step::kDone;
    job.result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - job.started);
  }

  bool AllDone() const {
    return std::all_of(jobs_.begin(), jobs_.end(),
                       [](const InstanceJob& j) { return j.step == Step::kDone; });
  }

  // How long curl_multi_poll may sleep: until the earliest retry, and never long so that new work is seen.
  int WaitMillis() const {
    auto wait = std::chrono::milliseconds(100);
    const auto now = Clock::now();
    for (const auto& job : jobs_) {
      if (job.step != Step::kWaitRetry) continue;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(job.retry_at - now);
      wait = std::clamp(left, std::chrono::milliseconds(0), wait);
    }
    return static_cast<int>(wait.count());
  }

  std::vector<InstanceJob>& jobs_;
  const ConfigPayload& payload_;
  const RetryPolicy& policy_;
  std::mt19937& random_;
  const bool check_only_;
  std::unique_ptr<CURLM, CurlMultiDeleter> multi_;
};

}  // namespace

ConfigPayload ConfigPayload::FromBody(std::string body) {
  struct Owned {
    std::string text;
    std::vector<std::string_view> pieces;
  };
  auto owned = std::make_shared<Owned>();
  owned->text = std::move(body);
  owned->pieces.push_back(owned->text);
  ConfigPayload payload;
  payload.hash = Sha256Hex(owned->text);
  payload.size = owned->text.size();
  payload.pieces = std::shared_ptr<const std::vector<std::string_view>>(owned, &owned->pieces);
  return payload;
}

std::string ConfigPayload::Text() const {
  std::string text;
  text.reserve(size);
  for (const auto piece : *pieces) text.append(piece);
  return text;
}

std::string_view ToString(PushOutcome outcome) {
  switch (outcome) {
    case PushOutcome::kApplied:
      return "applied";
    case PushOutcome::kUnchanged:
      return "unchanged";
    case PushOutcome::kRejected:
      return "rejected";
    case PushOutcome::kFailed:
      return "failed";
  }
  return "unknown";
}

bool PushReport::AllSucceeded() const {
  return std::all_of(instances.begin(), instances.end(), [](const auto& r) { return r.Succeeded(); });
}

std::vector<EntityProblem> PushReport::Problems() const {
  std::vector<EntityProblem> problems;
  for (const auto& instance : instances) {
    auto more = ProblemsFromFlatErrors(instance.entity_errors);
    problems.insert(problems.end(), more.begin(), more.end());
  }
  return problems;
}

ConfigSender::ConfigSender(RetryPolicy policy, std::uint32_t seed) : policy_(policy), random_(seed) {}

std::optional<std::string> ConfigSender::AppliedHash(const std::string& base_url) const {
  const auto it = applied_hash_.find(base_url);
  if (it == applied_hash_.end()) return std::nullopt;
  return it->second;
}

std::vector<AdminClient> ConfigSender::Lacking(std::span<const AdminClient> clients,
                                               const std::string& hash) {
  std::vector<AdminClient> lacking;
  std::vector<InstanceJob> jobs;
  for (const auto& client : clients) {
    const auto known = applied_hash_.find(client.base_url());
    if (known == applied_hash_.end() || known->second != hash) {
      lacking.push_back(client);
      continue;
    }
    InstanceJob& job = jobs.emplace_back();
    job.client = &client;
    job.result.base_url = client.base_url();
    job.step = Step::kCheckStatus;
    job.started = Clock::now();
  }
  if (!jobs.empty()) {
    try {
      PushRun(jobs, ConfigPayload{}, policy_, random_, /*check_only=*/true).Run();
    } catch (const std::exception&) {
      // Allocation failure: treat the unanswered as lacking; a push decides.
    }
  }
  for (const auto& job : jobs)
    if (!job.result.Succeeded()) lacking.push_back(*job.client);
  return lacking;
}

PushReport ConfigSender::Push(std::span<const AdminClient> clients, const ConfigPayload& payload,
                              PushOptions options) {
  const auto started = Clock::now();
  PushReport report;
  report.hash = payload.hash;
  report.config_bytes = payload.size;

  std::vector<InstanceJob> jobs(clients.size());
  for (size_t i = 0; i < clients.size(); ++i) {
    auto& job = jobs[i];
    job.client = &clients[i];
    job.result.base_url = clients[i].base_url();
    job.started = started;
    const auto known = applied_hash_.find(job.result.base_url);
    const bool unchanged = known != applied_hash_.end() && known->second == payload.hash;
    job.step = unchanged && !options.force ? Step::kCheckStatus : Step::kPost;
  }
  try {
    PushRun(jobs, payload, policy_, random_).Run();
  } catch (const std::exception& e) {
    // Only allocation failures can get here; report them rather than crash the sync loop.
    for (auto& job : jobs) {
      if (job.result.outcome == PushOutcome::kFailed && job.result.error.empty())
        job.result.error = std::string("config update failed: ") + e.what();
    }
  }

  for (auto& job : jobs) {
    if (job.result.Succeeded()) applied_hash_[job.result.base_url] = payload.hash;
    report.instances.push_back(std::move(job.result));
  }
  report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  return report;
}

}  // namespace kic::kong::admin
