// An Outage on one SNS subscription (core::Fault::edge): only that endpoint is unavailable. Its
// deliveries fail and the subscription's delivery policy retries them: for SQS and Lambda
// endpoints the AWS-managed policy, 3 immediate retries, 2 one second apart, then 10 with
// exponential backoff from 1 to 20 s, then every 20 s for up to 23 days; for HTTP/S the default
// policy, 3 retries 20 s apart (aws-behaviour.md §3 "Delivery retries"). Once the policy is
// exhausted the message goes to the subscription DLQ, or is discarded. The topic's other
// subscriptions, and the endpoint's other senders, see nothing.
#include "simtestutil.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

namespace {

Fault subscriptionOutage(std::uint32_t edge, double start, double duration)
{
    Fault f;
    f.kind = FaultKind::Outage;
    f.edge = edge;
    f.startSeconds = start;
    f.durationSeconds = duration;
    return f;
}

// Seconds from the first attempt to each retry of the AWS-managed policy, the first `n` of them
// (aws-behaviour.md §3): 3 immediate, 2 one second apart, 10 from 1 s to 20 s (x 20^(1/9) each),
// then 20 s apart.
std::vector<double> managedRetryTimes(int n)
{
    std::vector<double> at;
    double t = 0;
    for (int r = 1; r <= n; ++r) {
        double delay = 20;
        if (r <= 3)
            delay = 0;
        else if (r <= 5)
            delay = 1;
        else if (r <= 15)
            delay = std::pow(20.0, (r - 6) / 9.0);
        t += delay;
        at.push_back(t);
    }
    return at;
}

} // namespace

