// EventBridge through the layers (aws-behaviour.md §9): the wiring rules of a bus, its targets
// grouped into rules with their retry policies and DLQs in the scenario, the estimate's
// pattern-matched shares and per-64-KB billing, and the estimate agreeing with the simulated bill.

#include "sim/runresults.h"
#include "sim/scenariobuilder.h"

#include "../model/costtestutil.h"
#include "runtestutil.h"

#include "model/costmodel.h"
#include "model/flowrates.h"
#include "model/pricing.h"
#include "model/wiringrules.h"

#include <QTest>

#include <cmath>

using namespace swb;
using namespace swb::test;

namespace {

using K = ComponentKind;
using C = ConnectionKind;

constexpr double kTolerance = 0.05;

bool hasFinding(const BuildResult &r, const char *code)
{
    for (const BuildFinding &f : r.findings) {
        if (f.code == QLatin1String(code) && f.severity == BuildFinding::Severity::Error)
            return true;
    }
    return false;
}

BuildResult build(const Design &design)
{
    BuildOptions options;
    options.runAnalysis = false;
    return buildScenario(design, options);
}

} // namespace

class TestEventBridgeDesign : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wiringFollowsAws()
    {
        DesignBuilder b;
        const ComponentId bus = b.add(K::EventBus, "bus");
        const ComponentId other = b.add(K::EventBus, "other");
        const ComponentId fn = b.add(K::Lambda, "fn");
        const ComponentId api = b.add(K::ApiGateway, "api");
        const ComponentId queue = b.add(K::SqsQueue, "queue");
        const ComponentId fifo =
            b.add(K::SqsQueue, "fifo", params({{"type", QStringLiteral("FIFO")}}));
        const ComponentId topic = b.add(K::SnsTopic, "topic");
        const ComponentId sfn = b.add(K::StepFunctions, "sfn");
        const ComponentId db = b.add(K::Downstream, "db");
        const Design &d = b.design();
        for (ComponentId target : {fn, queue, fifo, topic, sfn, other})
            QVERIFY(checkWire(d, bus, target, C::Subscription).allowed);
        QVERIFY(!checkWire(d, bus, db, C::Subscription).allowed);
        QVERIFY(!checkWire(d, bus, fn, C::AsyncInvoke).allowed);
        // Producers: a function's PutEvents, an API's direct integration.
        QVERIFY(checkWire(d, fn, bus, C::ServiceIntegration).allowed);
        QVERIFY(checkWire(d, api, bus, C::ServiceIntegration).allowed);
        // A target's DLQ is a standard SQS queue.
        QVERIFY(checkWire(d, bus, queue, C::Redrive).allowed);
        const WiringVerdict v = checkWire(d, bus, fifo, C::Redrive);
        QVERIFY(!v.allowed);
        QVERIFY2(v.reason.contains(QLatin1String("standard")), qPrintable(v.reason));
        QCOMPARE(legalConnectionKinds(d, bus, queue).first(), C::Subscription);
    }

    void targetsBecomeRulesWithTheirRetryPolicyAndDlq()
    {
        DesignBuilder b;
        const ComponentId bus = b.add(
            K::EventBus, "bus",
            params(
                {{"entriesPerCall", 4}, {"putEventsQuota", 1200.0}, {"invocationsQuota", 2250.0}}));
        const ComponentId q1 = b.add(K::SqsQueue, "q1");
        const ComponentId q2 = b.add(K::SqsQueue, "q2");
        const ComponentId fn = b.add(K::Lambda, "fn");
        const ComponentId dlqA = b.add(K::SqsQueue, "dlq-a");
        const ComponentId dlqB = b.add(K::SqsQueue, "dlq-b");
        b.traffic(bus, 10, 1,
                  params({{"attributes", QStringLiteral("type=order:0.5,type=refund:0.5")}}));
        b.wire(bus, q1, C::Subscription,
               params({{"rule", QStringLiteral("orders")},
                       {"eventPattern", QStringLiteral("type=order")},
                       {"maximumEventAge", 600},
                       {"maximumRetryAttempts", 7},
                       {"deadLetterQueue", QStringLiteral("dlq-b")}}));
        b.wire(bus, fn, C::Subscription,
               params({{"rule", QStringLiteral("orders")},
                       {"eventPattern", QStringLiteral("type=order")}}));
        b.wire(bus, q2, C::Subscription, params({{"patternMatch", 0.25}}));
        b.wire(bus, dlqA, C::Redrive);
        b.wire(bus, dlqB, C::Redrive);
        const BuildResult r = build(b.design());
        QVERIFY2(r.ok, qPrintable(r.errorText()));
        QCOMPARE(r.scenario.eventBuses.size(), std::size_t(1));
        const core::EventBus &eb = r.scenario.eventBuses[0];
        QCOMPARE(eb.entriesPerCall, 4u);
        QCOMPARE(eb.putEventsPerSecond, 1200.0);
        QCOMPARE(eb.invocationsPerSecond, 2250.0);
        QCOMPARE(eb.rules.size(), std::size_t(2));
        // "orders": one pattern for two targets, exact over the attribute's two values.
        const core::EventBusRule &orders = eb.rules[0];
        QCOMPARE(orders.targets.size(), std::size_t(2));
        QVERIFY(orders.matchMask != 0);
        const core::EventBusTarget &t1 = orders.targets[0];
        QCOMPARE(r.scenario.edges[t1.edge].to, r.refOf(q1));
        QCOMPARE(t1.maximumEventAgeSeconds, 600.0);
        QCOMPARE(t1.maximumRetryAttempts, 7u);
        QCOMPARE(t1.deadLetterKind, std::uint8_t(core::ComponentKind::SqsQueue));
        QCOMPARE(t1.deadLetterIndex, r.refOf(dlqB).index);
        // Defaults: 24 h, 185 retries; two DLQ wires and none named: no DLQ.
        const core::EventBusTarget &t2 = orders.targets[1];
        QCOMPARE(r.scenario.edges[t2.edge].to, r.refOf(fn));
        QCOMPARE(t2.maximumEventAgeSeconds, 86400.0);
        QCOMPARE(t2.maximumRetryAttempts, 185u);
        QCOMPARE(t2.deadLetterKind, std::uint8_t(0));
        QCOMPARE(eb.rules[1].matchProbability, 0.25);
        QCOMPARE(eb.rules[1].matchMask, std::uint64_t(0));
    }

    void ruleLimitsAndPatternsAreChecked()
    {
        DesignBuilder b;
        const ComponentId bus = b.add(K::EventBus, "bus");
        for (int i = 0; i < 6; ++i) {
            const QByteArray name = "q" + QByteArray::number(i);
            b.wire(bus, b.add(K::SqsQueue, name.constData()), C::Subscription,
                   params({{"rule", QStringLiteral("all")}}));
        }
        QVERIFY(hasFinding(build(b.design()), "sim-rule-targets")); // 6 > 5 targets

        DesignBuilder p;
        const ComponentId bus2 = p.add(K::EventBus, "bus");
        p.wire(bus2, p.add(K::SqsQueue, "a"), C::Subscription,
               params({{"rule", QStringLiteral("r")}, {"patternMatch", 0.5}}));
        p.wire(bus2, p.add(K::SqsQueue, "b"), C::Subscription,
               params({{"rule", QStringLiteral("r")}, {"patternMatch", 0.2}}));
        p.wire(bus2, p.add(K::SqsQueue, "c"), C::Subscription,
               params({{"deadLetterQueue", QStringLiteral("nowhere")}}));
        const BuildResult r = build(p.design());
        QVERIFY(hasFinding(r, "sim-rule-patterns"));
        QVERIFY(hasFinding(r, "sim-rule-dlq"));
        QVERIFY(!r.ok);
    }

    void estimateMatchesPatternsAndBillsPer64KbChunk()
    {
        // 100 events/s of 100 KB (two 64 KB chunks each): the bus bills 200 events/s; the
        // "orders" rule's targets get the 60 % whose type is order, the other rule 25 %.
        DesignBuilder b;
        const ComponentId bus = b.add(K::EventBus, "bus");
        const ComponentId q1 = b.add(K::SqsQueue, "q1");
        const ComponentId q2 = b.add(K::SqsQueue, "q2");
        b.traffic(bus, 100, 100,
                  params({{"attributes", QStringLiteral("type=order:0.6,type=refund:0.4")}}));
        b.wire(bus, q1, C::Subscription, params({{"eventPattern", QStringLiteral("type=order")}}));
        b.wire(bus, q2, C::Subscription, params({{"patternMatch", 0.25}}));
        const FlowRates flows = computeFlowRates(b.design());
        QVERIFY(std::abs(flows.components.value(q1).inRate - 60) < 1e-9);
        QVERIFY(std::abs(flows.components.value(q2).inRate - 25) < 1e-9);
        const CostReport estimate =
            estimateMonthlyCost(b.design(), PricingCatalogue::builtIn(), noFreeTier());
        const CostLine *events = lineOf(estimate, bus, "events");
        QVERIFY(events);
        QVERIFY2(std::abs(events->quantity - 200 * kMonth) < 1e-6 * events->quantity,
                 qPrintable(QString::number(events->quantity)));
        QVERIFY(std::abs(events->usd - 200 * kMonth / 1e6 * 1.00) < 0.01);
    }

    void estimateAndSimulationAgreeWithin5Percent()
    {
        // One simulated hour at 100 events/s (360,000 events): the sampling noise of the matched
        // shares is ~0.1 %, far inside 5 %; the bill is the measured billed_events scaled to the
        // month, the estimate the flow rates.
        DesignBuilder b;
        const ComponentId bus = b.add(K::EventBus, "bus");
        const ComponentId q1 = b.add(K::SqsQueue, "q1");
        const ComponentId q2 = b.add(K::SqsQueue, "q2");
        const ComponentId fn = b.add(K::Lambda, "fn");
        b.traffic(bus, 100, 100,
                  params({{"attributes", QStringLiteral("type=order:0.6,type=refund:0.4")}}));
        b.wire(bus, q1, C::Subscription,
               params({{"rule", QStringLiteral("orders")},
                       {"eventPattern", QStringLiteral("type=order")}}));
        b.wire(bus, fn, C::Subscription,
               params({{"rule", QStringLiteral("orders")},
                       {"eventPattern", QStringLiteral("type=order")}}));
        b.wire(bus, q2, C::Subscription, params({{"patternMatch", 0.25}}));
        const CostOptions options = noFreeTier();
        const CostReport estimate =
            estimateMonthlyCost(b.design(), PricingCatalogue::builtIn(), options);
        const RunResults run = runFor(b.design(), 3600, &PricingCatalogue::builtIn());
        const CostReport simulated =
            measuredCostReport(b.design(), run, PricingCatalogue::builtIn(), &options);
        for (const auto &[id, service] : {std::pair(bus, "eventbridge"), std::pair(q1, "sqs"),
                                          std::pair(q2, "sqs"), std::pair(fn, "lambda")}) {
            const double e = usdOf(estimate, id, QLatin1String(service));
            const double s = usdOf(simulated, id, QLatin1String(service));
            qInfo("%s: estimate $%.2f, simulated $%.2f", service, e, s);
            QVERIFY(e > 1);
            QVERIFY2(std::abs(e - s) <= kTolerance * std::max(e, s),
                     qPrintable(
                         QStringLiteral("%1: %2 vs %3").arg(QLatin1String(service)).arg(e).arg(s)));
        }
        const double put = seriesTotal(run, bus, QStringLiteral("eventbridge.events"));
        QVERIFY(put > 350000);
        QCOMPARE(seriesTotal(run, bus, QStringLiteral("eventbridge.billed_events")), 2 * put);
    }
};

QTEST_GUILESS_MAIN(TestEventBridgeDesign)
#include "eventbridge.moc"
