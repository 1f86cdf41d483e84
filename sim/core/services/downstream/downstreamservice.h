#pragma once
// Generic downstream dependency (DESIGN.md): capacity in TPS and connections plus latency. Calls
// above capacity fail with errorRateWhenOverloaded; the failures flow back into the caller's errors
// and retries. An Outage fault fails calls with its error rate.
//
// Typed interface: call() for synchronous callers (a Lambda function's one call per invocation,
// an SNS HTTP/S delivery). A unit delivered to it (Kernel::deliver) is one call that ends there.

#include "core/kernel.h"
#include "core/services/downstream/downstream.h"
#include "core/tokenbucket.h"

#include <cstdint>
#include <vector>

namespace swb::core {

class DownstreamService
{
public:
    static constexpr ComponentKind kKind = ComponentKind::Downstream;

    explicit DownstreamService(Kernel &k)
        : m_k(k)
    {}

    // One call: false = refused (overload or outage); else `latencyMs` is its latency and a
    // connection is held for that long.
    bool call(std::uint32_t d, double &latencyMs);

    // ---- kernel hooks (core/service.h)
    void setup();
    void onEvent(const Event &e);
    bool accept(std::uint32_t d, std::uint32_t msg);

private:
    enum Ev : std::uint8_t { EvRelease }; // entity = downstream: a connection is returned

    struct Dependency {
        const Downstream *cfg = nullptr;
        TokenBucket tps;
        std::uint32_t connections = 0;
        Rng rng;
        std::uint32_t m = 0;
    };

    Kernel &m_k;
    std::vector<Dependency> m_deps;
};

} // namespace swb::core
