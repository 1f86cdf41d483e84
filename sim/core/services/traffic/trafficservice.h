#pragma once
// Traffic generators (DESIGN.md "Traffic sources"): constant, Poisson, diurnal, spike, step and
// replayed rates, plus TrafficSpike faults. Time-varying Poisson rates are sampled exactly: for a
// piecewise-constant rate the exponential draw restarts at each rate change (memorylessness); the
// continuous diurnal curve uses thinning against its maximum.
//
// Each source is an entry path (Message::path = its index): the kernel keeps the end-to-end
// latency of the units it produced (Kernel::recordE2e); this module samples its percentiles.

#include "core/kernel.h"
#include "core/sdkretry.h"
#include "core/services/traffic/trafficsource.h"

#include <cstdint>
#include <vector>

namespace swb::core {

class TrafficService
{
public:
    static constexpr ComponentKind kKind = ComponentKind::TrafficSource;

    explicit TrafficService(Kernel &k)
        : m_k(k)
    {}

    // ---- kernel hooks (core/service.h)
    void setup();
    bool wire(std::uint32_t edge); // the entry component the source sends to
    void startTraffic();
    void onEvent(const Event &e);
    void sampleBin();

private:
    enum Ev : std::uint8_t {
        EvArrival,  // entity = source
        EvSdkRetry, // entity = message, gen (the source is Message::path)
    };

    struct Source {
        const TrafficSource *cfg = nullptr;
        ComponentRef target;
        Rng rng;
        Rng sdkRng; // retry jitter: its own stream, so a fault never shifts the arrivals
        std::uint32_t m = 0;
        // Constant or Poisson with no TrafficSpike fault: the rate never changes, so the next
        // arrival needs neither rateAt() nor nextRateChange().
        bool steady = false;
    };

    void scheduleNextArrival(std::uint32_t s);
    void onArrival(std::uint32_t s);
    void send(std::uint32_t msg);                  // as the client's AWS SDK does (core/sdkretry.h)
    void counted(const Source &S, SdkSend result); // its SDK retries and losses
    double rateAt(std::uint32_t s, Ticks t) const;
    Ticks nextRateChange(std::uint32_t s, Ticks t) const;

    Kernel &m_k;
    std::vector<Source> m_sources;
};

} // namespace swb::core
