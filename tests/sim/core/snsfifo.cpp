// SNS FIFO topics (aws-behaviour.md §3 "Topic types", "FIFO throughput history"): strict order per
// MessageGroupId end to end into a FIFO queue even while a subscription is failing and retried,
// the per-topic publish throughput limit (messages and bytes) with throttled publishes counted
// and rejected, and SQS-only subscriptions.
#include "simtestutil.h"

#include "core/services/sqs/sqsservice.h"

#include <QtTest>

#include <map>

using namespace swb::core;
using namespace swb::core::test;

namespace {

constexpr std::uint32_t kGroups = 8;

// Poisson traffic for 300 s into a FIFO topic -> FIFO queue (8 groups) -> a consumer that fails
// 20% of its batches (whole batches return after the visibility timeout and block their group);
// the consumer forwards every processed message to a standard "sink" queue nobody reads, so the
// sink's visible deque is the processing order. The queue is unreachable from 60 s to 90 s: SNS
// keeps retrying those deliveries (AWS-managed policy) while new publishes arrive.
Scenario orderedPipeline(TopicType type)
{
    Scenario sc;
    sc.seed = 11;
    sc.durationSeconds = 900;
    sc.binWidthSeconds = 1;
    TrafficSource s = poisson(40);
    s.pattern = TrafficPattern::Step; // stops at 300 s so everything drains
    s.startSeconds = 300;
    s.multiplier = 0;
    sc.sources.push_back(s);
    SnsTopic topic;
    topic.type = type;
    sc.topics.push_back(topic);
    SqsQueue fifo;
    fifo.type = QueueType::Fifo;
    fifo.messageGroupCount = kGroups;
    fifo.visibilityTimeoutSeconds = 5;
    sc.queues.push_back(fifo);
    sc.queues.push_back(SqsQueue{}); // sink
    sc.lambdas.push_back(fixedLambda(30, 0.2));
    wire(sc, EdgeKind::Traffic, src(0), sns(0));
    wire(sc, EdgeKind::Subscription, sns(0), sqs(0));
    wire(sc, EdgeKind::EventSourceMapping, sqs(0), fn(0)).esm.batchSize = 10;
    wire(sc, EdgeKind::ServiceIntegration, fn(0), sqs(1));
    Fault outage;
    outage.kind = FaultKind::Outage;
    outage.target = sqs(0);
    outage.startSeconds = 60;
    outage.durationSeconds = 30;
    sc.faults.push_back(outage);
    return sc;
}

// Messages of one group that reached the sink after a later-published message of that group.
int outOfOrder(Simulation &sim, std::size_t *processed)
{
    Kernel &k = sim.kernel();
    const std::vector<std::uint32_t> sink = k.service<SqsService>().visibleMessages(1);
    std::map<std::uint32_t, Ticks> last;
    int bad = 0;
    for (const std::uint32_t id : sink) {
        const Message &m = k.msg(id);
        const std::uint32_t g = m.key % kGroups;
        if (last.count(g) && m.created <= last[g])
            ++bad;
        last[g] = m.created;
    }
    *processed = sink.size();
    return bad;
}

Scenario throughput(TopicType type, double rate, double payloadBytes)
{
    Scenario sc;
    sc.durationSeconds = 20;
    sc.binWidthSeconds = 1;
    TrafficSource s = poisson(rate);
    s.pattern = TrafficPattern::Constant;
    s.payloadMeanBytes = payloadBytes;
    sc.sources.push_back(s);
    SnsTopic topic;
    topic.type = type;
    sc.topics.push_back(topic);
    SqsQueue q;
    q.type = type == TopicType::Fifo ? QueueType::Fifo : QueueType::Standard;
    sc.queues.push_back(q);
    wire(sc, EdgeKind::Traffic, src(0), sns(0));
    wire(sc, EdgeKind::Subscription, sns(0), sqs(0));
    return sc;
}

} // namespace

