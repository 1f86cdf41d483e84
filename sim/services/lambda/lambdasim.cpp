// Lambda in the simulation (aws-behaviour.md §1): the function record, with reserved
// concurrency resolved by the Lambda module; an on-failure destination and a DLQ.

#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "model/services/lambda/lambda.h"

#include <cmath>

namespace swb::lambda {

using detail::Severity;
using detail::u32;
using detail::utf8;

namespace {

core::LambdaFunction makeLambda(const Component &c)
{
    const lambda::Params p = lambda::Params::of(c.params);
    core::LambdaFunction f;
    f.name = utf8(c.name);
    f.memoryMb = u32(double(p.memory));
    f.timeoutSeconds = double(p.timeout);
    // Resolved once, by the Lambda module: -1 = unreserved, 0 = kill switch, n = reserved.
    f.reservedConcurrency = std::int32_t(lambda::reservedConcurrency(p).forScenario());
    f.provisionedConcurrency = u32(double(p.provisionedConcurrency));
    f.durationMeanMs = p.duration;
    f.durationCv = p.durationCv;
    f.durationDistribution =
        f.durationCv > 0 ? core::Distribution::LogNormal : core::Distribution::Fixed;
    f.errorRate = p.errorRate;
    f.coldStartMs = p.coldStart;
    f.idleExpirySeconds = double(p.idleExpiry);
    f.architecture = p.architecture == lambda::Architecture::Arm64 ? core::Architecture::Arm
                                                                   : core::Architecture::X86;
    f.async.maxRetryAttempts = u32(double(p.maxRetryAttempts));
    f.async.maxEventAgeSeconds = double(p.maxEventAge);
    return f;
}

std::uint32_t add(detail::Builder &b, const Component &c)
{
    core::Scenario &sc = b.scenario();
    sc.lambdas.push_back(makeLambda(c));
    return u32(double(sc.lambdas.size() - 1));
}

// The async on-failure destination, then the DLQ (aws-behaviour.md §1).
void failureWire(detail::Builder &b, const Component &, const Connection &w, int index)
{
    b.addEdge(w, index == 0 ? core::EdgeKind::OnFailure : core::EdgeKind::DeadLetter);
}

void summarize(const SummaryReader &v, const core::Simulation &, core::ComponentRef,
               ComponentSummary *c)
{
    c->peakConcurrency = v("lambda.concurrency");
    c->throttles = v("lambda.throttles");
    c->maxBacklog = v("lambda.async_queue");
    c->dlqCount = v("lambda.dlq");
    c->errors = v("lambda.errors") + v("lambda.timeouts");
    c->retries = v("lambda.retries");
    const double invocations = v("lambda.invocations");
    c->coldStartProbability =
        invocations > 0 ? v("lambda.cold_starts") / invocations : std::nan("");
}

} // namespace

const SimService &simService()
{
    static const SimService s{
        ComponentKind::Lambda, core::ComponentKind::Lambda, add, 2, failureWire, summarize,
    };
    return s;
}

} // namespace swb::lambda
