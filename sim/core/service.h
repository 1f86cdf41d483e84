#pragma once
// What the kernel knows of a service module: a table of plain function pointers over the module's
// object, one table per ComponentKind (the kind is the slot number). ServiceSlot::of() fills the
// table from whichever of the member functions below the module defines, so a module writes
// ordinary members and the kernel calls them through one indirect call: no virtual call, no
// std::function, no allocation per event.
//
// Hooks a module may define (all optional), in the order the kernel calls them:
//   set-up (Kernel::Kernel, in registry order, core/registry.cpp)
//     void declareAccountSeries()      account-wide series; they come before the ledger's
//     void setup()                     per-component state, RNG streams and series; warnings
//     bool wire(std::uint32_t edge)    an Edge whose `from` is this service; false = unsupported
//     void finishWiring()              after every edge (e.g. SNS FIFO subscriptions)
//     void start()                     first timers (pollers' ticks...)
//     void startTraffic()              first arrivals: after every start(), so a timer due at the
//                                      same instant as an arrival runs first
//   run
//     void onEvent(const Event &)      an event whose tag names this service (eventTag())
//     bool admit(index, msg)           Kernel::admits: the request passes the component's
//                                      request-rate quota now (its share taken); false = throttled
//                                      (the module counted it; the unit is untouched: the caller
//                                      retries it or settles it)
//     bool accept(index, msg)          Kernel::deliver: the unit enters this component; false =
//                                      rejected at that edge (the module settled the unit)
//     bool deadLetter(index, mayConsume)
//                                      Kernel::deadLetter: true = deliver the unit to the component
//                                      like any other; false = it stays there as a dead letter
//     void failureNotice(index, units) a stream mapping's on-failure destination receives the
//                                      metadata of `units` records (the records stay settled)
//     bool isFifo(index) const         FIFO queue / topic (destination and DLQ checks)
//     void sampleBin()                 a bin closes: sample gauges, sweep expiries (before the
//                                      ledger's values are taken)

#include "core/component.h"
#include "core/eventqueue.h"

#include <cstdint>
#include <memory>

namespace swb::core {

// An event's type: the high byte names the service slot that handles it, the low byte is the
// service's own event code.
constexpr std::uint16_t eventTag(ComponentKind k, std::uint8_t code)
{
    return static_cast<std::uint16_t>((static_cast<unsigned>(k) << 8) | code);
}
constexpr ComponentKind eventService(std::uint16_t tag)
{
    return static_cast<ComponentKind>(tag >> 8);
}
constexpr std::uint8_t eventCode(std::uint16_t tag)
{
    return static_cast<std::uint8_t>(tag & 0xFF);
}

struct ServiceSlot {
    // Hot entries first: one cache line holds what an event or a hand-off needs.
    void *self = nullptr;
    void (*onEvent)(void *, const Event &) = nullptr;
    bool (*accept)(void *, std::uint32_t, std::uint32_t) = nullptr;
    bool (*admit)(void *, std::uint32_t, std::uint32_t) = nullptr;
    bool (*deadLetter)(void *, std::uint32_t, bool) = nullptr;
    void (*failureNotice)(void *, std::uint32_t, std::uint32_t) = nullptr;
    bool (*isFifo)(const void *, std::uint32_t) = nullptr;
    void (*sampleBin)(void *) = nullptr;
    void (*declareAccountSeries)(void *) = nullptr;
    void (*setup)(void *) = nullptr;
    bool (*wire)(void *, std::uint32_t) = nullptr;
    void (*finishWiring)(void *) = nullptr;
    void (*start)(void *) = nullptr;
    void (*startTraffic)(void *) = nullptr;
    void (*destroy)(void *) = nullptr;

    template<class T>
    static ServiceSlot of(std::unique_ptr<T> service);
};

template<class T>
ServiceSlot ServiceSlot::of(std::unique_ptr<T> service)
{
    ServiceSlot s;
    s.self = service.release();
    s.destroy = [](void *p) { delete static_cast<T *>(p); };
    if constexpr (requires(T & t, const Event &e) { t.onEvent(e); })
        s.onEvent = [](void *p, const Event &e) { static_cast<T *>(p)->onEvent(e); };
    if constexpr (requires(T & t) { t.accept(0u, 0u); })
        s.accept = [](void *p, std::uint32_t i, std::uint32_t m) {
            return static_cast<T *>(p)->accept(i, m);
        };
    if constexpr (requires(T & t) { t.admit(0u, 0u); })
        s.admit = [](void *p, std::uint32_t i, std::uint32_t m) {
            return static_cast<T *>(p)->admit(i, m);
        };
    if constexpr (requires(T & t) { t.deadLetter(0u, true); })
        s.deadLetter = [](void *p, std::uint32_t i, bool consume) {
            return static_cast<T *>(p)->deadLetter(i, consume);
        };
    if constexpr (requires(T & t) { t.failureNotice(0u, 0u); })
        s.failureNotice = [](void *p, std::uint32_t i, std::uint32_t n) {
            static_cast<T *>(p)->failureNotice(i, n);
        };
    if constexpr (requires(const T &t) { t.isFifo(0u); })
        s.isFifo = [](const void *p, std::uint32_t i) {
            return static_cast<const T *>(p)->isFifo(i);
        };
    if constexpr (requires(T & t) { t.sampleBin(); })
        s.sampleBin = [](void *p) { static_cast<T *>(p)->sampleBin(); };
    if constexpr (requires(T & t) { t.declareAccountSeries(); })
        s.declareAccountSeries = [](void *p) { static_cast<T *>(p)->declareAccountSeries(); };
    if constexpr (requires(T & t) { t.setup(); })
        s.setup = [](void *p) { static_cast<T *>(p)->setup(); };
    if constexpr (requires(T & t) { t.wire(0u); })
        s.wire = [](void *p, std::uint32_t e) { return static_cast<T *>(p)->wire(e); };
    if constexpr (requires(T & t) { t.finishWiring(); })
        s.finishWiring = [](void *p) { static_cast<T *>(p)->finishWiring(); };
    if constexpr (requires(T & t) { t.start(); })
        s.start = [](void *p) { static_cast<T *>(p)->start(); };
    if constexpr (requires(T & t) { t.startTraffic(); })
        s.startTraffic = [](void *p) { static_cast<T *>(p)->startTraffic(); };
    return s;
}

} // namespace swb::core