class TestSubscriptionOutage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onlyTheFailingSubscriptionRetries()
    {
        // A topic with two queue subscriptions; the first subscription's endpoint is out from
        // 10 s to 40 s. 10 publishes/s, and 5 messages/s sent straight to the first queue by
        // another client; both constant.
        Scenario sc;
        sc.durationSeconds = 200;
        sc.binWidthSeconds = 1;
        TrafficSource s = poisson(10);
        s.pattern = TrafficPattern::Constant;
        sc.sources.push_back(s);
        s.ratePerSecond = 5;
        sc.sources.push_back(s);
        sc.topics.push_back(SnsTopic{});
        sc.queues.push_back(SqsQueue{});
        sc.queues.push_back(SqsQueue{});
        wire(sc, EdgeKind::Traffic, src(0), sns(0));
        wire(sc, EdgeKind::Subscription, sns(0), sqs(0));
        wire(sc, EdgeKind::Subscription, sns(0), sqs(1));
        wire(sc, EdgeKind::Traffic, src(1), sqs(0));
        sc.faults.push_back(subscriptionOutage(1, 10, 30));
        Simulation sim(sc);
        sim.run();
        const double published = total(sim, sns(0), "sns.publishes");
        const double direct = total(sim, src(1), "source.generated");
        QVERIFY(published > 1900);
        // Every message reaches both queues, the failing subscription's late, after retries.
        QCOMPARE(total(sim, sqs(0), "sqs.sent"), published + direct);
        QCOMPARE(total(sim, sqs(1), "sqs.sent"), published);
        // Each failed attempt is retried (the policy runs for 23 days): none to a DLQ, none lost.
        const double failures = total(sim, sns(0), "sns.delivery_failures");
        QVERIFY(failures > 300);
        QCOMPARE(total(sim, sns(0), "sns.delivery_retries"), failures);
        QCOMPARE(total(sim, sns(0), "sns.dlq"), 0.0);
        QCOMPARE(sim.ledger().rejected, std::uint64_t(0));
        // During the outage the first queue gets only the other client's messages, the second
        // queue every publish.
        QCOMPARE(sumBins(sim, sqs(0), "sqs.sent", 11, 40), 5.0 * 29);
        QCOMPARE(sumBins(sim, sqs(1), "sqs.sent", 11, 40), 10.0 * 29);
        // Second by second, the first queue gets exactly what the policy predicts. A constant
        // source's k-th arrival is at k / rate (k >= 1: the first one a gap after 0), so publishes
        // come at k x 0.1 s and the other client's sends at k x 0.2 s. A publish before 10 s or
        // from 40 s on is delivered at once; one at t in [10 s, 40 s) fails at t and at each retry
        // t + managedRetryTimes() before 40 s, and is delivered at its first retry at or after
        // 40 s. (This is why "caught up by 61 s" once expected 914 and got 913: 0.2 x 305 = 61.0
        // falls in bin 61, so [0, 61) holds 304 direct sends, not 5 x 61.)
        const std::vector<double> retries = managedRetryTimes(40);
        const Ticks outageEnd = secondsToTicks(40);
        std::vector<double> expected(80, 0.0);
        Ticks lastLate = 0;
        for (Ticks k = 1; k * 200000 < 80 * kTicksPerSecond; ++k)
            expected[std::size_t(k * 200000 / kTicksPerSecond)] += 1;
        for (Ticks k = 1; k * 100000 < 80 * kTicksPerSecond; ++k) {
            const Ticks t = k * 100000;
            Ticks at = t;
            if (t >= secondsToTicks(10) && t < outageEnd) {
                for (double r : retries) {
                    at = t + secondsToTicks(r);
                    if (at >= outageEnd)
                        break;
                }
                lastLate = std::max(lastLate, at);
            }
            if (at < 80 * kTicksPerSecond)
                expected[std::size_t(at / kTicksPerSecond)] += 1;
        }
        // The last late delivery: the publish at 14.4 s, whose 12th retry (25.5 s after it)
        // fails at 39.9 s and whose 13th (35.8 s after it) succeeds at 50.2 s.
        QVERIFY2(lastLate > secondsToTicks(50.2) && lastLate < secondsToTicks(50.3),
                 qPrintable(QString::number(ticksToSeconds(lastLate))));
        for (std::size_t b = 0; b < expected.size(); ++b)
            QVERIFY2(bin(sim, sqs(0), "sqs.sent", b) == expected[b],
                     qPrintable(QStringLiteral("bin %1: %2 sends, the policy predicts %3")
                                    .arg(b)
                                    .arg(bin(sim, sqs(0), "sqs.sent", b))
                                    .arg(expected[b])));
        // So by 51 s the first queue has caught up with the second (plus the direct sends).
        QCOMPARE(sumBins(sim, sqs(0), "sqs.sent", 0, 51),
                 sumBins(sim, sqs(1), "sqs.sent", 0, 51) + (51.0 * 5 - 1));
    }

    void aFunctionEndpointFollowsTheManagedPolicy()
    {
        // One publish at 0 to a function subscription that is out for 10 s: attempts at 0 and
        // at each retry time of the AWS-managed policy until one falls at or after 10 s; the
        // function runs once, then, and no Lambda service error is counted (the function was
        // never called while its subscription's endpoint was out).
        Scenario sc;
        sc.durationSeconds = 120;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(0));
        sc.topics.push_back(SnsTopic{});
        sc.lambdas.push_back(fixedLambda(100));
        wire(sc, EdgeKind::Subscription, sns(0), fn(0));
        sc.faults.push_back(subscriptionOutage(0, 0, 10));
        Simulation sim(sc);
        inject(sim, sns(0));
        sim.run();
        int failed = 1; // the first attempt, at 0
        std::size_t deliveredAt = 0;
        for (double t : managedRetryTimes(40)) {
            if (t >= 10) {
                deliveredAt = static_cast<std::size_t>(t);
                break;
            }
            ++failed;
        }
        QCOMPARE(total(sim, sns(0), "sns.delivery_failures"), double(failed));
        QCOMPARE(total(sim, sns(0), "sns.delivery_retries"), double(failed));
        QCOMPARE(total(sim, fn(0), "lambda.invocations"), 1.0);
        QCOMPARE(bin(sim, fn(0), "lambda.invocations", deliveredAt), 1.0);
        QCOMPARE(total(sim, fn(0), "lambda.service_errors"), 0.0);
    }

    void anHttpEndpointExhaustsItsPolicyIntoTheSubscriptionDlq()
    {
        // A topic with a queue subscription and an HTTP/S subscription (a Downstream endpoint)
        // whose endpoint is out for 100 s; one publish at 0. The queue gets it at once. The HTTP/S
        // default policy makes 3 retries 20 s apart (aws-behaviour.md §3 table): attempts at 0,
        // 20, 40 and 60 s fail, and at 60 s the message goes to the subscription's DLQ, or with
        // none is discarded (SnsExhausted). The endpoint itself is never called.
        for (const bool withDlq : {true, false}) {
            Scenario sc;
            sc.durationSeconds = 120;
            sc.binWidthSeconds = 1;
            sc.sources.push_back(poisson(0));
            sc.topics.push_back(SnsTopic{});
            sc.queues.push_back(SqsQueue{});
            sc.queues.push_back(SqsQueue{}); // the subscription DLQ
            sc.downstreams.push_back(Downstream{});
            wire(sc, EdgeKind::Subscription, sns(0), sqs(0));
            Edge &http = wire(sc, EdgeKind::Subscription, sns(0), down(0));
            if (withDlq)
                http.sub.deadLetter = sqs(1);
            sc.faults.push_back(subscriptionOutage(1, 0, 100));
            Simulation sim(sc);
            inject(sim, sns(0));
            sim.run();
            QCOMPARE(bin(sim, sqs(0), "sqs.sent", 0), 1.0);
            QCOMPARE(total(sim, sns(0), "sns.delivery_failures"), 4.0);
            QCOMPARE(total(sim, sns(0), "sns.delivery_retries"), 3.0);
            QCOMPARE(total(sim, sns(0), "sns.deliveries"), 1.0); // the queue's only
            QCOMPARE(bin(sim, sns(0), "sns.dlq", 60), withDlq ? 1.0 : 0.0);
            QCOMPARE(total(sim, sns(0), "sns.dlq"), withDlq ? 1.0 : 0.0);
            QCOMPARE(sim.ledger().droppedBy[int(DropReason::SnsExhausted)],
                     std::uint64_t(withDlq ? 0 : 1));
            QVERIFY(sim.ledger().balanced());
        }
    }

    void theManagedPolicyGivesUpAfter23Days()
    {
        // A queue subscription whose endpoint stays out for 24 days; one publish at 0. The
        // AWS-managed policy retries 100,015 times (aws-behaviour.md §3): 3 immediate, 2 after
        // 1 s, 10 from 1 s to 20 s (68.1 s in all), then 100,000 at 20 s: its last retry is at
        // 2 + 68.1 + 2,000,000 s = 23.15 days, which fails too, and the message goes to the
        // subscription DLQ then.
        Scenario sc;
        sc.durationSeconds = 24 * 86400;
        sc.binWidthSeconds = 3600;
        sc.sources.push_back(poisson(0));
        sc.topics.push_back(SnsTopic{});
        sc.queues.push_back(SqsQueue{});
        sc.queues.push_back(SqsQueue{}); // the subscription DLQ
        wire(sc, EdgeKind::Subscription, sns(0), sqs(0)).sub.deadLetter = sqs(1);
        sc.faults.push_back(subscriptionOutage(0, 0, 24 * 86400));
        Simulation sim(sc);
        inject(sim, sns(0));
        sim.run();
        QCOMPARE(total(sim, sns(0), "sns.delivery_failures"), 100016.0);
        QCOMPARE(total(sim, sns(0), "sns.delivery_retries"), 100015.0);
        const std::vector<double> at = managedRetryTimes(100015);
        QVERIFY2(std::abs(at.back() - 2000070.1) < 0.1, qPrintable(QString::number(at.back())));
        QCOMPARE(bin(sim, sns(0), "sns.dlq", std::size_t(at.back() / 3600)), 1.0);
        QCOMPARE(total(sim, sns(0), "sns.dlq"), 1.0);
        QCOMPARE(total(sim, sqs(0), "sqs.sent"), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestSubscriptionOutage)
#include "subscriptionoutage.moc"
