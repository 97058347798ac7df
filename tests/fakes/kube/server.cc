#include "server.h"

#include <httplib.h>
#include <zlib.h>

#include <thread>

namespace kic::kubefake {

namespace {

// Watches hold a thread each for their whole life (cpp-httplib is blocking), and a controller
// plus kubectl open a few dozen; keep plenty.
constexpr size_t kWorkerThreads = 96;

// The query string, form-decoded from the raw target: Go clients encode spaces as '+' (kubectl sends
// labelSelector=tier+notin+%28x%29), which cpp-httplib's own parameter parsing keeps as '+'.
std::map<std::string, std::string> ParseQuery(const std::string& target) {
  std::map<std::string, std::string> query;
  size_t q = target.find('?');
  if (q == std::string::npos) return query;
  std::string text = target.substr(q + 1);
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('&', start);
    if (end == std::string::npos) end = text.size();
    std::string pair = text.substr(start, end - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string key = pair.substr(0, eq);
      std::string value = eq == std::string::npos ? "" : pair.substr(eq + 1);
      query[httplib::detail::decode_url(key, true)] = httplib::detail::decode_url(value, true);
    }
    start = end + 1;
  }
  return query;
}

ApiRequest ToApiRequest(const httplib::Request& req) {
  ApiRequest r;
  r.method = req.method;
  r.path = req.path;
  r.query = ParseQuery(req.target);
  r.body = req.body;
  r.content_type = req.get_header_value("Content-Type");
  r.accept = req.get_header_value("Accept");
  r.accept_encoding = req.get_header_value("Accept-Encoding");
  return r;
}

void Send(const ApiResponse& response, httplib::Response& res) {
  res.status = response.status;
  for (const auto& [k, v] : response.headers) res.set_header(k, v);
  res.set_content(response.body, response.content_type);
}

// gzip at level 1 (deflate with a gzip wrapper), or nullopt if zlib fails.
std::optional<std::string> Gzip(const std::string& in) {
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out(deflateBound(&z, in.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

// Big JSON answers (LIST pages) are encoded as kube-apiserver does: gzip at level 1 above 128 KiB
// when the client accepts it, identity otherwise. Left to cpp-httplib, they would be compressed at
// its defaults, brotli quality 11 for clients that accept br (curl's default list), which took
// 300 ms of CPU per 500-object page. The media type carries a charset so httplib leaves it alone.
void SendApi(const ApiRequest& request, ApiResponse response, httplib::Response& res) {
  constexpr size_t kGzipThreshold = 128 * 1024;
  if (response.body.size() <= kGzipThreshold || response.content_type != "application/json") {
    Send(response, res);
    return;
  }
  response.content_type = "application/json; charset=utf-8";
  if (request.accept_encoding.find("gzip") != std::string::npos) {
    if (auto gzipped = Gzip(response.body)) {
      response.body = std::move(*gzipped);
      response.headers.emplace_back("Content-Encoding", "gzip");
    }
  }
  Send(response, res);
}

void SendError(const ApiError& error, httplib::Response& res) {
  ApiResponse r;
  r.status = error.code;
  r.body = error.ToStatus().dump();
  if (error.retry_after_seconds > 0)
    r.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
  Send(r, res);
}

bool IsWatch(const ApiRequest& request) {
  std::string w = request.Param("watch");
  return w == "1" || w == "true";
}

}  // namespace

KubeTestServer::KubeTestServer(ResourceCatalog catalog, ServerOptions options)
    : catalog_(std::move(catalog)),
      options_(std::move(options)),
      store_(options_.history_limit),
      faults_(options_.token),
      api_(catalog_, store_, options_.bookmark_interval),
      controls_(store_, hub_, faults_, api_) {
  store_.SetChangeListener([this](int64_t rv) { hub_.Publish(rv); });
  api_.CreateStandardNamespaces();
  if (!options_.cert_file.empty() && !options_.key_file.empty()) {
    http_ = std::make_unique<httplib::SSLServer>(options_.cert_file.c_str(), options_.key_file.c_str());
  } else {
    http_ = std::make_unique<httplib::Server>();
  }
  // cpp-httplib takes ownership of the queue it gets from this factory (its API needs a raw pointer).
  http_->new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  // Idle keep-alive connections delay a stop by up to this long; long enough that clients rarely race
  // a server-side close with a new request.
  http_->set_keep_alive_timeout(2);
  http_->set_keep_alive_max_count(1000);
  // Headers and body go out as separate writes: with Nagle on, a reused connection waits for the
  // client's delayed ACK (40 ms) on every response. Go's API server sets TCP_NODELAY too.
  http_->set_tcp_nodelay(true);
  auto route = [this](const httplib::Request& req, httplib::Response& res) { Route(req, res); };
  http_->Get(".*", route);
  http_->Post(".*", route);
  http_->Put(".*", route);
  http_->Patch(".*", route);
  http_->Delete(".*", route);
}

KubeTestServer::~KubeTestServer() {
  Stop();
}

std::variant<int, std::string> KubeTestServer::Bind() {
  if (!http_->is_valid()) return std::string("cannot set up TLS with the given --cert/--key");
  int port = options_.port;
  if (port == 0) {
    port = http_->bind_to_any_port(options_.host);
    if (port <= 0) return "cannot bind " + options_.host;
  } else if (!http_->bind_to_port(options_.host, port)) {
    return "cannot bind " + options_.host + ":" + std::to_string(port);
  }
  std::string host = options_.host.find(':') != std::string::npos ? "[" + options_.host + "]" : options_.host;
  discovery_ = std::make_unique<Discovery>(catalog_, host + ":" + std::to_string(port));
  return port;
}

void KubeTestServer::Serve() {
  http_->listen_after_bind();
}

void KubeTestServer::Stop() {
  hub_.Stop();
  if (http_) http_->stop();
}

void KubeTestServer::Route(const httplib::Request& req, httplib::Response& res) {
  // The boundary of one request: whatever escapes the handlers becomes a 500 Status.
  try {
    RouteRequest(req, res);
  } catch (const std::exception& e) {
    SendError(InternalError(e.what()), res);
  }
}

void KubeTestServer::NoteConnection(const httplib::Request& req) {
  std::lock_guard lock(connections_mu_);
  connections_.emplace(req.remote_addr, req.remote_port);
}

void KubeTestServer::RouteRequest(const httplib::Request& req, httplib::Response& res) {
  ApiRequest request = ToApiRequest(req);
  if (request.path.rfind("/_test/", 0) == 0) {
    if (request.path == "/_test/connections" || request.path == "/_test/reset") {
      std::lock_guard lock(connections_mu_);
      if (request.method != "GET") connections_.clear();
      if (request.path == "/_test/connections") {
        ApiResponse counted;
        counted.body = "{\"connections\":" + std::to_string(connections_.size()) + "}";
        Send(counted, res);
        return;
      }
    }
    Send(controls_.Handle(request), res);
    return;
  }
  NoteConnection(req);
  if (auto token = faults_.Token()) {
    if (req.get_header_value("Authorization") != "Bearer " + *token) {
      SendError(Unauthorized(), res);
      return;
    }
  }
  FaultInjector::Verdict verdict = faults_.OnRequest();
  if (verdict.stall.count() > 0) std::this_thread::sleep_for(verdict.stall);
  if (verdict.failure) {
    SendError(*verdict.failure, res);
    return;
  }
  if (request.method == "GET" && discovery_) {
    if (auto doc = discovery_->Lookup(request.path)) {
      ApiResponse found;
      found.body = doc->dump();
      Send(found, res);
      return;
    }
  }
  auto path = ParseResourcePath(catalog_, request.path);
  if (!path) {
    SendError({404, "NotFound", "the server could not find the requested resource"}, res);
    return;
  }
  if (request.method == "GET" && IsWatch(request)) {
    ServeWatch(request, *path, res);
    return;
  }
  SendApi(request, api_.Handle(request, *path), res);
}

void KubeTestServer::ServeWatch(const ApiRequest& request, const ResourcePath& path, httplib::Response& res) {
  auto plan = api_.PlanWatch(request, path);
  if (auto* error = std::get_if<ApiError>(&plan)) {
    SendError(*error, res);
    return;
  }
  auto& [options, render] = std::get<WatchPlan>(plan);
  auto opened = WatchSession::Open(store_, hub_, std::move(options), std::move(render));
  if (auto* error = std::get_if<ApiError>(&opened)) {
    SendError(*error, res);
    return;
  }
  std::shared_ptr<WatchSession> session = std::move(std::get<std::unique_ptr<WatchSession>>(opened));
  res.status = 200;
  auto stream = [session](size_t, httplib::DataSink& sink) {
    std::string out;
    WatchSession::Step step = WatchSession::Step::kAbort;
    try {
      step = session->Next(&out);
    } catch (const std::exception&) {
      return false;  // an event that cannot be encoded ends this watch; the client re-watches
    }
    if (!out.empty() && !sink.write(out.data(), out.size())) return false;
    if (step == WatchSession::Step::kAbort) return false;
    if (step == WatchSession::Step::kEnd) sink.done();
    return true;
  };
  // Not plain "application/json": cpp-httplib would gzip that for Go clients (Accept-Encoding: gzip)
  // and its compressor holds events back until it has a block. The media type is what clients parse.
  res.set_chunked_content_provider("application/json; charset=utf-8", stream);
}

}  // namespace kic::kubefake
