// The advisor's rule on a Lambda function's memory (sim/advisorruleskit.h): memory far above
// the measured peak ("Max Memory Used"). The simulated duration does not depend on memory, so
// a cut alone would always "verify"; the fix therefore also sets the duration the smaller
// memory gives under the documented CPU rule, from the CPU-bound share the user declares, and
// is verified like any other fix (the bill falls, the p99 stays within the trade and target).

#include "sim/services/lambda/lambdaadvice.h"

#include "model/humanformat.h"
#include "model/services/lambda/lambda.h"

#include <algorithm>
#include <cmath>

namespace swb::advisor {

namespace {

// Lambda allocates CPU in proportion to memory; 1,769 MB is one vCPU (aws-behaviour.md §1,
// Memory). A single thread gains nothing above one vCPU: the CPU-bound part of an invocation
// runs at min(memory, 1,769) / 1,769 of a vCPU.
constexpr double kOneVcpuMb = 1769;
// Headroom on the measured peak, and the step the proposed memory is rounded up to.
constexpr double kMemoryHeadroom = 1.2;
constexpr qlonglong kMemoryStepMb = 64;

double cpuShareAt(double memoryMb)
{
    return std::min(memoryMb, kOneVcpuMb);
}

} // namespace

double durationAtMemory(double durationMs, double cpuBoundShare, double fromMb, double toMb)
{
    const double c = std::clamp(cpuBoundShare, 0.0, 1.0);
    return durationMs * ((1 - c) + c * cpuShareAt(fromMb) / cpuShareAt(toMb));
}

qlonglong memoryForPeak(qlonglong peakMb)
{
    const double wanted = std::ceil(double(peakMb) * kMemoryHeadroom);
    return std::max<qlonglong>(128, qlonglong(std::ceil(wanted / kMemoryStepMb)) * kMemoryStepMb);
}

void lambdaOversizedMemory(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const lambda::Params p = lambda::Params::of(c.params);
    if (p.maxMemoryUsed < 0 || p.maxMemoryUsed > p.memory)
        return;
    const qlonglong fits = memoryForPeak(p.maxMemoryUsed);
    // Worth a diagnosis from a quarter of the GB-seconds on.
    if (double(fits) > 0.75 * double(p.memory))
        return;
    const Series s(ctx.run, c.id);
    const double invocations = s.total(core::LmInvocations);
    if (invocations <= 0)
        return;
    double monthly = 0;
    for (const ComponentSummary &cs : ctx.run.summary.components)
        if (cs.id == c.id && std::isfinite(cs.monthlyCostUsd))
            monthly = cs.monthlyCostUsd;
    const bool declared = p.cpuBoundShare >= 0;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("oversized-memory"),
        QStringLiteral("%1 has far more memory than it uses").arg(c.name), c.name,
        {0, ctx.run.metadata.durationSeconds},
        QStringLiteral("peak %1 MB used of %2 MB (%3); the function bills $%4/month%5")
            .arg(p.maxMemoryUsed)
            .arg(p.memory)
            .arg(percent(double(p.maxMemoryUsed) / double(p.memory)))
            .arg(monthly, 0, 'f', 2)
            .arg(declared ? QString()
                          : QStringLiteral("; declare its CPU-bound share to size a cut (the "
                                           "simulated duration does not follow memory)")),
        QStringLiteral("Lambda bills memory x duration (GB-s) and allocates CPU in proportion "
                       "to memory, 1,769 MB being one vCPU: less memory costs less per ms but "
                       "runs the CPU-bound part of an invocation longer (aws-behaviour.md §1, "
                       "Memory; Pricing)."));
    if (!declared) {
        out->append(f);
        return;
    }
    // The smallest memory that fits the peak, raised (in steps) until the predicted p99 meets
    // the target: the end-to-end p99 stretched as the duration is, an upper bound.
    const double p99 = headlineOf(ctx.run).p99Ms;
    qlonglong memory = fits;
    auto stretch = [&](qlonglong mb) {
        return durationAtMemory(1.0, p.cpuBoundShare, double(p.memory), double(mb));
    };
    while (ctx.options.targetP99Ms >= 0 && memory < p.memory
           && p99 * stretch(memory) > ctx.options.targetP99Ms)
        memory += kMemoryStepMb;
    // No smaller memory is cheaper (a wholly CPU-bound function below one vCPU costs the same
    // at any memory), or none keeps the p99 target: the memory is what the target needs.
    if (memory >= p.memory || double(memory) * stretch(memory) >= double(p.memory))
        return;
    // To 0.1 ms, as the inspector shows it.
    const double duration =
        std::round(durationAtMemory(p.duration, p.cpuBoundShare, double(p.memory), double(memory))
                   * 10)
        / 10;
    Fix fix;
    fix.rule = f.diagnosis.rule;
    fix.title = QStringLiteral("Give %1 %2 MB of memory").arg(c.name).arg(memory);
    fix.sizing =
        QStringLiteral("Peak %1 MB x %2 headroom, rounded up to %3 MB steps%4: %5 MB. With the "
                       "declared CPU-bound share of %6 running at %7 / %8 of the CPU, the mean "
                       "duration becomes %9 ms (from %10 ms); GB-s per invocation fall to %11 "
                       "of today's.")
            .arg(p.maxMemoryUsed)
            .arg(QString::number(kMemoryHeadroom, 'f', 1))
            .arg(kMemoryStepMb)
            .arg(memory > fits ? QStringLiteral(", raised to keep the p99 within the target")
                               : QString())
            .arg(memory)
            .arg(percent(p.cpuBoundShare))
            .arg(cpuShareAt(double(memory)), 0, 'f', 0)
            .arg(cpuShareAt(double(p.memory)), 0, 'f', 0)
            .arg(duration, 0, 'f', 1)
            .arg(p.duration, 0, 'f', 1)
            .arg(percent(double(memory) * stretch(memory) / double(p.memory)));
    fix.changes = {blockChange(c, lambda::key::memory, memory),
                   blockChange(c, lambda::key::duration, duration)};
    // Offered when the bill falls and the p99 rises by at most the duration's stretch applied
    // to the whole end-to-end p99 (and stays within the target, when one is given).
    fix.latencyTradeMs = std::max(1.0, p99 * (stretch(memory) - 1));
    f.fix = fix;
    out->append(f);
}

} // namespace swb::advisor
