// The analytic estimate (swb cost: flow rates -> usage -> prices) and the simulated bill (swb
// simulate: measured billed_* series -> the same prices) agree: for every bundled
// pattern with an SQS queue, each queue's SQS requests and each queue-fed function's Lambda
// charges are within 5% of each other; an SNS FIFO topic bills $0.30/M publishes plus its payload
// per GB in both. Both figures are computed through the public APIs; the free tier is off so
// each block's row depends on its own usage only.

#include "sim/runresults.h"

#include "../model/costtestutil.h"
#include "runtestutil.h"

#include "model/costmodel.h"
#include "model/patterns.h"
#include "model/pricing.h"

#include <QTest>

#include <cmath>

using namespace swb;
using namespace swb::test;

namespace {

// 5%: the estimate's batch fill is a queueing approximation of the engine's long-poll batches
// (within 5% over 2-1,000 pollers, flowratesconsumers.cpp), and a 1 h run of Poisson traffic at
// the patterns' rates (>= 50 msg/s, >= 180,000 messages) has sampling noise well below 1%.
constexpr double kTolerance = 0.05;
// Rows below a cent a month are compared absolutely (e.g. a DLQ that receives nothing).
constexpr double kNegligibleUsd = 0.01;

bool agree(double a, double b)
{
    return std::abs(a - b) <= std::max(kNegligibleUsd, kTolerance * std::max(a, b));
}

RunResults simulateHour(const Design &design)
{
    return runFor(design, 3600, &PricingCatalogue::builtIn());
}

} // namespace

