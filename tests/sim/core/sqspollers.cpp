// SQS event source mapping pollers (aws-behaviour.md §4, services-sqs-scaling; SQS long polling):
// pollers are added while messages wait and every poller is busy, kept while messages keep arriving
// (a long poll returns as soon as a message is there) and released once a whole 20 s long poll
// found nothing; only then do idle pollers' long polls come back empty, one billed request each per
// 20 s.
#include "simtestutil.h"

#include <QtTest>

#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

class TestSqsPollers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pollersFollowTheWorkAndIdleLongPolls()
    {
        // 40 msg/s for 300 s into a 0.5 s function: 20 batches in flight at one message each,
        // more than the 5 starting pollers.
        Scenario sc;
        sc.durationSeconds = 400;
        sc.binWidthSeconds = 1;
        TrafficSource s = poisson(40);
        s.pattern = TrafficPattern::Step;
        s.startSeconds = 300;
        s.multiplier = 0;
        sc.sources.push_back(s);
        sc.queues.push_back(SqsQueue{});
        sc.lambdas.push_back(fixedLambda(500));
        wire(sc, EdgeKind::Traffic, src(0), sqs(0));
        wire(sc, EdgeKind::EventSourceMapping, sqs(0), fn(0)).esm.batchSize = 10;
        Simulation sim(sc);
        sim.run();
        // Never released while traffic flows.
        for (std::size_t b = 1; b < 300; ++b)
            QVERIFY2(bin(sim, sqs(0), "sqs.pollers", b) >= bin(sim, sqs(0), "sqs.pollers", b - 1),
                     qPrintable(QString::number(b)));
        const double working = bin(sim, sqs(0), "sqs.pollers", 299);
        QVERIFY(working >= 20);
        // Kept for one 20 s long poll after the last message, then back to 5 at 5 per second.
        QCOMPARE(bin(sim, sqs(0), "sqs.pollers", 315), working);
        QCOMPARE(bin(sim, sqs(0), "sqs.pollers", 399), 5.0);
        // While messages flow every request is a send, a receive or a delete (1 KB messages,
        // at most 10 per call, nothing fails): no empty receives. The batches in flight at the
        // window's edges are deleted in the next bin (at most `working` on each side); empty
        // receives of busy pollers would add working / 20 per second, 10 x more over 200 s.
        const double requests = sumBins(sim, sqs(0), "sqs.billed_requests", 100, 300);
        const double expected = sumBins(sim, sqs(0), "sqs.sent", 100, 300)
                                + 2 * sumBins(sim, fn(0), "lambda.invocations", 100, 300);
        QVERIFY2(std::abs(requests - expected) <= 2 * working,
                 qPrintable(QStringLiteral("%1 vs %2").arg(requests).arg(expected)));
        // Idle: 5 pollers x one empty 20 s long poll = 0.25 billed requests per second.
        QCOMPARE(sumBins(sim, sqs(0), "sqs.billed_requests", 340, 400), 60 * 5 / 20.0);
    }
};

QTEST_APPLESS_MAIN(TestSqsPollers)
#include "sqspollers.moc"
