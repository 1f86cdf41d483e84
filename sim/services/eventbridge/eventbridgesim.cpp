// EventBridge in the simulation (aws-behaviour.md §9): a custom bus; its rule targets (Subscription
// wires, grouped into rules by their "rule" parameter) with their retry policies and dead-letter
// queues become the bus's rules in the core record, once the wires are mapped.

#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "model/humanformat.h"
#include "model/services/eventbridge/eventbridge.h"
#include "model/services/registry.h"

namespace swb::eventbridge {

using detail::Severity;
using detail::u32;
using detail::utf8;

namespace {

std::uint32_t add(detail::Builder &b, const Component &c)
{
    const Params p = Params::of(c.params);
    core::EventBus bus;
    bus.name = utf8(c.name);
    bus.entriesPerCall = u32(double(p.entriesPerCall));
    bus.putEventsPerSecond = p.putEventsQuota;
    bus.invocationsPerSecond = p.invocationsQuota;
    core::Scenario &sc = b.scenario();
    if (!sc.eventBuses.empty()
        && (sc.eventBuses.front().putEventsPerSecond != bus.putEventsPerSecond
            || sc.eventBuses.front().invocationsPerSecond != bus.invocationsPerSecond))
        b.note(Severity::Warning, "sim-eventbridge-quotas",
               QStringLiteral("Bus '%1': the PutEvents and invocations quotas are the account's, "
                              "shared by all its buses; the run uses those of '%2'")
                   .arg(c.name, QString::fromStdString(sc.eventBuses.front().name)),
               {c.id});
    sc.eventBuses.push_back(bus);
    return u32(double(sc.eventBuses.size() - 1));
}

// The bus's rules: its targets grouped by rule name, in wiring order. A rule's pattern is
// matched once per event for all of its targets, so its targets must agree on it.
void finishWires(detail::Builder &b, const Component &c)
{
    const Design &design = b.design();
    QStringList order;
    QHash<QString, QList<const Connection *>> byRule;
    for (const Connection *w : design.outgoing(c.id)) {
        if (w->kind != ConnectionKind::Subscription || b.edgeIndex(w->id) < 0)
            continue;
        const QString rule = ruleName(*w);
        if (!byRule.contains(rule))
            order.append(rule);
        byRule[rule].append(w);
    }
    core::Scenario &sc = b.scenario();
    core::EventBus &bus = sc.eventBuses[b.ref(c.id).index];
    for (const QString &rule : order) {
        const QList<const Connection *> &wires = byRule.value(rule);
        QList<ComponentId> blocks = {c.id};
        QList<ConnectionId> ids;
        for (const Connection *w : wires) {
            blocks.append(w->target);
            ids.append(w->id);
        }
        const QString shown = rule.startsWith(QLatin1Char('#')) ? QString() : rule;
        if (wires.size() > kMaxTargetsPerRule) {
            b.note(Severity::Error, "sim-rule-targets",
                   QStringLiteral("Rule '%1' of %2 has %3 targets; a rule has at most 5 (a fixed "
                                  "quota). Split it into rules of up to 5 targets.")
                       .arg(shown, b.name(c.id))
                       .arg(wires.size()),
                   blocks, ids);
            continue;
        }
        const target::Params first = target::Params::of(wires.first()->params);
        bool agree = true;
        for (const Connection *w : wires) {
            const target::Params t = target::Params::of(w->params);
            agree = agree && t.eventPattern.trimmed() == first.eventPattern.trimmed()
                    && (!first.eventPattern.trimmed().isEmpty()
                        || t.patternMatch == first.patternMatch);
        }
        if (!agree) {
            b.note(Severity::Error, "sim-rule-patterns",
                   QStringLiteral("The targets of rule '%1' of %2 give different event patterns "
                                  "or match shares; a rule has one pattern for all its targets")
                       .arg(shown, b.name(c.id)),
                   blocks, ids);
            continue;
        }
        // The subscription filters mapped the pattern onto every target's edge alike.
        const core::Edge &e0 = sc.edges[std::size_t(b.edgeIndex(wires.first()->id))];
        core::EventBusRule r;
        r.matchMask = e0.sub.filterValueMask;
        r.matchProbability = e0.sub.filterMatchProbability;
        for (const Connection *w : wires) {
            const target::Params t = target::Params::of(w->params);
            core::EventBusTarget target;
            target.edge = u32(double(b.edgeIndex(w->id)));
            target.maximumEventAgeSeconds = double(t.maximumEventAge);
            target.maximumRetryAttempts = u32(double(t.maximumRetryAttempts));
            QString error;
            if (const Connection *dlq = deadLetterWire(design, *w, &error)) {
                const core::ComponentRef q = b.ref(dlq->target);
                target.deadLetterKind = static_cast<std::uint8_t>(q.kind);
                target.deadLetterIndex = q.index;
            } else if (!error.isEmpty()) {
                b.note(Severity::Error, "sim-rule-dlq",
                       QStringLiteral("Target %1 of %2: %3")
                           .arg(b.name(w->target), b.name(c.id), error),
                       {c.id, w->target}, {w->id});
            }
            r.targets.push_back(target);
        }
        bus.rules.push_back(std::move(r));
    }
}

// DLQ wires are read per target in finishWires (each target names its own).
void failureWire(detail::Builder &, const Component &, const Connection &, int) {}

void summarize(const SummaryReader &v, const core::Simulation &, core::ComponentRef,
               ComponentSummary *c)
{
    c->throttles = v("eventbridge.put_throttles") + v("eventbridge.invocation_throttles");
    c->dlqCount = v("eventbridge.dlq");
    c->errors = v("eventbridge.failed_invocations");
    c->retries = v("eventbridge.retries");
}

// Events put per second; throttles, retries and exhausted deliveries (aws-behaviour.md §9).
void live(const BlockFrame &f, const LiveContext &, LiveFigures *o)
{
    const double throttled = f.get(core::EbPutThrottles);
    const double failed = f.get(core::EbFailedInvocations);
    const double retries = f.get(core::EbRetries);
    o->inPerSecond = f.rate(core::EbEvents) + f.rate(core::EbPutThrottles);
    o->deadLettersPerSecond = f.rate(core::EbDlq);
    o->topBadge = QStringLiteral("%1/s").arg(compactNumber(f.rate(core::EbEvents)));
    if (throttled > 0) {
        o->raise(LiveSeverity::Error);
        o->trouble << liveText("PutEvents throttled (account quota)");
        o->bottomBadge = QStringLiteral("throttled %1").arg(compactNumber(throttled));
    }
    if (failed > 0)
        o->raise(LiveSeverity::Error);
    else if (retries > 0 || f.get(core::EbInvocationThrottles) > 0)
        o->raise(LiveSeverity::Warning);
    o->tip(liveText("Events"), f.get(core::EbEvents));
    o->tip(liveText("PutEvents throttles"), throttled);
    o->tip(liveText("Unmatched"), f.get(core::EbUnmatched));
    o->tip(liveText("Invocations"), f.get(core::EbInvocations));
    o->tip(liveText("Invocation throttles"), f.get(core::EbInvocationThrottles));
    o->tip(liveText("Retries"), retries);
    o->tip(liveText("Failed invocations"), failed);
    o->tip(liveText("DLQ"), f.get(core::EbDlq));
}

} // namespace

namespace {

// What the bus's series count (the results reference, sim/resultsreference.h).
const QHash<QString, QString> &metricMeanings()
{
    static const QHash<QString, QString> m = {
        {QStringLiteral("eventbridge.events"),
         QStringLiteral("PutEvents entries a bus accepted (within the account's PutEvents "
                        "quota).")},
        {QStringLiteral("eventbridge.billed_events"),
         QStringLiteral("Billed events (each 64 KB chunk of an entry counts as one).")},
        {QStringLiteral("eventbridge.put_throttles"),
         QStringLiteral("Entries refused by the account's PutEvents quota (ThrottlingException; "
                        "not retried by EventBridge).")},
        {QStringLiteral("eventbridge.unmatched"),
         QStringLiteral("Events that matched no rule (accepted and billed, delivered nowhere).")},
        {QStringLiteral("eventbridge.invocations"),
         QStringLiteral("Events handed to a rule target.")},
        {QStringLiteral("eventbridge.invocation_throttles"),
         QStringLiteral("Target invocations over the account's invocations quota, delayed and "
                        "retried.")},
        {QStringLiteral("eventbridge.retries"),
         QStringLiteral("Target invocations retried under the target's retry policy.")},
        {QStringLiteral("eventbridge.failed_invocations"),
         QStringLiteral("Events given up on after the target's maximum retries or event age.")},
        {QStringLiteral("eventbridge.dlq"),
         QStringLiteral("Events sent to a target's DLQ after its retry policy was exhausted.")},
    };
    return m;
}

} // namespace

const SimService &simService()
{
    // Each target may have its own DLQ: up to 300 rules x 5 targets (aws-behaviour.md §9).
    static const SimService s{
        ComponentKind::EventBus,
        core::ComponentKind::EventBus,
        add,
        1500,
        failureWire,
        summarize,
        live,
        finishWires,
        metricMeanings,
    };
    return s;
}

} // namespace swb::eventbridge
