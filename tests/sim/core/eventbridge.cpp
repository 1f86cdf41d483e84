// EventBridge custom buses in the core (aws-behaviour.md §9): per-target retry policy (exponential
// backoff with jitter, maximum attempts and maximum event age), the target's DLQ, rules matching
// independently with their patterns, the account's PutEvents and invocations quotas, and PutEvents
// entries billed per 64 KB chunk.
#include "simtestutil.h"

#include "core/services/eventbridge/eventbus.h"

#include <QtTest>

#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

namespace {

ComponentRef bus(std::uint32_t i)
{
    return {ComponentKind::EventBus, i};
}

// A rule of bus `b` with targets `to` (one Subscription edge each); returns it for settings.
EventBusRule &rule(Scenario &sc, std::uint32_t b, std::initializer_list<ComponentRef> to)
{
    EventBusRule r;
    for (ComponentRef t : to) {
        wire(sc, EdgeKind::Subscription, bus(b), t);
        EventBusTarget target;
        target.edge = std::uint32_t(sc.edges.size() - 1);
        r.targets.push_back(target);
    }
    sc.eventBuses[b].rules.push_back(r);
    return sc.eventBuses[b].rules.back();
}

void withDlq(EventBusTarget &t, ComponentRef q)
{
    t.deadLetterKind = static_cast<std::uint8_t>(q.kind);
    t.deadLetterIndex = q.index;
}

// One bus whose only target, sqs(0), is unavailable for `outageSeconds`; sqs(1) may be its DLQ.
Scenario failingTarget(double outageSeconds, double runSeconds)
{
    Scenario sc;
    sc.durationSeconds = runSeconds;
    sc.binWidthSeconds = 1;
    sc.sources.push_back(poisson(0));
    sc.eventBuses.push_back(EventBus{});
    sc.queues.resize(2);
    rule(sc, 0, {sqs(0)});
    Fault outage;
    outage.kind = FaultKind::Outage;
    outage.target = sqs(0);
    outage.durationSeconds = outageSeconds;
    sc.faults.push_back(outage);
    return sc;
}

EventBusTarget &onlyTarget(Scenario &sc)
{
    return sc.eventBuses[0].rules[0].targets[0];
}

} // namespace

