#pragma once
// Helpers shared by the simulation-core tests: terse scenario wiring, series look-up and direct
// injection of one message at the current simulated time (white-box, through the Kernel).

#include "core/kernel.h"
#include "core/simulation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace swb::core::test {

inline ComponentRef src(std::uint32_t i)
{
    return {ComponentKind::TrafficSource, i};
}
inline ComponentRef api(std::uint32_t i)
{
    return {ComponentKind::ApiGateway, i};
}
inline ComponentRef sns(std::uint32_t i)
{
    return {ComponentKind::SnsTopic, i};
}
inline ComponentRef sqs(std::uint32_t i)
{
    return {ComponentKind::SqsQueue, i};
}
inline ComponentRef kin(std::uint32_t i)
{
    return {ComponentKind::KinesisStream, i};
}
inline ComponentRef sfn(std::uint32_t i)
{
    return {ComponentKind::StepFunctions, i};
}
inline ComponentRef fn(std::uint32_t i)
{
    return {ComponentKind::Lambda, i};
}
inline ComponentRef down(std::uint32_t i)
{
    return {ComponentKind::Downstream, i};
}

inline Edge &wire(Scenario &sc, EdgeKind k, ComponentRef from, ComponentRef to)
{
    Edge e;
    e.kind = k;
    e.from = from;
    e.to = to;
    sc.edges.push_back(e);
    return sc.edges.back();
}

inline LambdaFunction fixedLambda(double ms, double errorRate = 0)
{
    LambdaFunction f;
    f.name = "fn";
    f.durationMeanMs = ms;
    f.durationDistribution = Distribution::Fixed;
    f.errorRate = errorRate;
    f.coldStartMs = 0;
    return f;
}

inline TrafficSource poisson(double rate)
{
    TrafficSource s;
    s.name = "src";
    s.pattern = TrafficPattern::Poisson;
    s.ratePerSecond = rate;
    return s;
}

// A constant-rate source of 100-byte payloads.
inline TrafficSource constantSource(double rate)
{
    TrafficSource s = poisson(rate);
    s.pattern = TrafficPattern::Constant;
    s.payloadMeanBytes = 100;
    return s;
}

// A Throttle fault: the target's limit times `factor` from `start` for `duration` seconds.
inline Fault throttleFault(ComponentRef target, double factor, double start = 10,
                           double duration = 10)
{
    Fault f;
    f.kind = FaultKind::Throttle;
    f.target = target;
    f.startSeconds = start;
    f.durationSeconds = duration;
    f.rateMultiplier = factor;
    return f;
}

// Series value accessors.
inline std::uint32_t series(const Simulation &sim, ComponentRef c, const char *name)
{
    return sim.metrics().find(c, name);
}
inline double total(const Simulation &sim, ComponentRef c, const char *name)
{
    const std::uint32_t s = series(sim, c, name);
    return s == MetricStore::kNoSeries ? -1 : sim.metrics().summary(s);
}
inline double bin(const Simulation &sim, ComponentRef c, const char *name, std::size_t b)
{
    const std::uint32_t s = series(sim, c, name);
    return s == MetricStore::kNoSeries || b >= sim.metrics().binCount() ? -1
                                                                        : sim.metrics().value(b, s);
}
// Indices of the bins where a Sum series is non-zero, repeated by count.
inline std::vector<std::size_t> binsWith(const Simulation &sim, ComponentRef c, const char *name)
{
    std::vector<std::size_t> out;
    const std::uint32_t s = series(sim, c, name);
    for (std::size_t b = 0; b < sim.metrics().binCount(); ++b)
        for (int k = 0; k < static_cast<int>(sim.metrics().value(b, s)); ++k)
            out.push_back(b);
    return out;
}
inline double sumBins(const Simulation &sim, ComponentRef c, const char *name, std::size_t from,
                      std::size_t to)
{
    double acc = 0;
    for (std::size_t b = from; b < to; ++b)
        acc += bin(sim, c, name, b);
    return acc;
}

// Puts one new message into `to` at the current simulated time, as if a source had produced it.
inline std::uint32_t inject(Simulation &sim, ComponentRef to, bool poison = false,
                            std::uint32_t bytes = 100)
{
    Kernel &k = sim.kernel();
    const std::uint32_t id = k.newMessage(k.now(), 0);
    k.msg(id).bytes = bytes;
    k.msg(id).poison = poison ? 1 : 0;
    k.deliver(to, id);
    return id;
}

// Checks the ledger after every closed bin.
class LedgerChecker : public FrameSink
{
public:
    void onBinClosed(const Simulation &sim, std::size_t) override
    {
        ++bins;
        if (!sim.ledger().balanced())
            ++unbalanced;
    }
    int bins = 0;
    int unbalanced = 0;
};

} // namespace swb::core::test
