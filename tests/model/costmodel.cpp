// The cost model, one hand-computed example per service from the pricing facts of
// resources/help/aws-behaviour.md (arithmetic in the comments; a month is 730 h = 2,628,000 s),
// free tier on and off, tiers across a boundary, the per-account split of free tiers.

#include "costtestutil.h"

#include <QTest>

using namespace swb;
using namespace swb::test;

namespace {

const PricingCatalogue &prices()
{
    return PricingCatalogue::builtIn();
}

CostReport estimate(const Design &d, bool freeTier = true, bool twelveMonths = false)
{
    CostOptions o;
    o.freeTier = freeTier;
    o.twelveMonthFreeTier = twelveMonths;
    return estimateMonthlyCost(d, prices(), o);
}

} // namespace

class TestCostModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void apiGatewayRestAcrossATier()
    {
        DesignBuilder b;
        const ComponentId api = b.add(ComponentKind::ApiGateway, "api");
        b.traffic(api, 400e6 / kMonth);
        // 400 M requests: 333 M x $3.50/M + 67 M x $2.80/M = 1,165.50 + 187.60 = $1,353.10.
        // The 1 M free calls are a 12-month allowance: not applied unless asked for.
        QCOMPARE(centsOf(estimate(b.design()), api, "rest-requests"), qint64(135310));
        QCOMPARE(centsOf(estimate(b.design(), false), api, "rest-requests"), qint64(135310));
        // New account: 332 M x 3.50 + 67 M x 2.80 = 1,162.00 + 187.60 = $1,349.60.
        QCOMPARE(centsOf(estimate(b.design(), true, true), api, "rest-requests"), qint64(134960));
    }

    void apiGatewayHttpMetering()
    {
        DesignBuilder b;
        const ComponentId api =
            b.add(ComponentKind::ApiGateway, "api", params({{"type", QStringLiteral("HTTP")}}));
        b.traffic(api, 150e6 / kMonth, 1200);
        // 1.2 MB requests count as 3 units of 512 KB: 150 M x 3 = 450 M units;
        // 300 M x $1.00/M + 150 M x $0.90/M = 300 + 135 = $435.00.
        const CostReport r = estimate(b.design());
        QCOMPARE(qRound64(lineOf(r, api, "http-requests")->quantity), qint64(450000000));
        QCOMPARE(centsOf(r, api, "http-requests"), qint64(43500));
    }

    void snsChunksAndFreeDeliveries()
    {
        DesignBuilder b;
        const ComponentId topic = b.add(ComponentKind::SnsTopic, "topic");
        const ComponentId queue = b.add(ComponentKind::SqsQueue, "queue");
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn");
        const ComponentId hook = b.add(ComponentKind::Downstream, "webhook",
                                       params({{"protocol", QStringLiteral("HTTP API")}}));
        b.traffic(topic, 10, 100);
        b.wire(topic, queue, ConnectionKind::Subscription);
        b.wire(topic, fn, ConnectionKind::Subscription, params({{"filterMatch", 0.5}}));
        b.wire(topic, hook, ConnectionKind::Subscription);
        const CostReport r = estimate(b.design());
        // 10/s = 26.28 M publishes of 100 KB = 2 chunks of 64 KB each: 52.56 M requests;
        // minus 1 M free = 51.56 M x $0.50/M = $25.78.
        QCOMPARE(qRound64(lineOf(r, topic, "publishes-standard")->quantity), qint64(52560000));
        QCOMPARE(centsOf(r, topic, "publishes-standard"), qint64(2578));
        // Deliveries to SQS (26.28 M) and to Lambda (half match: 13.14 M) cost nothing.
        QCOMPARE(qRound64(lineOf(r, topic, "deliveries-sqs-lambda")->quantity), qint64(39420000));
        QCOMPARE(lineOf(r, topic, "deliveries-sqs-lambda")->usd, 0.0);
        // HTTP/S: 26.28 M x $0.60/M = $15.768.
        QCOMPARE(centsOf(r, topic, "deliveries-http"), qint64(1577));
        // Free tier off: 52.56 M x $0.50/M = $26.28.
        QCOMPARE(centsOf(estimate(b.design(), false), topic, "publishes-standard"), qint64(2628));
    }

    void sqsChunksAndBatching_data()
    {
        QTest::addColumn<double>("payloadKB");
        QTest::addColumn<int>("maxConcurrency");
        QTest::addColumn<qint64>("requests");
        QTest::addColumn<qint64>("cents");
        // 100 msg/s of 1 KB to a 100 ms function with pollers to spare: a long poll returns as
        // soon as a message is there, so each message is its own batch: 262.8 M sends, 262.8 M
        // receives (1 KB, one chunk) and 262.8 M deletes; no empty receives (5/20 s x e^-2000).
        // 788.4 M - 1 M free = 787.4 M x $0.40/M = $314.96.
        QTest::newRow("1 KB") << 1.0 << -1 << qint64(788400000) << qint64(31496);
        // 100 KB: each send and each one-message receive is 2 chunks (525.6 M each), deletes
        // 262.8 M: 1,314 M - 1 M = 1,313 M x 0.40 = $525.20.
        QTest::newRow("100 KB") << 100.0 << -1 << qint64(1314000000) << qint64(52520);
        // Maximum concurrency 2 with a 1 s function: 50 messages wait per invocation, a batch
        // carries 10: 26.28 M receives of 10 x 1 KB (one chunk) and 26.28 M DeleteMessageBatch
        // calls beside the 262.8 M sends: 315.36 M - 1 M = 314.36 M x 0.40 = $125.744.
        QTest::newRow("1 KB, pollers busy") << 1.0 << 2 << qint64(315360000) << qint64(12574);
        // 100 KB, busy: receives of 10 x 100 KB = 1,000 KB are 16 chunks (420.48 M), sends
        // 525.6 M, deletes 26.28 M: 972.36 M - 1 M = 971.36 M x 0.40 = $388.544.
        QTest::newRow("100 KB, pollers busy") << 100.0 << 2 << qint64(972360000) << qint64(38854);
    }

    void sqsChunksAndBatching()
    {
        QFETCH(double, payloadKB);
        QFETCH(int, maxConcurrency);
        QFETCH(qint64, requests);
        QFETCH(qint64, cents);
        DesignBuilder b;
        const ComponentId queue = b.add(ComponentKind::SqsQueue, "queue");
        const ComponentId fn =
            b.add(ComponentKind::Lambda, "worker",
                  params({{"duration", maxConcurrency > 0 ? 1000 : 100}, {"timeout", 10}}));
        b.traffic(queue, 100, payloadKB);
        b.wire(queue, fn, ConnectionKind::EventSourceMapping,
               params({{"maximumConcurrency", maxConcurrency}}));
        const CostReport r = estimate(b.design());
        QCOMPARE(qRound64(lineOf(r, queue, "requests-standard")->quantity), requests);
        QCOMPARE(centsOf(r, queue, "requests-standard"), cents);
    }

    void snsFifoPublishesAndPayload()
    {
        // 100 publishes/s of 4 KB to a FIFO topic: 262.8 M publishes (one 64 KB chunk each) x
        // $0.30/M = $78.84, no free tier; payload 262.8 M x 4 KB = 1,002.5 GB (2^30 B) x
        // $0.017/GB = $17.04.
        DesignBuilder b;
        const ComponentId topic =
            b.add(ComponentKind::SnsTopic, "topic", params({{"type", QStringLiteral("FIFO")}}));
        const ComponentId queue =
            b.add(ComponentKind::SqsQueue, "queue", params({{"type", QStringLiteral("FIFO")}}));
        b.traffic(topic, 100, 4);
        b.wire(topic, queue, ConnectionKind::Subscription);
        const CostReport r = estimate(b.design());
        QCOMPARE(centsOf(r, topic, "publishes-fifo"), qint64(7884));
        QCOMPARE(centsOf(r, topic, "publishes-fifo-payload"), qint64(1704));
        QVERIFY(!lineOf(r, topic, "publishes-standard"));
    }

    void sqsIdleQueueEmptyReceives()
    {
        DesignBuilder b;
        const ComponentId queue = b.add(ComponentKind::SqsQueue, "queue");
        const ComponentId fn = b.add(ComponentKind::Lambda, "worker");
        b.traffic(queue, 0);
        b.wire(queue, fn, ConnectionKind::EventSourceMapping);
        // Assumption under test: 5 idle pollers x one 20 s long poll each = 0.25 empty receives/s
        // = 657,000 a month: inside the free million, $0.2628 without it.
        QCOMPARE(qRound64(lineOf(estimate(b.design()), queue, "requests-standard")->quantity),
                 qint64(657000));
        QCOMPARE(centsOf(estimate(b.design()), queue, "requests-standard"), qint64(0));
        QCOMPARE(centsOf(estimate(b.design(), false), queue, "requests-standard"), qint64(26));
    }

    void kinesisProvisioned()
    {
        DesignBuilder b;
        const ComponentId stream = b.add(ComponentKind::KinesisStream, "stream",
                                         params({{"shards", 2}, {"retentionHours", 48}}));
        const ComponentId fn = b.add(ComponentKind::Lambda, "reader");
        b.traffic(stream, 50, 30);
        b.wire(stream, fn, ConnectionKind::EventSourceMapping);
        const CostReport r = estimate(b.design());
        // 2 shards x 730 h = 1,460 shard-hours x $0.015 = $21.90.
        QCOMPARE(centsOf(r, stream, "shard-hours"), qint64(2190));
        // 50/s = 131.4 M records of 30 KB = 2 units of 25 KB: 262.8 M x $0.014/M = $3.6792.
        QCOMPARE(centsOf(r, stream, "put-payload-units"), qint64(368));
        // 48 h retention: 1,460 shard-hours x $0.02 = $29.20.
        QCOMPARE(centsOf(r, stream, "extended-retention-shard-hours"), qint64(2920));
        QVERIFY(r.warnings.isEmpty()); // 1,500 KB/s < 2 shards x 1 MB/s
    }

    void kinesisOnDemand()
    {
        DesignBuilder b;
        const ComponentId stream = b.add(ComponentKind::KinesisStream, "stream",
                                         params({{"capacityMode", QStringLiteral("On-demand")}}));
        const ComponentId fn = b.add(ComponentKind::Lambda, "reader");
        b.traffic(stream, 10, 1.5);
        b.wire(stream, fn, ConnectionKind::EventSourceMapping);
        const CostReport r = estimate(b.design());
        QCOMPARE(centsOf(r, stream, "stream-hours"), qint64(2920)); // 730 h x $0.04
        // In: 26.28 M records rounded up to 2 KB = 52.56 M KB / 1,048,576 = 50.125 GB x $0.08
        // = $4.01. Out (1 consumer): 39.42 M KB = 37.594 GB x $0.04 = $1.504.
        QCOMPARE(centsOf(r, stream, "data-in"), qint64(401));
        QCOMPARE(centsOf(r, stream, "data-out"), qint64(150));
        QVERIFY(!lineOf(r, stream, "shard-hours"));
    }

    void stepFunctionsStandardCountsRetries()
    {
        DesignBuilder b;
        const ComponentId sfn = flakyStandardWorkflow(b, 1);
        // Per execution: a 1 entry; flaky 1 + 0.1 + 0.01 + 0.001 = 1.111 (MaxAttempts 3, each
        // retry a transition), exhausted with p 0.1^4 = 0.0001 -> Catch fallback 0.0001; c reached
        // by 0.9999; nothing for the start or end (AWS counts steps executed, aws-behaviour.md
        // §6) => 3.111. 2.628 M executions x 3.111 = 8,175,708 transitions; minus 4,000 free =
        // 8,171,708 x $0.025/1,000 = $204.2927.
        const CostReport r = estimate(b.design());
        QCOMPARE(qRound64(lineOf(r, sfn, "standard-transitions")->quantity), qint64(8175708));
        QCOMPARE(centsOf(r, sfn, "standard-transitions"), qint64(20429));
        // Without the free tier: 8,175,708 x 0.000025 = $204.3927.
        QCOMPARE(centsOf(estimate(b.design(), false), sfn, "standard-transitions"), qint64(20439));
    }

    void stepFunctionsExpress()
    {
        DesignBuilder b;
        const ComponentId sfn = b.add(ComponentKind::StepFunctions, "flow",
                                      params({{"type", QStringLiteral("Express")}}));
        const ComponentId a = b.add(ComponentKind::Lambda, "a", params({{"duration", 120}}));
        const ComponentId c = b.add(ComponentKind::Lambda, "c", params({{"duration", 250}}));
        b.traffic(sfn, 1);
        b.wire(sfn, a, ConnectionKind::ServiceIntegration, params({{"order", 1}}));
        b.wire(sfn, c, ConnectionKind::ServiceIntegration, params({{"order", 2}}));
        const CostReport r = estimate(b.design());
        // 2.628 M requests x $1.00/M = $2.628.
        QCOMPARE(centsOf(r, sfn, "express-requests"), qint64(263));
        // 120 + 250 ms = 0.37 s, rounded up to 0.4 s, x 64 MB (0.0625 GB) = 0.025 GB-s per run;
        // x 2.628 M = 65,700 GB-s x $0.00001667 = $1.0952.
        QCOMPARE(lineOf(r, sfn, "express-duration")->quantity, 65700.0);
        QCOMPARE(centsOf(r, sfn, "express-duration"), qint64(110));
        QVERIFY(!lineOf(r, sfn, "standard-transitions"));
    }

    void lambdaTiersAcrossABoundary()
    {
        Design d;
        const Component fn = d.makeComponent(ComponentKind::Lambda, QStringLiteral("f"), {});
        d.components.insert(fn.id, fn);
        const QList<UsageQuantity> usage = {
            {fn.id, QStringLiteral("lambda"), QStringLiteral("duration-x86_64"), 7e9, {}}};
        // 6 B x $0.0000166667 + 1 B x $0.000015 = 100,000.20 + 15,000 = $115,000.20.
        QCOMPARE(priceUsage(d, prices(), usage, {false, false}).totalCents(), qint64(11500020));
        // arm64 tiers break at 7.5 B: 7 B x $0.0000133334 = $93,333.80.
        const QList<UsageQuantity> arm = {
            {fn.id, QStringLiteral("lambda"), QStringLiteral("duration-arm64"), 7e9, {}}};
        QCOMPARE(priceUsage(d, prices(), arm, {false, false}).totalCents(), qint64(9333380));
    }

    void freeTierIsSharedAcrossBlocksAndArchitectures()
    {
        Design d;
        const Component f1 = d.makeComponent(ComponentKind::Lambda, QStringLiteral("f1"), {});
        const Component f2 = d.makeComponent(ComponentKind::Lambda, QStringLiteral("f2"), {});
        d.components.insert(f1.id, f1);
        d.components.insert(f2.id, f2);
        const QString lambda = QStringLiteral("lambda");
        const QList<UsageQuantity> usage = {
            {f1.id, lambda, QStringLiteral("requests"), 1e6, {}},
            {f2.id, lambda, QStringLiteral("requests"), 3e6, {}},
            {f1.id, lambda, QStringLiteral("duration-x86_64"), 300000, {}},
            {f2.id, lambda, QStringLiteral("duration-arm64"), 300000, {}},
        };
        const CostReport r = priceUsage(d, prices(), usage, {});
        // Requests: 4 M - 1 M free = 3 M x $0.20/M = $0.60, split 1:3 -> $0.15 and $0.45.
        QCOMPARE(toCents(r.lines.at(0).usd), qint64(15));
        QCOMPARE(toCents(r.lines.at(1).usd), qint64(45));
        QCOMPARE(r.lines.at(0).freeQuantity, 250000.0);
        // 400,000 free GB-s cover both architectures: 200,000 each; the rest 100,000 GB-s at
        // $0.0000166667 = $1.67 (x86) and at $0.0000133334 = $1.33 (arm).
        QCOMPARE(toCents(r.lines.at(2).usd), qint64(167));
        QCOMPARE(toCents(r.lines.at(3).usd), qint64(133));
        QCOMPARE(r.totalCents(), qint64(15 + 45 + 167 + 133));
        QCOMPARE(toCents(r.totalUsd), r.totalCents());
        // Free tier off: 4 M x 0.20 = $0.80; 300,000 x 0.0000166667 = $5.00; x 0.0000133334 =
        // $4.00.
        QCOMPARE(priceUsage(d, prices(), usage, {false, false}).totalCents(),
                 qint64(80 + 500 + 400));
    }

    void lambdaFromFlowsWithProvisionedConcurrency()
    {
        DesignBuilder b;
        const ComponentId api = b.add(ComponentKind::ApiGateway, "api");
        const ComponentId fn =
            b.add(ComponentKind::Lambda, "fn",
                  params({{"memory", 1024}, {"duration", 1000}, {"provisionedConcurrency", 10}}));
        b.traffic(api, 5);
        b.wire(api, fn, ConnectionKind::SyncInvoke);
        const CostReport r = estimate(b.design());
        // 5 req/s x 1 s = 5 concurrent < 10 provisioned: every invocation runs provisioned.
        // Requests: 13.14 M - 1 M free = 12.14 M x $0.20/M = $2.428.
        QCOMPARE(centsOf(r, fn, "requests"), qint64(243));
        QCOMPARE(lineOf(r, fn, "duration-x86_64")->quantity, 0.0);
        // Configured: 10 x 1 GB x 2,628,000 s = 26.28 M GB-s x $0.0000041667 = $109.50 (no free
        // tier). Duration: 13.14 M GB-s x $0.0000097222 = $127.75.
        QCOMPARE(centsOf(r, fn, "provisioned-concurrency-x86_64"), qint64(10950));
        QCOMPARE(centsOf(r, fn, "provisioned-duration-x86_64"), qint64(12775));
        // The API passes every request on: 13.14 M x $3.50/M = $45.99.
        QCOMPARE(centsOf(r, api, "rest-requests"), qint64(4599));
    }

    void lambdaPricingPageExampleFromADesign()
    {
        // The pricing page example (512 MB, 3 M requests of 1 s) reached through the flow rates:
        // $18.73 at the catalogue's precise rate (see tests/model/pricing.cpp for the arithmetic).
        DesignBuilder b;
        const ComponentId fn =
            b.add(ComponentKind::Lambda, "fn", params({{"memory", 512}, {"duration", 1000}}));
        b.traffic(fn, 3e6 / kMonth);
        const CostReport r = estimate(b.design());
        QCOMPARE(r.totalCents(), qint64(1873));
        QCOMPARE(qRound64(lineOf(r, fn, "duration-x86_64")->quantity), qint64(1500000));
    }

    void catalogueBuiltInCodeMissingAPriceIsReported()
    {
        // The loader refuses such a file; a catalogue assembled in code is reported, not a crash.
        PricingCatalogue partial = prices();
        partial.dimensions.removeIf([](const PriceDimension &d) {
            return d.service == QLatin1String("sqs") && d.id == QLatin1String("requests-standard");
        });
        DesignBuilder b;
        const ComponentId queue = b.add(ComponentKind::SqsQueue, "queue");
        b.traffic(queue, 10);
        const CostReport r = estimateMonthlyCost(b.design(), partial, {});
        QVERIFY(linesOf(r, queue).isEmpty());
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY(r.warnings.first().contains(QStringLiteral("sqs / requests-standard")));
    }

    void rowsSumToTheTotal()
    {
        DesignBuilder b;
        const ComponentId topic = b.add(ComponentKind::SnsTopic, "topic");
        const ComponentId q1 = b.add(ComponentKind::SqsQueue, "q1");
        const ComponentId q2 = b.add(ComponentKind::SqsQueue, "q2");
        const ComponentId f1 = b.add(ComponentKind::Lambda, "f1", params({{"duration", 333.3}}));
        const ComponentId f2 = b.add(ComponentKind::Lambda, "f2", params({{"memory", 777}}));
        b.traffic(topic, 12.345, 3.3);
        b.wire(topic, q1, ConnectionKind::Subscription);
        b.wire(topic, q2, ConnectionKind::Subscription, params({{"filterMatch", 0.3}}));
        b.wire(q1, f1, ConnectionKind::EventSourceMapping);
        b.wire(q2, f2, ConnectionKind::EventSourceMapping);
        for (bool free : {true, false}) {
            const CostReport r = estimate(b.design(), free);
            double sum = 0;
            qint64 cents = 0;
            for (const CostLine &l : r.lines) {
                sum += l.usd;
                cents += toCents(l.usd);
            }
            QCOMPARE(r.totalCents(), cents);
            QVERIFY(qAbs(sum - r.totalUsd) < 1e-9);
            QVERIFY(qAbs(r.totalCents() - toCents(r.totalUsd)) <= r.lines.size() / 2 + 1);
        }
        QVERIFY(estimate(b.design(), false).totalUsd > estimate(b.design(), true).totalUsd);
    }
};

QTEST_GUILESS_MAIN(TestCostModel)
#include "costmodel.moc"
