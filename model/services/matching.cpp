#include "model/services/matching.h"

#include "model/design.h"
#include "model/filterpolicy.h"
#include "model/services/registry.h"
#include "model/services/traffic/traffic.h"
#include "model/wiringrules.h"

#include <QSet>

namespace swb::flow {

double matchedShare(Propagator &pr, const Component &source, const Connection &wire)
{
    const auto rule = serviceModule(source.kind).matchRule;
    if (!rule)
        return 1.0;
    const MatchRule match = rule(wire);
    if (match.policy.trimmed().isEmpty())
        return match.share;
    const Design &design = pr.design();
    QList<ComponentId> todo = {source.id};
    QSet<ComponentId> seen = {source.id};
    double weighted = 0, total = 0;
    while (!todo.isEmpty()) {
        for (const Connection *w : design.incoming(todo.takeLast())) {
            const Component *up = design.component(w->source);
            if (!up || isFailureKind(w->kind) || seen.contains(up->id))
                continue;
            seen.insert(up->id);
            if (up->kind != ComponentKind::TrafficSource) {
                todo.append(up->id);
                continue;
            }
            QString error;
            const std::optional<double> share = filterPolicyMatchShare(
                match.policy, traffic::Params::of(up->params).attributes, &error);
            if (!share) {
                const Component *target = design.component(wire.target);
                pr.warn(QStringLiteral("Subscription %1 -> %2: %3; its '%4' (%5) is used instead")
                            .arg(source.name, target ? target->name : QString(), error,
                                 QLatin1String(match.shareName))
                            .arg(match.share));
                return match.share;
            }
            const double rate = traffic::meanRate(design, *up, pr.runDuration());
            weighted += rate * *share;
            total += rate;
        }
    }
    pr.note(QStringLiteral("Filter policies and event patterns are matched against the message "
                           "attributes of the traffic sources upstream (attribute names taken as "
                           "independent)."));
    return total > 0 ? weighted / total : 0.0;
}

} // namespace swb::flow