class TestSnsFifo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void groupOrderSurvivesRetriesEndToEnd()
    {
        Simulation sim(orderedPipeline(TopicType::Fifo));
        LedgerChecker ledger;
        sim.setFrameSink(&ledger);
        sim.run();
        // The outage and the failing consumer really happened.
        QVERIFY(total(sim, sns(0), "sns.delivery_retries") > 100);
        QVERIFY(total(sim, fn(0), "lambda.errors") > 50);
        std::size_t processed = 0;
        QCOMPARE(outOfOrder(sim, &processed), 0);
        // Every publish was delivered and processed exactly once.
        QCOMPARE(double(processed), total(sim, sns(0), "sns.publishes"));
        QCOMPARE(double(processed), total(sim, src(0), "source.generated"));
        QCOMPARE(ledger.unbalanced, 0);
        QVERIFY(ledger.bins > 0);
    }

    void standardTopicReordersUnderRetries()
    {
        // The same run through a standard topic: independent retries deliver out of order, so
        // the check above can see a violation.
        Simulation sim(orderedPipeline(TopicType::Standard));
        sim.run();
        std::size_t processed = 0;
        QVERIFY(outOfOrder(sim, &processed) > 0);
    }

    void publishesCapAtTheTopicLimit()
    {
        const Scenario sc = throughput(TopicType::Fifo, 5000, 100);
        const double limit = sc.topics[0].fifoPublishesPerSecond;
        QVERIFY(limit < 5000);
        Simulation sim(sc);
        sim.run();
        // The bucket starts full (one second's worth), so after the first two seconds every
        // second accepts the refill: the limit, to within one message of bin-edge rounding.
        for (std::size_t b = 2; b < 20; ++b) {
            const double ok = bin(sim, sns(0), "sns.publishes", b);
            QVERIFY2(std::abs(ok - limit) <= 1, qPrintable(QString::number(ok)));
        }
        // A throttled publish is retried by the publisher's SDK (3 attempts in all, then lost;
        // aws-behaviour.md §10): every throttle is a retry or a loss, and the losses are the
        // ledger's rejections.
        QVERIFY(total(sim, src(0), "source.sdk_retries") > 0);
        QCOMPARE(total(sim, sns(0), "sns.publish_throttles"),
                 total(sim, src(0), "source.sdk_retries") + total(sim, src(0), "source.sdk_lost"));
        QCOMPARE(double(sim.ledger().rejected), total(sim, src(0), "source.sdk_lost"));
        QVERIFY(sim.ledger().balanced());

        Simulation standard(throughput(TopicType::Standard, 5000, 100));
        standard.run();
        QCOMPARE(total(standard, sns(0), "sns.publish_throttles"), 0.0);
    }

    void bytesCapAtTheTopicLimit()
    {
        // 2,500 msg/s of 10 KiB (25 MB/s) is under the message limit but over 20 MB/s.
        const Scenario sc = throughput(TopicType::Fifo, 2500, 10240);
        const double perSecond = sc.topics[0].fifoPublishBytesPerSecond / 10240;
        QVERIFY(perSecond < 2500 && 2500 < sc.topics[0].fifoPublishesPerSecond);
        Simulation sim(sc);
        sim.run();
        const double steady = sumBins(sim, sns(0), "sns.publishes", 5, 20) / 15;
        QVERIFY2(std::abs(steady - perSecond) < 1, qPrintable(QString::number(steady)));
        QCOMPARE(sumBins(sim, sns(0), "sns.fifo_payload_bytes", 5, 20),
                 10240 * sumBins(sim, sns(0), "sns.publishes", 5, 20));
    }

    void fifoTopicDeliversOnlyToQueues()
    {
        Scenario sc;
        sc.durationSeconds = 10;
        sc.sources.push_back(poisson(0));
        SnsTopic topic;
        topic.type = TopicType::Fifo;
        sc.topics.push_back(topic);
        SqsQueue q;
        q.type = QueueType::Fifo;
        sc.queues.push_back(q);
        sc.lambdas.push_back(fixedLambda(10));
        wire(sc, EdgeKind::Subscription, sns(0), fn(0));
        wire(sc, EdgeKind::Subscription, sns(0), sqs(0));
        Simulation sim(sc);
        QCOMPARE(sim.warnings().size(), std::size_t(1));
        QVERIFY(QString::fromStdString(sim.warnings().front()).contains(QLatin1String("FIFO")));
        inject(sim, sns(0));
        sim.run();
        QCOMPARE(total(sim, sns(0), "sns.deliveries"), 1.0);
        QCOMPARE(total(sim, fn(0), "lambda.invocations"), 0.0);
        QCOMPARE(total(sim, sqs(0), "sqs.sent"), 1.0);
    }
};

QTEST_APPLESS_MAIN(TestSnsFifo)
#include "snsfifo.moc"
