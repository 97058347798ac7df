#include "http_helpers.h"

#include <thread>

namespace kic::e2e {

using nlohmann::json;

HttpResult ApiClient::Call(const std::string& method, const std::string& path, const std::string& body,
                           const std::string& content_type, const httplib::Headers& headers) const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(5);
  client.set_read_timeout(15);
  client.set_url_encode(false);  // paths are already encoded, with "+" for spaces as Go sends them
  auto send = [&]() -> httplib::Result {
    if (method == "POST") return client.Post(path.c_str(), headers, body, content_type.c_str());
    if (method == "PUT") return client.Put(path.c_str(), headers, body, content_type.c_str());
    if (method == "PATCH") return client.Patch(path.c_str(), headers, body, content_type.c_str());
    if (method == "DELETE") return client.Delete(path.c_str(), headers, body, content_type.c_str());
    return client.Get(path.c_str(), headers);
  };
  httplib::Result r = send();
  HttpResult out;
  if (!r) return out;
  out.status = r->status;
  out.raw = r->body;
  out.headers = r->headers;
  out.body = json::parse(r->body, nullptr, false);
  return out;
}

std::vector<json> ApiClient::Watch(const std::string& path,
                                   const std::function<bool(const std::vector<json>&)>& enough,
                                   int* status) const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(5);
  client.set_read_timeout(15);
  client.set_url_encode(false);  // paths are already encoded, with "+" for spaces as Go sends them
  std::vector<json> events;
  std::string pending;
  auto result = client.Get(
      path.c_str(), httplib::Headers{},
      [&](const httplib::Response& response) {
        if (status != nullptr) *status = response.status;
        return true;
      },
      [&](const char* data, size_t length) {
        pending.append(data, length);
        size_t nl;
        while ((nl = pending.find('\n')) != std::string::npos) {
          events.push_back(json::parse(pending.substr(0, nl), nullptr, false));
          pending.erase(0, nl + 1);
        }
        return !enough(events);
      });
  // A non-200 answer's body is a Status; report it as the only "event".
  if (result && result->status != 200 && !pending.empty())
    events.push_back(json::parse(pending, nullptr, false));
  return events;
}

bool ApiClient::WaitForWatches(int count) const {
  for (int attempt = 0; attempt < 500; ++attempt) {
    HttpResult r = Get("/_test/watches");
    if (r.status == 200 && r.body.value("active", 0) >= count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace kic::e2e
