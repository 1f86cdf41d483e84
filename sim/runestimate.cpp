#include "sim/runestimate.h"

#include "sim/services/simservice.h"

#include "core/cohortqueue.h"

#include "model/flowrates.h"
#include "model/services/account/account.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace swb {

namespace {

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

double cohortKeptBytes(double held, double head, const CohortBound &bound)
{
    const double exact = std::min(held, head);
    return exact * kBytesPerHeldItem + std::min(held - exact, bound.cohorts) * bound.bytesEach;
}

CohortBound cohortBound(const Design &design, double seconds, double queues)
{
    const auto sources =
        std::count_if(design.components.begin(), design.components.end(),
                      [](const Component &c) { return c.kind == ComponentKind::TrafficSource; });
    CohortBound b;
    b.cohorts = core::CohortQueue::maxCohorts(seconds) * queues;
    b.bytesEach += double(std::max<std::ptrdiff_t>(0, sources - core::CohortQueue::kPaths))
                   * kBytesPerExtraPath;
    return b;
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
        // What the block holds at the peak, and the memory the core keeps for it (its
        // service's rules, sim/services/<service>/).
        const SimService &service = simService(c.kind);
        if (!service.heldItems)
            continue;
        const double held = service.heldItems(design, c, flows, t);
        e.heldItems += held;
        e.memoryBytes +=
            service.heldBytes ? service.heldBytes(design, c, flows, t) : held * kBytesPerHeldItem;
    }
    e.events = perSecond * t;
    return e;
}

} // namespace swb