class TestCostAgreement : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void queuesAndTheirConsumers_data()
    {
        QTest::addColumn<QString>("pattern");
        int withQueue = 0;
        for (const QString &id : patternIds()) {
            const std::optional<Design> d = makePattern(id);
            QVERIFY(d.has_value());
            bool hasQueue = false;
            for (const Component &c : d->components)
                hasQueue = hasQueue || c.kind == ComponentKind::SqsQueue;
            if (hasQueue) {
                QTest::newRow(qPrintable(id)) << id;
                ++withQueue;
            }
        }
        QVERIFY(withQueue >= 3); // sns-fanout, sqs-lambda, kinesis-lambda at least
    }

    void queuesAndTheirConsumers()
    {
        QFETCH(QString, pattern);
        const Design design = *makePattern(pattern);
        const CostOptions options = noFreeTier();
        const CostReport estimate =
            estimateMonthlyCost(design, PricingCatalogue::builtIn(), options);
        const RunResults run = simulateHour(design);
        const CostReport simulated =
            measuredCostReport(design, run, PricingCatalogue::builtIn(), &options);
        int compared = 0;
        for (const Component &c : design.components) {
            if (c.kind != ComponentKind::SqsQueue)
                continue;
            const double a = usdOf(estimate, c.id, QStringLiteral("sqs"));
            const double s = usdOf(simulated, c.id, QStringLiteral("sqs"));
            qInfo("%s %s: SQS estimate $%.2f, simulated $%.2f", qPrintable(pattern),
                  qPrintable(c.name), a, s);
            QVERIFY2(
                agree(a, s),
                qPrintable(
                    QStringLiteral("%1: estimate %2, simulated %3").arg(c.name).arg(a).arg(s)));
            ++compared;
            for (const Connection *w : design.outgoing(c.id)) {
                if (w->kind != ConnectionKind::EventSourceMapping)
                    continue;
                const Component *fn = design.component(w->target);
                const double fa = usdOf(estimate, fn->id, QStringLiteral("lambda"));
                const double fs = usdOf(simulated, fn->id, QStringLiteral("lambda"));
                qInfo("%s %s: Lambda estimate $%.2f, simulated $%.2f", qPrintable(pattern),
                      qPrintable(fn->name), fa, fs);
                QVERIFY2(agree(fa, fs), qPrintable(QStringLiteral("%1: estimate %2, simulated %3")
                                                       .arg(fn->name)
                                                       .arg(fa)
                                                       .arg(fs)));
            }
        }
        QVERIFY(compared > 0);
    }

    void stepFunctionsStandardBillsEveryStepExecuted()
    {
        // Three Lambda tasks, the middle one failing 10% of attempts (3 retries, then the Catch
        // fallback): 3.111 transitions per execution by AWS's rule (a transition per step
        // executed, retries included; aws-behaviour.md §6). The simulated bill is exactly the
        // run's sfn.transitions scaled to the month, and the estimate agrees within 5%: 72,000
        // executions in the hour, so the retry count's sampling error is ~0.1% of the total.
        DesignBuilder b;
        const ComponentId sfn = flakyStandardWorkflow(b, 20);
        const CostOptions options = noFreeTier();
        const CostReport estimate =
            estimateMonthlyCost(b.design(), PricingCatalogue::builtIn(), options);
        const RunResults run = simulateHour(b.design());
        const CostReport simulated =
            measuredCostReport(b.design(), run, PricingCatalogue::builtIn(), &options);
        const CostLine *e = lineOf(estimate, sfn, "standard-transitions");
        const CostLine *s = lineOf(simulated, sfn, "standard-transitions");
        QVERIFY(e && s);
        const double executions = seriesTotal(run, sfn, QStringLiteral("sfn.executions"));
        const double transitions = seriesTotal(run, sfn, QStringLiteral("sfn.transitions"));
        QVERIFY(executions > 70000);
        QVERIFY2(std::abs(transitions / executions - 3.111) < 0.01,
                 qPrintable(QString::number(transitions / executions)));
        QVERIFY2(
            std::abs(s->quantity - transitions * kMonth / 3600) < 1e-6 * s->quantity,
            qPrintable(
                QStringLiteral("billed %1, series %2 x month").arg(s->quantity).arg(transitions)));
        QVERIFY2(std::abs(e->quantity - 3.111 * 20 * kMonth) < 1e-6 * e->quantity,
                 qPrintable(QString::number(e->quantity)));
        qInfo("Standard workflow: estimate $%.2f, simulated $%.2f", e->usd, s->usd);
        QVERIFY(std::abs(e->usd - s->usd) <= kTolerance * std::max(e->usd, s->usd));
    }

    void fifoTopicBillsPublishesAndPayload()
    {
        // 200 msg/s of 8 KB through a FIFO topic into a FIFO queue read by a function.
        DesignBuilder b;
        const ComponentId topic =
            b.add(ComponentKind::SnsTopic, "orders", params({{"type", QStringLiteral("FIFO")}}));
        const ComponentId queue =
            b.add(ComponentKind::SqsQueue, "orders-queue",
                  params({{"type", QStringLiteral("FIFO")}, {"messageGroups", 20}}));
        const ComponentId fn = b.add(ComponentKind::Lambda, "worker");
        b.traffic(topic, 200, 8);
        b.wire(topic, queue, ConnectionKind::Subscription);
        b.wire(queue, fn, ConnectionKind::EventSourceMapping);
        const CostOptions options = noFreeTier();
        const PricingCatalogue &catalogue = PricingCatalogue::builtIn();
        const CostReport estimate = estimateMonthlyCost(b.design(), catalogue, options);
        const CostReport simulated = measuredCostReport(b.design(), simulateHour(b.design()),
                                                        PricingCatalogue::builtIn(), &options);
        const PriceDimension *perGb =
            catalogue.dimension(QStringLiteral("sns"), QStringLiteral("publishes-fifo-payload"));
        QVERIFY(perGb && !perGb->tiers.isEmpty());
        for (const CostReport *r : {&estimate, &simulated}) {
            const CostLine *publishes = lineOf(*r, topic, "publishes-fifo");
            const CostLine *payload = lineOf(*r, topic, "publishes-fifo-payload");
            QVERIFY(publishes && payload);
            QVERIFY(!lineOf(*r, topic, "publishes-standard"));
            // A month of 200 publishes/s, one 64 KB chunk each, and 8 KB each in GB.
            QVERIFY(std::abs(publishes->quantity / (200 * kMonth) - 1) < 0.01);
            QVERIFY(std::abs(payload->quantity / (200 * kMonth * 8 / (1024.0 * 1024)) - 1) < 0.01);
            QVERIFY(std::abs(payload->usd - payload->quantity * perGb->tiers.first().price)
                    < 1e-6 * payload->usd);
        }
        for (const auto &[id, service] :
             {std::pair(topic, "sns"), std::pair(queue, "sqs"), std::pair(fn, "lambda")})
            qInfo("FIFO design %s: estimate $%.2f, simulated $%.2f", service,
                  usdOf(estimate, id, QLatin1String(service)),
                  usdOf(simulated, id, QLatin1String(service)));
        QVERIFY(agree(usdOf(estimate, topic, QStringLiteral("sns")),
                      usdOf(simulated, topic, QStringLiteral("sns"))));
        QVERIFY(agree(usdOf(estimate, queue, QStringLiteral("sqs")),
                      usdOf(simulated, queue, QStringLiteral("sqs"))));
        QVERIFY(agree(usdOf(estimate, fn, QStringLiteral("lambda")),
                      usdOf(simulated, fn, QStringLiteral("lambda"))));
    }
};

QTEST_GUILESS_MAIN(TestCostAgreement)
#include "costagreement.moc"