class TestEventBridge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void backoffDoublesFromOneSecondToACapWithJitter()
    {
        // Nominal 1, 2, 4 ... 512 s, then 512 s; the jitter draw scales it by 0.5 to 1.5.
        QCOMPARE(eventBusRetryDelaySeconds(1, 0.5), 1.0);
        QCOMPARE(eventBusRetryDelaySeconds(2, 0.5), 2.0);
        QCOMPARE(eventBusRetryDelaySeconds(4, 0.5), 8.0);
        QCOMPARE(eventBusRetryDelaySeconds(10, 0.5), 512.0);
        QCOMPARE(eventBusRetryDelaySeconds(185, 0.5), 512.0);
        QCOMPARE(eventBusRetryDelaySeconds(3, 0.0), 2.0);
        QCOMPARE(eventBusRetryDelaySeconds(3, 1.0), 6.0);
    }

    void retriesThenDlqAfterMaximumAttempts()
    {
        Scenario sc = failingTarget(1e6, 100);
        onlyTarget(sc).maximumRetryAttempts = 3;
        withDlq(onlyTarget(sc), sqs(1));
        Simulation sim(sc);
        LedgerChecker ledger;
        sim.setFrameSink(&ledger);
        inject(sim, bus(0));
        sim.run();
        QCOMPARE(total(sim, bus(0), "eventbridge.events"), 1.0);
        QCOMPARE(total(sim, bus(0), "eventbridge.retries"), 3.0);
        QCOMPARE(total(sim, bus(0), "eventbridge.invocations"), 0.0);
        QCOMPARE(total(sim, bus(0), "eventbridge.failed_invocations"), 1.0);
        QCOMPARE(total(sim, bus(0), "eventbridge.dlq"), 1.0);
        // The 4th attempt fails after delays of 1, 2 and 4 s, each times 0.5 to 1.5: the event
        // reaches the DLQ between 3.5 and 10.5 s.
        const std::vector<std::size_t> dlq = binsWith(sim, sqs(1), "sqs.dlq_received");
        QCOMPARE(dlq.size(), std::size_t(1));
        QVERIFY2(dlq[0] >= 3 && dlq[0] <= 10, qPrintable(QString::number(dlq[0])));
        QCOMPARE(sim.ledger().deadLettered, std::uint64_t(1));
        QCOMPARE(ledger.unbalanced, 0);
    }

    void zeroRetriesDeadLettersTheFirstFailure()
    {
        Scenario sc = failingTarget(1e6, 10);
        onlyTarget(sc).maximumRetryAttempts = 0;
        withDlq(onlyTarget(sc), sqs(1));
        Simulation sim(sc);
        inject(sim, bus(0));
        sim.run();
        QCOMPARE(total(sim, bus(0), "eventbridge.retries"), 0.0);
        QCOMPARE(binsWith(sim, sqs(1), "sqs.dlq_received"), (std::vector<std::size_t>{0}));
    }

    void defaultPolicyEndsAtTheMaximumAgeBeforeTheAttempts()
    {
        // 185 retries at the capped 512 s would take ~90,600 s: the default 24 h age ends them
        // first, after ~177 retries (the jitter's summed spread is ~1,900 s, ~4 retries; the
        // seed is fixed). The DLQ receives the event when the next try would be older than
        // 86,400 s, so within one longest delay (1.5 x 512 s) before it.
        Scenario sc = failingTarget(1e6, 90000);
        sc.binWidthSeconds = 0;
        withDlq(onlyTarget(sc), sqs(1));
        Simulation sim(sc);
        inject(sim, bus(0));
        sim.run();
        const double retries = total(sim, bus(0), "eventbridge.retries");
        QVERIFY2(retries >= 160 && retries < 185, qPrintable(QString::number(retries)));
        QCOMPARE(total(sim, bus(0), "eventbridge.dlq"), 1.0);
        const double width = sim.metrics().binWidthSeconds();
        const std::vector<std::size_t> dlq = binsWith(sim, sqs(1), "sqs.dlq_received");
        QCOMPARE(dlq.size(), std::size_t(1));
        const double at = double(dlq[0]) * width;
        QVERIFY2(at <= 86400 && at + width >= 86400 - 768, qPrintable(QString::number(at)));
    }

    void shortMaximumAgeExpiresWithoutDlq()
    {
        // Age 60 s: tries at 0, ~1, ~3, ~7, ~15, ~31 s (nominal); the next (~63 s) would be too
        // old. No DLQ: the event expires.
        Scenario sc = failingTarget(1e6, 200);
        onlyTarget(sc).maximumEventAgeSeconds = 60;
        Simulation sim(sc);
        inject(sim, bus(0));
        sim.run();
        const double retries = total(sim, bus(0), "eventbridge.retries");
        QVERIFY2(retries >= 3 && retries <= 7, qPrintable(QString::number(retries)));
        QCOMPARE(total(sim, bus(0), "eventbridge.failed_invocations"), 1.0);
        QCOMPARE(sim.ledger().expired, std::uint64_t(1));
        QCOMPARE(sim.ledger().deadLettered, std::uint64_t(0));
    }

    void exhaustedAttemptsWithoutDlqAreDropped()
    {
        Scenario sc = failingTarget(1e6, 100);
        onlyTarget(sc).maximumRetryAttempts = 2;
        Simulation sim(sc);
        inject(sim, bus(0));
        sim.run();
        QCOMPARE(sim.ledger().droppedBy[int(DropReason::AsyncDiscarded)], std::uint64_t(1));
    }

    void deliveredOnceTheTargetRecovers()
    {
        Scenario sc = failingTarget(30, 200);
        withDlq(onlyTarget(sc), sqs(1));
        Simulation sim(sc);
        inject(sim, bus(0));
        sim.run();
        QCOMPARE(total(sim, bus(0), "eventbridge.invocations"), 1.0);
        QCOMPARE(total(sim, sqs(0), "sqs.sent"), 1.0);
        QCOMPARE(total(sim, bus(0), "eventbridge.dlq"), 0.0);
        const std::vector<std::size_t> at = binsWith(sim, sqs(0), "sqs.sent");
        QVERIFY(at.size() == 1 && at[0] >= 30);
    }

    void rulesMatchIndependentlyAndFeedAllTheirTargets()
    {
        // Attribute uniform over 4 values. Rule A (values 0 and 1: 50 %) has two targets: they
        // receive exactly the same events. Rule B matches 30 % by probability, rule C everything.
        Scenario sc;
        sc.seed = 3;
        sc.durationSeconds = 1000;
        TrafficSource s = poisson(10);
        s.attributeValueCount = 4;
        sc.sources.push_back(s);
        sc.eventBuses.push_back(EventBus{});
        sc.queues.resize(3);
        sc.lambdas.push_back(fixedLambda(10));
        wire(sc, EdgeKind::Traffic, src(0), bus(0));
        rule(sc, 0, {sqs(0), sqs(1)}).matchMask = 0b0011;
        rule(sc, 0, {sqs(2)}).matchProbability = 0.3;
        rule(sc, 0, {fn(0)});
        Simulation sim(sc);
        sim.run();
        const double events = total(sim, bus(0), "eventbridge.events");
        QVERIFY(events > 9000);
        const double a0 = total(sim, sqs(0), "sqs.sent"), a1 = total(sim, sqs(1), "sqs.sent");
        QCOMPARE(a0, a1);
        QCOMPARE(total(sim, fn(0), "lambda.invocations"), events);
        const double inv = total(sim, bus(0), "eventbridge.invocations");
        QCOMPARE(inv, a0 + a1 + total(sim, sqs(2), "sqs.sent") + events);
        // 2 x 0.5 + 0.3 + 1 = 2.3 invocations per event; with ~10,000 events the sd of the ratio
        // is ~0.012, so +-0.05 is > 4 sd.
        QVERIFY2(std::abs(inv / events - 2.3) < 0.05, qPrintable(QString::number(inv / events)));
        QCOMPARE(total(sim, bus(0), "eventbridge.unmatched"), 0.0);
        QVERIFY(sim.ledger().balanced());
    }

    void eventsMatchingNoRuleAreDroppedButBilled()
    {
        Scenario sc;
        sc.durationSeconds = 10;
        sc.sources.push_back(poisson(0));
        sc.eventBuses.push_back(EventBus{});
        sc.queues.resize(1);
        rule(sc, 0, {sqs(0)}).matchProbability = 0;
        Simulation sim(sc);
        inject(sim, bus(0));
        sim.run();
        QCOMPARE(total(sim, bus(0), "eventbridge.unmatched"), 1.0);
        QCOMPARE(total(sim, bus(0), "eventbridge.billed_events"), 1.0);
        QCOMPARE(sim.ledger().droppedBy[int(DropReason::FilteredOut)], std::uint64_t(1));
    }

    void putEventsAboveTheQuotaAreThrottled()
    {
        // 100 events/s against 50 calls/s of one entry: the bucket starts with one second's
        // worth, then admits 50/s. Exact accounting: accepted + throttled = produced.
        Scenario sc;
        sc.seed = 7;
        sc.durationSeconds = 100;
        sc.sources.push_back(poisson(100));
        EventBus b;
        b.putEventsPerSecond = 50;
        sc.eventBuses.push_back(b);
        sc.queues.resize(1);
        wire(sc, EdgeKind::Traffic, src(0), bus(0));
        rule(sc, 0, {sqs(0)});
        Simulation sim(sc);
        sim.run();
        const double accepted = total(sim, bus(0), "eventbridge.events");
        const double throttled = total(sim, bus(0), "eventbridge.put_throttles");
        QCOMPARE(accepted + throttled, double(sim.ledger().produced));
        QCOMPARE(double(sim.ledger().rejected), throttled);
        QVERIFY2(accepted >= 4990 && accepted <= 5051, qPrintable(QString::number(accepted)));
        // Ten entries per call: the same quota carries 500 events/s, nothing is throttled.
        sc.eventBuses[0].entriesPerCall = 10;
        Simulation batched(sc);
        batched.run();
        QCOMPARE(total(batched, bus(0), "eventbridge.put_throttles"), 0.0);
    }

    void invocationsAboveTheQuotaAreDelayedNotDropped()
    {
        // 30 events/s for 100 s into one target against 20 invocations/s: the excess is retried
        // with backoff and delivered later; nothing is lost, and no second delivers more than the
        // quota (plus the first second's bucket).
        Scenario sc;
        sc.seed = 11;
        sc.durationSeconds = 2000;
        sc.binWidthSeconds = 1;
        TrafficSource s = poisson(30);
        s.pattern = TrafficPattern::Step;
        s.startSeconds = 100;
        s.multiplier = 0;
        sc.sources.push_back(s);
        EventBus b;
        b.invocationsPerSecond = 20;
        sc.eventBuses.push_back(b);
        sc.queues.resize(1);
        wire(sc, EdgeKind::Traffic, src(0), bus(0));
        rule(sc, 0, {sqs(0)});
        Simulation sim(sc);
        sim.run();
        const double events = total(sim, bus(0), "eventbridge.events");
        QVERIFY(total(sim, bus(0), "eventbridge.invocation_throttles") > 0);
        QCOMPARE(total(sim, bus(0), "eventbridge.invocations"), events);
        QCOMPARE(total(sim, sqs(0), "sqs.sent"), events);
        QCOMPARE(total(sim, bus(0), "eventbridge.failed_invocations"), 0.0);
        // The bucket holds one second's worth: no second exceeds rate + capacity, and over the
        // overload the mean stays at the quota.
        for (std::size_t i = 0; i < 2000; ++i)
            QVERIFY2(bin(sim, bus(0), "eventbridge.invocations", i) <= 40,
                     qPrintable(QString::number(i)));
        const double overload = sumBins(sim, bus(0), "eventbridge.invocations", 0, 100);
        QVERIFY2(overload <= 20 * 100 + 20 && overload >= 20 * 100 - 20,
                 qPrintable(QString::number(overload)));
    }

    void entriesAreBilledPer64KbChunk()
    {
        Scenario sc;
        sc.durationSeconds = 10;
        sc.sources.push_back(poisson(0));
        sc.eventBuses.push_back(EventBus{});
        sc.queues.resize(1);
        rule(sc, 0, {sqs(0)});
        Simulation sim(sc);
        for (std::uint32_t bytes : {100u, 65536u, 65537u, 262144u})
            inject(sim, bus(0), false, bytes);
        sim.run();
        QCOMPARE(total(sim, bus(0), "eventbridge.events"), 4.0);
        QCOMPARE(total(sim, bus(0), "eventbridge.billed_events"), 1.0 + 1 + 2 + 4);
    }

    void busToBusIsAPutOnTheSecondBus()
    {
        Scenario sc;
        sc.durationSeconds = 100;
        sc.sources.push_back(poisson(5));
        sc.eventBuses.resize(2);
        sc.queues.resize(1);
        wire(sc, EdgeKind::Traffic, src(0), bus(0));
        rule(sc, 0, {bus(1)});
        rule(sc, 1, {sqs(0)});
        Simulation sim(sc);
        sim.run();
        const double events = total(sim, bus(0), "eventbridge.events");
        QVERIFY(events > 300);
        QCOMPARE(total(sim, bus(1), "eventbridge.events"), events);
        QCOMPARE(total(sim, bus(1), "eventbridge.billed_events"), events);
        QCOMPARE(total(sim, sqs(0), "sqs.sent"), events);
    }
};

QTEST_APPLESS_MAIN(TestEventBridge)
#include "eventbridge.moc"
