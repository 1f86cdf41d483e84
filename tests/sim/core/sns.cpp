// SNS: deliveries = publishes x matching subscriptions (filter policies);
// a failing subscriber follows its delivery retry policy, then the subscription DLQ.
#include "simtestutil.h"

#include <QtTest>

#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

class TestSns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deliveriesArePublishesTimesMatchingSubscriptions()
    {
        Scenario sc;
        sc.seed = 3;
        sc.durationSeconds = 1000;
        TrafficSource s = poisson(10);
        s.attributeValueCount = 4; // attribute uniform over {0,1,2,3}
        sc.sources.push_back(s);
        sc.topics.push_back(SnsTopic{});
        sc.queues.resize(2);
        sc.lambdas.push_back(fixedLambda(10));
        wire(sc, EdgeKind::Traffic, src(0), sns(0));
        wire(sc, EdgeKind::Subscription, sns(0), sqs(0)).sub.filterValueMask = 0b0011; // 50%
        wire(sc, EdgeKind::Subscription, sns(0), fn(0));                               // all
        wire(sc, EdgeKind::Subscription, sns(0), sqs(1)).sub.filterMatchProbability = 0.3;
        Simulation sim(sc);
        sim.run();
        const double pub = total(sim, sns(0), "sns.publishes");
        const double del = total(sim, sns(0), "sns.deliveries");
        // Every (publish, subscription) pair is either delivered or filtered out: exact.
        QCOMPARE(del + total(sim, sns(0), "sns.filtered"), 3 * pub);
        QCOMPARE(del, total(sim, sqs(0), "sqs.sent") + total(sim, sqs(1), "sqs.sent")
                          + total(sim, fn(0), "lambda.invocations"));
        QCOMPARE(total(sim, fn(0), "lambda.invocations"), pub);
        // Expected 0.5 + 1 + 0.3 = 1.8 per publish; with ~10,000 publishes the sd of the ratio
        // is ~0.007, so +-0.03 is > 4 sigma.
        QVERIFY2(std::abs(del / pub - 1.8) < 0.03, qPrintable(QString::number(del / pub)));
        QVERIFY(sim.ledger().balanced());
    }

    void noMatchingSubscriptionDropsThePublish()
    {
        Scenario sc;
        sc.durationSeconds = 10;
        sc.sources.push_back(poisson(0));
        sc.topics.push_back(SnsTopic{});
        sc.queues.resize(1);
        wire(sc, EdgeKind::Subscription, sns(0), sqs(0)).sub.filterMatchProbability = 0;
        Simulation sim(sc);
        inject(sim, sns(0));
        sim.run();
        QCOMPARE(sim.ledger().droppedBy[int(DropReason::FilteredOut)], std::uint64_t(1));
    }

    void httpSubscriberFollowsPolicyThenDlq()
    {
        // HTTP/S default policy: 3 retries 20 s apart (4 attempts), then the DLQ (aws-behaviour.md
        // §3).
        Scenario sc;
        sc.durationSeconds = 200;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(0));
        sc.topics.push_back(SnsTopic{});
        sc.downstreams.push_back(Downstream{});
        sc.queues.resize(1);
        wire(sc, EdgeKind::Subscription, sns(0), down(0)).sub.deadLetter = sqs(0);
        Fault outage;
        outage.kind = FaultKind::Outage;
        outage.target = down(0);
        outage.durationSeconds = 1000;
        sc.faults.push_back(outage);
        Simulation sim(sc);
        inject(sim, sns(0));
        sim.run();
        QCOMPARE(binsWith(sim, sns(0), "sns.delivery_failures"),
                 (std::vector<std::size_t>{0, 20, 40, 60}));
        QCOMPARE(total(sim, sns(0), "sns.delivery_retries"), 3.0);
        QCOMPARE(binsWith(sim, sqs(0), "sqs.dlq_received"), (std::vector<std::size_t>{60}));
        QCOMPARE(sim.ledger().deadLettered, std::uint64_t(1));
    }

    void httpSubscriberWithoutDlqIsDiscarded()
    {
        Scenario sc;
        sc.durationSeconds = 100;
        sc.sources.push_back(poisson(0));
        sc.topics.push_back(SnsTopic{});
        sc.downstreams.push_back(Downstream{});
        wire(sc, EdgeKind::Subscription, sns(0), down(0));
        Fault outage;
        outage.kind = FaultKind::Outage;
        outage.target = down(0);
        outage.durationSeconds = 1000;
        sc.faults.push_back(outage);
        Simulation sim(sc);
        inject(sim, sns(0));
        sim.run();
        QCOMPARE(sim.ledger().droppedBy[int(DropReason::SnsExhausted)], std::uint64_t(1));
    }

    void awsManagedEndpointRetriesImmediatelyThenBacksOff()
    {
        // SQS endpoint unavailable for 100 s: 1 + 3 immediate attempts at 0 s, 2 one second
        // apart, then the exponential 1 -> 20 s phase, then every 20 s; delivered on the first
        // attempt after the outage, no DLQ.
        Scenario sc;
        sc.durationSeconds = 200;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(0));
        sc.topics.push_back(SnsTopic{});
        sc.queues.resize(2);
        wire(sc, EdgeKind::Subscription, sns(0), sqs(0)).sub.deadLetter = sqs(1);
        Fault outage;
        outage.kind = FaultKind::Outage;
        outage.target = sqs(0);
        outage.durationSeconds = 100;
        sc.faults.push_back(outage);
        Simulation sim(sc);
        inject(sim, sns(0));
        sim.run();
        QCOMPARE(bin(sim, sns(0), "sns.delivery_failures", 0), 4.0);
        QCOMPARE(bin(sim, sns(0), "sns.delivery_failures", 1), 1.0);
        QCOMPARE(bin(sim, sns(0), "sns.delivery_failures", 2), 1.0);
        // Expected attempt times from the documented schedule.
        double t = 2;
        std::vector<double> times;
        for (int r = 6; r <= 15; ++r)
            times.push_back(t += std::pow(20.0, (r - 6) / 9.0));
        while (t < 100)
            times.push_back(t += 20);
        const std::size_t deliveredBin = static_cast<std::size_t>(times.back());
        QCOMPARE(binsWith(sim, sns(0), "sns.deliveries"), (std::vector<std::size_t>{deliveredBin}));
        QCOMPARE(total(sim, sns(0), "sns.delivery_failures"), 6.0 + times.size() - 1);
        QCOMPARE(total(sim, sqs(1), "sqs.dlq_received"), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestSns)
#include "sns.moc"
