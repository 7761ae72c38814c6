// GET /openapi.json.
#include "server/openapi_handler.h"

#include <string>

namespace keyledger::server {

void AddOpenApiRoute(Router& router) {
  router.Add("GET", "/openapi.json", Access::kPublic, [](const Request&, RequestContext&) {
    Response r;
    r.content_type = "application/json";
    r.body = std::string(OpenApiDocument());
    return r;
  });
}

}  // namespace keyledger::server
