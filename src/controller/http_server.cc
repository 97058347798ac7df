#include "controller/http_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "common/strings.h"

namespace kic::controller {
namespace {

constexpr size_t kMaxRequestHead = 16 * 1024;
constexpr int kReadTimeoutMs = 2000;
constexpr int kAcceptPollMs = 100;  // how quickly Stop() is noticed

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 400:
      return "Bad Request";
    default:
      return status >= 500 ? "Internal Server Error" : "Status";
  }
}

void WriteAll(int fd, const std::string& data) {
  size_t written = 0;
  while (written < data.size()) {
    const auto n = ::send(fd, data.data() + written, data.size() - written, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the peer went away: nothing to do
    written += static_cast<size_t>(n);
  }
}

}  // namespace

bool SplitHostPort(const std::string& address, std::string& host, int& port) {
  const auto colon = address.rfind(':');
  if (colon == std::string::npos) return false;
  host = address.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const auto parsed = ParseInt(address.substr(colon + 1));
  if (!parsed || *parsed < 0 || *parsed > 65535) return false;
  port = static_cast<int>(*parsed);
  return true;
}

HttpServer::~HttpServer() {
  Stop();
}

void HttpServer::Handle(std::string path, HttpHandler handler) {
  handlers_[std::move(path)] = std::move(handler);
}

std::string HttpServer::Start(const std::string& address) {
  std::string host;
  int port = 0;
  if (!SplitHostPort(address, host, port))
    return "bad listen address \"" + address + "\" (expected host:port)";
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const auto service = std::to_string(port);
  if (const int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found);
      rc != 0)
    return "cannot resolve \"" + host + "\": " + gai_strerror(rc);
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, &freeaddrinfo);
  std::string error = "no address to bind";
  for (const addrinfo* a = addresses.get(); a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 64) == 0) {
      sockaddr_storage bound{};
      socklen_t length = sizeof(bound);
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
      port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                                : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
      listen_fd_ = fd;
      thread_ = std::jthread([this](std::stop_token stop) { Loop(stop); });
      return "";
    }
    error = std::string("cannot listen on ") + address + ": " + std::strerror(errno);
    ::close(fd);
  }
  return error;
}

void HttpServer::Stop() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
  if (listen_fd_ >= 0) {
    ::close(listen_fd_);
    listen_fd_ = -1;
  }
}

void HttpServer::Loop(std::stop_token stop) {
  while (!stop.stop_requested()) {
    pollfd listening{listen_fd_, POLLIN, 0};
    const int ready = ::poll(&listening, 1, kAcceptPollMs);
    if (ready <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ServeConnection(fd);
    ::close(fd);
  }
}

void HttpServer::ServeConnection(int fd) const {
  std::string head;
  char buffer[4096];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < kMaxRequestHead) {
    pollfd readable{fd, POLLIN, 0};
    if (::poll(&readable, 1, kReadTimeoutMs) <= 0) return;  // a silent client: drop it
    const auto n = ::recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) return;
    head.append(buffer, static_cast<size_t>(n));
  }
  HttpResponse response;
  const auto line_end = head.find("\r\n");
  const auto parts = Split(head.substr(0, line_end == std::string::npos ? 0 : line_end), " ");
  if (parts.size() != 3) {
    response = {400, "text/plain; charset=utf-8", "bad request\n"};
  } else {
    auto path = parts[1];
    if (const auto query = path.find('?'); query != std::string::npos) path.resize(query);
    response = Dispatch(parts[0], path);
  }
  std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " + ReasonPhrase(response.status) +
                    "\r\nContent-Type: " + response.content_type +
                    "\r\nContent-Length: " + std::to_string(response.body.size()) +
                    "\r\nConnection: close\r\n\r\n";
  if (parts.empty() || parts[0] != "HEAD") out += response.body;
  WriteAll(fd, out);
}

HttpResponse HttpServer::Dispatch(const std::string& method, const std::string& path) const {
  if (method != "GET" && method != "HEAD") return {405, "text/plain; charset=utf-8", "method not allowed\n"};
  const HttpHandler* handler = nullptr;
  if (const auto exact = handlers_.find(path); exact != handlers_.end()) {
    handler = &exact->second;
  } else {
    for (const auto& [prefix, h] : handlers_) {
      if (!prefix.empty() && prefix.back() == '/' && path.rfind(prefix, 0) == 0) handler = &h;
    }
  }
  if (handler == nullptr) return {404, "text/plain; charset=utf-8", "404 page not found\n"};
  try {
    return (*handler)(path);
  } catch (const std::exception& e) {
    return {500, "text/plain; charset=utf-8", std::string("internal error: ") + e.what() + "\n"};
  }
}

}  // namespace kic::controller
