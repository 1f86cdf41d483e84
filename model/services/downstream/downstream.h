#pragma once
// A generic downstream dependency (a database or third-party API) with a capacity and a
// latency, so overload of what the functions call is visible.

#include "model/services/paramdecl.h"
#include "model/services/servicemodule.h"

namespace swb::downstream {

enum class Protocol { Database, HttpApi };

} // namespace swb::downstream

namespace swb {
SWB_CHOICE_TEXTS(downstream::Protocol, "Database", "HTTP API");
}

namespace swb::downstream {

// clang-format off
#define SWB_DOWNSTREAM_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                        \
    CHOICE(protocol, Protocol, "Kind",                                                           \
           "A database or a third-party HTTP API. As an SNS subscriber an HTTP API follows "     \
           "the HTTP/S delivery policy (3 retries 20 s apart by default).")                      \
    REAL(capacity, "Capacity", "req/s", 500, 0.001, 1e7, nullptr,                                \
         "Requests per second it can serve; above that requests fail (and flow back as "        \
         "function errors and retries).")                                                        \
    INT(maxConnections, "Max connections", "", 100, 1, 1000000, nullptr,                         \
        "Concurrent requests it accepts; more are refused.")                                     \
    REAL(latency, "Latency", "ms", 20, 0.01, 60000, nullptr, "Mean time to answer one request.") \
    REAL(errorRate, "Error rate", "", 0, 0, 1, nullptr,                                          \
         "Fraction of requests that fail even when not overloaded.")
// clang-format on

struct Params {
    SWB_PARAM_FIELDS(SWB_DOWNSTREAM_PARAMS)
    static Params of(const QVariantMap &p);
};

namespace key {
SWB_PARAM_KEYS(SWB_DOWNSTREAM_PARAMS)
}

const ServiceModule &module();

} // namespace swb::downstream
