// Segment-wise route matching. Route counts are small (tens), so a linear scan is enough.
#include "server/router.h"

#include <stdexcept>

namespace keyledger::server {

namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  if (!path.empty() && path[0] == '/') i = 1;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool IsParam(const std::string& s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }

// Number of literal segments: more literals = more specific.
int Specificity(const Route& r) {
  int n = 0;
  for (const auto& s : r.segments) n += IsParam(s) ? 0 : 1;
  return n;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Access access, Handler handler) {
  for (const auto& r : routes_)
    if (r.method == method && r.pattern == pattern)
      throw std::invalid_argument("duplicate route " + method + " " + pattern);
  Route r{std::move(method), pattern, Split(pattern), access, std::move(handler)};
  routes_.push_back(std::move(r));
}

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  std::vector<std::string> segs = Split(path);
  int best = -1;
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      if (IsParam(r.segments[i])) {
        auto decoded = segs[i].empty() ? std::nullopt : PercentDecode(segs[i], false);
        if (!decoded) ok = false;
        else params.emplace_back(r.segments[i].substr(1, r.segments[i].size() - 2), *decoded);
      } else {
        ok = r.segments[i] == segs[i];
      }
    }
    if (!ok) continue;
    if (r.method != method) {
      if (!result.allow.empty()) result.allow += ", ";
      result.allow += r.method;
      if (result.kind == RouteMatch::Kind::kNotFound) result.kind = RouteMatch::Kind::kMethodNotAllowed;
      continue;
    }
    int spec = Specificity(r);
    if (spec > best) {
      best = spec;
      result.kind = RouteMatch::Kind::kFound;
      result.route = &r;
      result.params = std::move(params);
    }
  }
  return result;
}

std::vector<std::pair<std::string, std::string>> Router::List() const {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_) out.emplace_back(r.method, r.pattern);
  return out;
}

}  // namespace keyledger::server
