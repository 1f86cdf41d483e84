#include "sim/runestimate.h"

#include "model/flowrates.h"
#include "model/services/account/account.h"
#include "model/services/kinesis/kinesis.h"
#include "model/services/lambda/lambda.h"
#include "model/services/sqs/sqs.h"

#include <algorithm>
#include <cmath>

namespace swb {

namespace {

// Concurrent executions a function can reach (its reservation, else the account's pool).
double concurrencyCap(const Design &design, const Component &fn)
{
    const lambda::Params p = lambda::Params::of(fn.params);
    return double(lambda::concurrencyLimit(
        lambda::reservedConcurrency(p), account::Params::of(design.settings).accountConcurrency));
}

double meanSeconds(const Component &fn)
{
    return std::max(1e-3, lambda::Params::of(fn.params).duration / 1000.0);
}

// Messages per second the event source mappings of an SQS queue can take.
double sqsDrain(const Design &design, const Component &queue)
{
    double drain = 0;
    for (const Connection *w : design.outgoing(queue.id)) {
        const Component *fn = design.component(w->target);
        if (w->kind != ConnectionKind::EventSourceMapping || !fn)
            continue;
        const sqs::mapping::Params mapping = sqs::mapping::Params::of(w->params);
        double cap = concurrencyCap(design, *fn);
        if (mapping.maximumConcurrency > 0)
            cap = std::min(cap, double(mapping.maximumConcurrency));
        drain += cap * double(std::max<qlonglong>(1, mapping.batchSize)) / meanSeconds(*fn);
    }
    return drain;
}

QString quantity(double v)
{
    if (v >= 1e9)
        return QStringLiteral("%1 billion").arg(v / 1e9, 0, 'f', 1);
    if (v >= 1e6)
        return QStringLiteral("%1 million").arg(v / 1e6, 0, 'f', 1);
    return QString::number(v, 'f', 0);
}

QString bytesText(double bytes)
{
    if (bytes >= 1024.0 * 1024 * 1024)
        return QStringLiteral("%1 GB").arg(bytes / (1024.0 * 1024 * 1024), 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(bytes / (1024.0 * 1024), 0, 'f', 0);
}

QString durationText(double seconds)
{
    if (seconds >= 86400)
        return QStringLiteral("%1 days").arg(seconds / 86400, 0, 'g', 3);
    if (seconds >= 3600)
        return QStringLiteral("%1 hours").arg(seconds / 3600, 0, 'g', 3);
    return QStringLiteral("%1 s").arg(seconds, 0, 'g', 4);
}

} // namespace

bool RunEstimate::exceedsLimits() const
{
    return events > kMaxEventsWithoutAsking || memoryBytes > kMaxBytesWithoutAsking;
}

QString RunEstimate::text() const
{
    return QStringLiteral("about %1 events and %2 of memory for %3 simulated")
        .arg(quantity(events), bytesText(memoryBytes), durationText(durationSeconds));
}

QString RunEstimate::refusal(const QString &howToRun) const
{
    return QStringLiteral("the run is projected to need %1 (%2 messages waiting at the peak); "
                          "runs above %3 events or %4 of memory are not started unasked. "
                          "Shorten the run or lower the load, or %5")
        .arg(text(), quantity(heldItems), quantity(kMaxEventsWithoutAsking),
             bytesText(kMaxBytesWithoutAsking), howToRun);
}

RunEstimate estimateRun(const Design &design, double durationSeconds)
{
    RunEstimate e;
    e.durationSeconds =
        durationSeconds > 0 ? durationSeconds : account::Params::of(design.settings).duration;
    const double t = e.durationSeconds;
    const FlowRates flows = computeFlowRates(design);
    double perSecond = 0;
    for (const Component &c : design.components) {
        const ComponentFlow f = flows.component(c.id);
        perSecond += f.inRate + f.invocations + f.transitions + f.receiveRequests + f.emptyReceives;
        switch (c.kind) {
        case ComponentKind::SqsQueue: {
            const double excess = std::max(0.0, f.inRate - sqsDrain(design, c));
            e.heldItems += excess * std::min(t, double(sqs::Params::of(c.params).retentionPeriod));
            break;
        }
        case ComponentKind::KinesisStream:
            e.heldItems +=
                f.inRate * std::min(t, kinesis::Params::of(c.params).retentionHours * 3600.0);
            break;
        case ComponentKind::Lambda: {
            double async = 0;
            for (const Connection *w : design.incoming(c.id)) {
                const Component *from = design.component(w->source);
                if (w->kind == ConnectionKind::AsyncInvoke
                    || (from && from->kind == ComponentKind::SnsTopic))
                    async += flows.connection(w->id).rate;
            }
            const double capacity = concurrencyCap(design, c) / meanSeconds(c);
            e.heldItems += std::max(0.0, async - capacity)
                           * std::min(t, double(lambda::Params::of(c.params).maxEventAge));
            break;
        }
        default:
            break;
        }
    }
    e.events = perSecond * t;
    e.memoryBytes = e.heldItems * kBytesPerHeldItem;
    return e;
}

} // namespace swb
