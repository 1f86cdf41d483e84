// M/M/100 kernel benchmark (DESIGN.md performance targets): Poisson arrivals, 100 servers,
// exponential 100 ms service, 80% load, 1,000,000 completions, built from the engine's own event
// queue and RNG streams. Prints events/s, wall time and peak RSS. Target: >= 8 M events/s.
#include "core/benchutil.h"
#include "core/eventqueue.h"
#include "core/rng.h"

#include <chrono>
#include <cstdio>

using namespace swb::core;

namespace {
enum : std::uint16_t { EvArrival, EvDeparture };
}

int main()
{
    constexpr int servers = 100;
    constexpr double serviceMeanUs = 100'000.0;
    constexpr double arrivalMeanUs = serviceMeanUs / (servers * 0.8); // rho = 0.8
    constexpr std::uint64_t completionsTarget = 1'000'000;

    EventQueue q;
    Rng arrivals(streamSeed(42, 0));
    Rng service(streamSeed(42, 1));
    int busy = 0;
    std::uint64_t waiting = 0, completions = 0, events = 0;
    double busyArea = 0; // for a sanity figure: mean busy servers ~ 80
    Ticks last = 0;

    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpuSeconds();
    q.schedule(static_cast<Ticks>(arrivals.exponential(arrivalMeanUs)), EvArrival, 0);
    Event e;
    while (completions < completionsTarget && q.pop(e)) {
        ++events;
        busyArea += static_cast<double>(busy) * static_cast<double>(e.time - last);
        last = e.time;
        switch (e.type) {
        case EvArrival:
            q.scheduleIn(1 + static_cast<Ticks>(arrivals.exponential(arrivalMeanUs)), EvArrival, 0);
            if (busy < servers) {
                ++busy;
                q.scheduleIn(1 + static_cast<Ticks>(service.exponential(serviceMeanUs)),
                             EvDeparture, 0);
            } else {
                ++waiting;
            }
            break;
        case EvDeparture:
            ++completions;
            if (waiting) {
                --waiting;
                q.scheduleIn(1 + static_cast<Ticks>(service.exponential(serviceMeanUs)),
                             EvDeparture, 0);
            } else {
                --busy;
            }
            break;
        }
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("bench_kernel M/M/100 rho=0.8: %llu completions, %llu events, simulated %.1f s\n",
                static_cast<unsigned long long>(completions),
                static_cast<unsigned long long>(events), ticksToSeconds(q.now()));
    std::printf("  mean busy servers %.2f (theory 80)\n", busyArea / static_cast<double>(last));
    const double cpu = cpuSeconds() - c0;
    std::printf("  wall %.3f s (%.2f M events/s), cpu %.3f s (%.2f M events/s), peak RSS %.1f MB\n",
                wall, static_cast<double>(events) / wall / 1e6, cpu,
                static_cast<double>(events) / cpu / 1e6, peakRssMb());
    return 0;
}
