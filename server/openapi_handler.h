// GET /openapi.json: the OpenAPI 3.1 description of the whole API (docs/openapi.json), compiled
// into the binary at build time so the server does not depend on its working directory.
#pragma once

#include <string_view>

#include "server/router.h"

namespace keyledger::server {

// The text of docs/openapi.json as of the last CMake configure (defined in the generated
// openapi_document.cc, see server/CMakeLists.txt and openapi_document.cc.in).
std::string_view OpenApiDocument();

// Adds the public route GET /openapi.json answering OpenApiDocument() as application/json.
void AddOpenApiRoute(Router& router);

}  // namespace keyledger::server
