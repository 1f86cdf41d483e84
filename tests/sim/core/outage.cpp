// Outage faults on every kind of block (core::FaultKind::Outage), each with its documented
// consequence: a Lambda's invokes fail with a service error (aws-behaviour.md §1 "Service
// errors"): the sync caller gets it, the async queue retries as for a throttle, an event source
// mapping retries by its own rules, a Step Functions Task sees Lambda.ServiceException; a queue,
// topic, stream or state machine refuses requests: an SDK producer retries in the standard mode
// (3 attempts, jittered backoff) and then counts the request lost (§9), API Gateway answers 5xx;
// an SNS subscription to a refusing endpoint follows the AWS-managed policy for 23 days (§3).
#include "simtestutil.h"

#include "core/sdkretry.h"

#include <QtTest>

#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

namespace {

Fault outage(ComponentRef target, double start, double duration)
{
    Fault f;
    f.kind = FaultKind::Outage;
    f.target = target;
    f.startSeconds = start;
    f.durationSeconds = duration;
    return f;
}

TrafficSource constant(double rate)
{
    TrafficSource s = poisson(rate);
    s.pattern = TrafficPattern::Constant;
    return s;
}

} // namespace

class TestOutage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lambdaOutageReturnsTheErrorToASyncCaller()
    {
        // API Gateway proxy -> function, 10 requests/s, the function out from 10 s to 20 s: the
        // 100 requests in the window get a 5xx, never run and bill nothing.
        Scenario sc;
        sc.durationSeconds = 30;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(constant(10));
        sc.apis.push_back(ApiGateway{});
        sc.lambdas.push_back(fixedLambda(50));
        wire(sc, EdgeKind::Traffic, src(0), api(0));
        wire(sc, EdgeKind::SyncInvoke, api(0), fn(0));
        sc.faults.push_back(outage(fn(0), 10, 10));
        Simulation sim(sc);
        sim.run();
        const double refused = total(sim, fn(0), "lambda.service_errors");
        QCOMPARE(refused, 100.0);
        QCOMPARE(sumBins(sim, fn(0), "lambda.service_errors", 10, 20), 100.0);
        QCOMPARE(sumBins(sim, fn(0), "lambda.invocations", 10, 20), 0.0);
        QCOMPARE(total(sim, api(0), "apigw.errors_5xx"), refused);
        QCOMPARE(total(sim, fn(0), "lambda.errors"), 0.0); // not function errors
        QCOMPARE(total(sim, fn(0), "lambda.invocations") + refused,
                 total(sim, src(0), "source.generated"));
        QCOMPARE(total(sim, fn(0), "lambda.billed_requests"),
                 total(sim, fn(0), "lambda.invocations"));
        QCOMPARE(sim.ledger().droppedBy[int(DropReason::SyncError)], std::uint64_t(100));
        QVERIFY(sim.ledger().balanced());
    }

    void lambdaOutageSendsQueuedAsyncEventsBackLikeAThrottle()
    {
        // An async event fails at 0 s (a bad deploy), so its function-error retry is due at
        // 60 s; the function is out from 30 s to 200 s. The retry and every later try get a 5xx
        // and go back to the queue with the throttle backoff (1 s doubling): 5xx at 60, 61, 63,
        // 67, 75, 91, 123 and 187 s; the next try, at 315 s, runs.
        Scenario sc;
        sc.durationSeconds = 400;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(0));
        sc.lambdas.push_back(fixedLambda(100));
        Fault deploy;
        deploy.kind = FaultKind::BadDeploy;
        deploy.target = fn(0);
        deploy.durationSeconds = 10;
        sc.faults.push_back(deploy);
        sc.faults.push_back(outage(fn(0), 30, 170));
        Simulation sim(sc);
        inject(sim, fn(0));
        sim.run();
        QCOMPARE(binsWith(sim, fn(0), "lambda.service_errors"),
                 (std::vector<std::size_t>{60, 61, 63, 67, 75, 91, 123, 187}));
        QCOMPARE(binsWith(sim, fn(0), "lambda.invocations"), (std::vector<std::size_t>{0, 315}));
        QCOMPARE(total(sim, fn(0), "lambda.retries"), 1.0); // the one function-error retry
        QCOMPARE(sim.ledger().succeeded, std::uint64_t(1));
        QVERIFY(sim.ledger().balanced());
    }

    void lambdaOutageFailsQueueBatchesUntilTheRedrive()
    {
        // SQS -> function mapping, the function out for the whole run: each receive fails, the
        // message reappears after the 30 s visibility timeout and moves to the DLQ after
        // maxReceiveCount = 3 receives (aws-behaviour.md §4).
        Scenario sc;
        sc.durationSeconds = 200;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(0));
        SqsQueue q;
        q.visibilityTimeoutSeconds = 30;
        q.maxReceiveCount = 3;
        sc.queues.push_back(q);
        sc.queues.push_back(SqsQueue{});
        sc.lambdas.push_back(fixedLambda(100));
        wire(sc, EdgeKind::EventSourceMapping, sqs(0), fn(0));
        wire(sc, EdgeKind::Redrive, sqs(0), sqs(1));
        sc.faults.push_back(outage(fn(0), 0, 1000));
        Simulation sim(sc);
        inject(sim, sqs(0));
        sim.run();
        QCOMPARE(total(sim, fn(0), "lambda.service_errors"), 3.0);
        QCOMPARE(total(sim, fn(0), "lambda.invocations"), 0.0);
        QCOMPARE(total(sim, sqs(0), "sqs.to_dlq"), 1.0);
        QVERIFY(sim.ledger().balanced());
    }

    void lambdaOutageIsAServiceExceptionForStepFunctions()
    {
        // A Task whose retrier names Lambda.ServiceException (interval 1 s, 2 retries): three
        // refused invokes, then the execution fails.
        Scenario sc;
        sc.durationSeconds = 20;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(0));
        sc.lambdas.push_back(fixedLambda(100));
        StepFunctions m;
        SfnTask t;
        t.retry.errors = 1u << SfnErrService;
        t.retry.intervalSeconds = 1;
        t.retry.maxAttempts = 2;
        m.tasks.push_back(t);
        sc.stateMachines.push_back(m);
        sc.faults.push_back(outage(fn(0), 0, 1000));
        Simulation sim(sc);
        inject(sim, sfn(0));
        sim.run();
        QCOMPARE(binsWith(sim, fn(0), "lambda.service_errors"),
                 (std::vector<std::size_t>{0, 1, 3}));
        QCOMPARE(total(sim, sfn(0), "sfn.retries"), 2.0);
        QCOMPARE(total(sim, sfn(0), "sfn.failures"), 1.0);

        // A retrier for throttles only does not retry a service error.
        sc.stateMachines[0].tasks[0].retry.errors = 1u << SfnErrThrottled;
        Simulation other(sc);
        inject(other, sfn(0));
        other.run();
        QCOMPARE(total(other, fn(0), "lambda.service_errors"), 1.0);
        QCOMPARE(total(other, sfn(0), "sfn.retries"), 0.0);
    }

    void sdkBackoffIsFullJitterBaseTwoCappedAt20s()
    {
        // Uniform on [0, min(2^(n-1), 20)] s: 200,000 draws give a mean within 0.5 % of half the
        // cap (the standard error of the mean is cap/sqrt(12 * 200,000) ~ 0.065 % of the cap).
        Rng rng(7);
        for (std::uint16_t failed : {1, 2, 3, 5, 6, 10}) {
            const double cap = std::min(std::ldexp(1.0, failed - 1), 20.0);
            double sum = 0, hi = 0;
            const int n = 200000;
            for (int i = 0; i < n; ++i) {
                const double s = ticksToSeconds(sdkBackoff(failed, rng));
                QVERIFY(s >= 0 && s <= cap);
                sum += s;
                hi = std::max(hi, s);
            }
            QVERIFY2(std::abs(sum / n / (cap / 2) - 1) < 0.005,
                     qPrintable(QString::number(failed)));
            QVERIFY(hi > 0.99 * cap);
        }
    }

    void refusingQueueMakesTheClientRetryThenLose()
    {
        // A client sends 10 messages/s to a queue that refuses them from 10 s to 20 s. Each
        // refused send is retried twice after at most 1 s and 2 s (3 attempts); a send first
        // refused before 17 s has its third attempt inside the window and is lost; one refused
        // from 17 s on may get through after the window. Nothing reaches the queue inside it.
        Scenario sc;
        sc.durationSeconds = 40;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(constant(10));
        sc.queues.push_back(SqsQueue{});
        wire(sc, EdgeKind::Traffic, src(0), sqs(0));
        sc.faults.push_back(outage(sqs(0), 10, 10));
        Simulation sim(sc);
        sim.run();
        const double lost = total(sim, src(0), "source.sdk_lost");
        const double retries = total(sim, src(0), "source.sdk_retries");
        QCOMPARE(sumBins(sim, sqs(0), "sqs.sent", 10, 20), 0.0);
        QVERIFY2(lost >= 70 && lost <= 100, qPrintable(QString::number(lost)));
        // Two retries per lost send; one or two per send that got through late.
        const double late = 100 - lost;
        QVERIFY(retries >= 2 * lost + late && retries <= 2 * 100);
        QCOMPARE(total(sim, sqs(0), "sqs.sent") + lost, total(sim, src(0), "source.generated"));
        QCOMPARE(sim.ledger().rejected, std::uint64_t(lost));
        QVERIFY(sim.ledger().balanced());
    }

    void functionSdkRetriesItsSendToARefusingTopic()
    {
        // A function sends its result to a topic that is out for the whole run: 3 attempts per
        // result, then lost (counted on the function).
        Scenario sc;
        sc.durationSeconds = 60;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(0));
        sc.lambdas.push_back(fixedLambda(100));
        sc.topics.push_back(SnsTopic{});
        sc.queues.push_back(SqsQueue{});
        wire(sc, EdgeKind::AsyncInvoke, fn(0), sns(0));
        wire(sc, EdgeKind::Subscription, sns(0), sqs(0));
        sc.faults.push_back(outage(sns(0), 0, 1000));
        Simulation sim(sc);
        for (int i = 0; i < 5; ++i)
            inject(sim, fn(0));
        sim.run();
        QCOMPARE(total(sim, fn(0), "lambda.invocations"), 5.0);
        QCOMPARE(total(sim, fn(0), "lambda.sdk_retries"), 10.0);
        QCOMPARE(total(sim, fn(0), "lambda.sdk_lost"), 5.0);
        QCOMPARE(total(sim, sns(0), "sns.publishes"), 0.0);
        QCOMPARE(sim.ledger().rejected, std::uint64_t(5));
        QVERIFY(sim.ledger().balanced());
    }

    void apiDirectIntegrationAnswers5xxWithoutRetry()
    {
        // API Gateway -> Kinesis PutRecord while the stream is out: a 5xx each, no retries.
        Scenario sc;
        sc.durationSeconds = 10;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(constant(5));
        sc.apis.push_back(ApiGateway{});
        sc.streams.push_back(KinesisStream{});
        wire(sc, EdgeKind::Traffic, src(0), api(0));
        wire(sc, EdgeKind::ServiceIntegration, api(0), kin(0));
        sc.faults.push_back(outage(kin(0), 0, 1000));
        Simulation sim(sc);
        sim.run();
        QCOMPARE(total(sim, api(0), "apigw.errors_5xx"), total(sim, src(0), "source.generated"));
        QCOMPARE(total(sim, kin(0), "kinesis.incoming_records"), 0.0);
        QCOMPARE(total(sim, src(0), "source.sdk_retries"), 0.0);
        QCOMPARE(sim.ledger().rejected, std::uint64_t(total(sim, src(0), "source.generated")));
    }

    void snsRetriesAFailingFunctionEndpointFor23Days()
    {
        // AWS-managed policy (aws-behaviour.md §3): 100,015 retries (3 immediate, 2 one second
        // apart, 10 exponential 1 -> 20 s, 100,000 twenty seconds apart), then the subscription
        // DLQ: about 2,000,091 s, 23.15 days, after the publish.
        Scenario sc;
        sc.durationSeconds = 24 * 86400;
        sc.sources.push_back(poisson(0));
        sc.topics.push_back(SnsTopic{});
        sc.lambdas.push_back(fixedLambda(100));
        sc.queues.push_back(SqsQueue{});
        wire(sc, EdgeKind::Subscription, sns(0), fn(0)).sub.deadLetter = sqs(0);
        sc.faults.push_back(outage(fn(0), 0, 30 * 86400));
        Simulation sim(sc);
        inject(sim, sns(0));
        sim.run();
        QCOMPARE(total(sim, sns(0), "sns.delivery_retries"), 100015.0);
        QCOMPARE(total(sim, sns(0), "sns.delivery_failures"), 100016.0);
        QCOMPARE(total(sim, sqs(0), "sqs.dlq_received"), 1.0);
        double expected = 2; // immediate and pre-backoff
        for (int r = 6; r <= 15; ++r)
            expected += std::pow(20.0, (r - 6) / 9.0);
        expected += 100000 * 20.0;
        const double width = sim.metrics().binWidthSeconds();
        const std::vector<std::size_t> dlq = binsWith(sim, sqs(0), "sqs.dlq_received");
        QCOMPARE(dlq.size(), std::size_t(1));
        QCOMPARE(dlq[0], static_cast<std::size_t>(expected / width));
        QVERIFY(expected > 23 * 86400 && expected < 23.2 * 86400);
        QCOMPARE(total(sim, fn(0), "lambda.invocations"), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestOutage)
#include "outage.moc"
