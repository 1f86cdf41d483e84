#pragma once
// Lambda (resources/help/aws-behaviour.md §1): the function block's parameters, and the
// interpretation of reserved concurrency that every layer uses.

#include "model/services/paramdecl.h"
#include "model/services/servicemodule.h"

#include <algorithm>
#include <optional>

namespace swb::lambda {

enum class Architecture { X86_64, Arm64 };

} // namespace swb::lambda

namespace swb {
SWB_CHOICE_TEXTS(lambda::Architecture, "x86_64", "arm64");
}

namespace swb::lambda {

// clang-format off
#define SWB_LAMBDA_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                            \
    INT(memory, "Memory", "MB", 128, 128, 10240, nullptr,                                        \
        "128 to 10,240 MB in 1 MB steps; CPU grows with memory (1,769 MB is about one "          \
        "vCPU). Billed per GB-second.")                                                          \
    INT(timeout, "Timeout", "s", 3, 1, 900, nullptr,                                             \
        "An invocation running longer is stopped and counts as an error. Default 3 s, "          \
        "maximum 900 s.")                                                                        \
    INT(reservedConcurrency, "Reserved concurrency", "", -1, 0, 1000000, "unreserved",           \
        "Guarantees and caps this function's concurrency (free). 0 is the "                      \
        "kill switch: every invoke is throttled and async events go straight "                   \
        "to the DLQ / on-failure destination without retries. -1: not set, "                     \
        "the function shares the unreserved pool.")                                             \
    INT(provisionedConcurrency, "Provisioned concurrency", "", 0, 0, 1000000, nullptr,           \
        "Pre-initialised environments with no cold start; traffic above spills over to "         \
        "on-demand. Billed from enable to disable, no free tier.")                               \
    REAL(duration, "Mean duration", "ms", 100, 1, 900000, nullptr,                               \
         "Mean run time of one invocation (billed in 1 ms steps, rounded up).")                  \
    REAL(durationCv, "Duration variability", "", 0.5, 0, 5, nullptr,                             \
         "Coefficient of variation of the (log-normal) duration: 0 = always the mean.")          \
    REAL(errorRate, "Error rate", "", 0, 0, 1, nullptr,                                          \
         "Fraction of invocations that fail with a function error.")                             \
    REAL(coldStart, "Cold start", "ms", 250, 0, 10000, nullptr,                                  \
         "Extra time when a new execution environment starts. AWS: under 1% of invocations "     \
         "in steady traffic, 'under 100 ms to over 1 s'; the init phase is capped at 10 s.")     \
    INT(idleExpiry, "Idle environment expiry", "s", 600, 60, 7200, nullptr,                      \
        "How long an idle environment stays warm. Not documented by AWS (observed 5 to "         \
        "15 minutes): an assumption you can change.")                                            \
    CHOICE(architecture, Architecture, "Architecture",                                           \
           "arm64 (Graviton) GB-seconds cost about 20% less than x86_64.")                       \
    INT(maxRetryAttempts, "Async retry attempts", "", 2, 0, 2, nullptr,                          \
        "Async invokes: retries after a function error, about 1 minute then 2 minutes "          \
        "apart. Default 2.")                                                                     \
    INT(maxEventAge, "Async max event age", "s", 21600, 60, 21600, nullptr,                      \
        "Async invokes: events older than this are dropped (or sent to the on-failure "          \
        "destination). Default and maximum 6 h.")                                                \
    INT(maxMemoryUsed, "Max memory used", "MB", -1, 1, 10240, "not measured",                    \
        "The peak memory an invocation uses, as CloudWatch reports it (\"Max Memory Used\" in "  \
        "the REPORT line). Not simulated: the advisor sizes a memory cut from it (20 % "         \
        "headroom). -1: not measured.")                                                          \
    REAL(cpuBoundShare, "CPU-bound share", "", -1, 0, 1, "not declared",                         \
         "Share of the mean duration spent computing rather than waiting. CPU is allocated in "  \
         "proportion to memory (1,769 MB = 1 vCPU), so at another memory this share runs "       \
         "longer or shorter (a single thread gains nothing above 1,769 MB). The simulated "      \
         "duration is the mean duration above; the advisor uses this share to set the "          \
         "duration of a memory change it proposes. -1: not declared.")

// A Lambda function calling a dependency or another function (sync-invoke wire).
#define SWB_LAMBDA_SYNC_INVOKE_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                \
    REAL(callsPerInvocation, "Calls per invocation", "", 1, 0, 100, nullptr,                     \
         "How many requests one invocation of the caller makes on this wire.")
// clang-format on

struct Params {
    SWB_PARAM_FIELDS(SWB_LAMBDA_PARAMS)
    static Params of(const QVariantMap &p);
};

namespace key {
SWB_PARAM_KEYS(SWB_LAMBDA_PARAMS)
}

struct SyncInvokeParams {
    SWB_PARAM_FIELDS(SWB_LAMBDA_SYNC_INVOKE_PARAMS)
    static SyncInvokeParams of(const QVariantMap &p);
};

namespace synckey {
SWB_PARAM_KEYS(SWB_LAMBDA_SYNC_INVOKE_PARAMS)
}

// Reserved concurrency, read in one place (aws-behaviour.md §1 "Reserved concurrency",
// "Reserved = 0"): unset (the function shares the account's unreserved pool), a reservation that
// both guarantees and caps the function, or 0, the kill switch that throttles every invoke and
// sends async events to the DLQ / on-failure destination with no retries.
struct ReservedConcurrency {
    qlonglong stored = -1; // the parameter as stored: -1 = unreserved

    bool isReserved() const { return stored >= 0; }
    bool isKillSwitch() const { return stored == 0; }
    // The function's own cap, when it has one (a reservation caps as well as guarantees).
    std::optional<qlonglong> cap() const
    {
        return stored >= 0 ? std::optional<qlonglong>(stored) : std::nullopt;
    }
    // The value the simulation scenario takes (-1 = unreserved, 0 = kill switch, n = reserved).
    qlonglong forScenario() const { return stored < 0 ? -1 : stored; }
};

// Reservations must leave at least this many executions of the account pool unreserved
// (aws-behaviour.md §1 "Unreserved minimum").
inline constexpr qlonglong kUnreservedMinimum = 100;

// The most this function may run at once: its reservation, or the account's pool.
inline qlonglong concurrencyLimit(const ReservedConcurrency &rc, qlonglong accountConcurrency)
{
    return rc.cap().value_or(accountConcurrency);
}

inline ReservedConcurrency reservedConcurrency(const Params &p)
{
    return ReservedConcurrency{p.reservedConcurrency};
}

// Share of a function's invocations its callers see fail: the error rate, or every one when
// reserved concurrency 0 throttles the function (throttled invokes are not billed).
double failureShare(const Component &function);

// Concurrent executions a function can reach: its reservation, else the account's pool.
double concurrencyCap(const Design &design, const Component &function);
// The mean duration in seconds (at least 1 ms).
inline double meanSeconds(const Params &p)
{
    return std::max(1e-3, p.duration / 1000.0);
}

// Records one invocation of an event source mapping may carry: the batch size, capped by the
// 6 MB synchronous invoke payload (aws-behaviour.md §1 "Payload").
double batchPayloadCap(double batchSize, double payloadKB);

const ServiceModule &module();

} // namespace swb::lambda
