// The advisor's rule on an SNS topic (sim/advisorruleskit.h): a FIFO topic's publishes
// throttled, diagnosed without a fix (its remedies are not simulated).

#include "sim/advisorruleskit.h"
#include "sim/services/simservice.h"

#include "model/services/sns/sns.h"

namespace swb::advisor {

namespace {

// SNS FIFO: Publish throttled above a topic's 3,000 msg/s or 20 MB/s. A diagnosis without a
// verified fix: the remedies (high-throughput mode, 300 msg/s per message group; publishing
// over several topics by message group; a Standard topic where order and deduplication are not
// needed) are not modelled or change the design's guarantees, so they are named, not proposed.
void snsFifoThrottling(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Series s(ctx.run, c.id);
    const double throttles = s.total(core::SmThrottles);
    const double publishes = s.total(core::SmPublishes);
    if (throttles <= kThrottleShare * (publishes + throttles))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("sns-fifo-throttling"), QStringLiteral("%1 refuses publishes").arg(c.name),
        c.name, window(s.values(core::SmThrottles), s.bin()),
        QStringLiteral("%1 publishes throttled, %2 of publishes")
            .arg(count(throttles), percent(throttles / (publishes + throttles))),
        QStringLiteral("A FIFO topic takes 3,000 msg/s and 20 MB/s (since November 2023); "
                       "above that Publish is throttled and the publisher gets the error. "
                       "High-throughput mode (FifoThroughputScope=MessageGroup, 300 msg/s per "
                       "message group) or a Standard topic, where order and deduplication are "
                       "not needed, lift it; neither is simulated here (aws-behaviour.md §3, "
                       "FIFO throughput history)."));
    out->append(f);
}

} // namespace

} // namespace swb::advisor

namespace swb::sns {

const QList<advisor::Rule> &advisorRules()
{
    // In the order their findings are listed.
    static const QList<advisor::Rule> rules = {advisor::snsFifoThrottling};
    return rules;
}

} // namespace swb::sns
