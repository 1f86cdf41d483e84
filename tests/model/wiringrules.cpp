// The wiring rules against an expectation table written here from the AWS rules
// (resources/help/aws-behaviour.md), over every (source kind + variant, target kind + variant,
// connection kind); then the reasons of a sample of illegal wires, self wires, duplicates and the
// one-failure-destination rule.

#include "model/document.h"
#include "model/wiringrules.h"

#include <QTest>

using namespace swb;
using K = ComponentKind;
using C = ConnectionKind;

namespace {

// A legal wire. An empty variant matches any variant of that kind.
struct Legal {
    K source;
    const char *sourceVariant;
    K target;
    const char *targetVariant;
    C kind;
};

// clang-format off
const Legal kLegal[] = {
    // A traffic source feeds any entry block (not a dependency, not another source).
    {K::TrafficSource, "", K::ApiGateway, "", C::Traffic},
    {K::TrafficSource, "", K::SnsTopic, "", C::Traffic},
    {K::TrafficSource, "", K::SqsQueue, "", C::Traffic},
    {K::TrafficSource, "", K::KinesisStream, "", C::Traffic},
    {K::TrafficSource, "", K::StepFunctions, "", C::Traffic},
    {K::TrafficSource, "", K::Lambda, "", C::Traffic},
    {K::TrafficSource, "", K::EventBus, "", C::Traffic},
    // Sync: API Gateway Lambda proxy / HTTP proxy; Lambda RequestResponse and calls to a dependency.
    {K::ApiGateway, "", K::Lambda, "", C::SyncInvoke},
    {K::ApiGateway, "", K::Downstream, "", C::SyncInvoke},
    {K::Lambda, "", K::Lambda, "", C::SyncInvoke},
    {K::Lambda, "", K::Downstream, "", C::SyncInvoke},
    // Async (Event) invoke: a REST API non-proxy integration, or another function. HTTP APIs
    // invoke Lambda only synchronously.
    {K::ApiGateway, "REST", K::Lambda, "", C::AsyncInvoke},
    {K::Lambda, "", K::Lambda, "", C::AsyncInvoke},
    // Lambda polls queues and streams.
    {K::SqsQueue, "", K::Lambda, "", C::EventSourceMapping},
    {K::KinesisStream, "", K::Lambda, "", C::EventSourceMapping},
    // SNS pushes: standard topics to SQS (standard), Lambda, HTTP/S; FIFO topics to SQS queues
    // only (FIFO, and standard queues since SNS FIFO gained standard-queue delivery).
    {K::SnsTopic, "Standard", K::SqsQueue, "Standard", C::Subscription},
    {K::SnsTopic, "FIFO", K::SqsQueue, "", C::Subscription},
    {K::SnsTopic, "Standard", K::Lambda, "", C::Subscription},
    {K::SnsTopic, "Standard", K::Downstream, "HTTP API", C::Subscription},
    // API Gateway direct integrations: REST calls any action; HTTP APIs have no SNS subtype.
    {K::ApiGateway, "", K::SqsQueue, "", C::ServiceIntegration},
    {K::ApiGateway, "REST", K::SnsTopic, "", C::ServiceIntegration},
    {K::ApiGateway, "", K::KinesisStream, "", C::ServiceIntegration},
    {K::ApiGateway, "", K::StepFunctions, "", C::ServiceIntegration},
    // Step Functions Task states (optimised integrations, nested executions, HTTP Task).
    {K::StepFunctions, "", K::Lambda, "", C::ServiceIntegration},
    {K::StepFunctions, "", K::SqsQueue, "", C::ServiceIntegration},
    {K::StepFunctions, "", K::SnsTopic, "", C::ServiceIntegration},
    {K::StepFunctions, "", K::StepFunctions, "", C::ServiceIntegration},
    {K::StepFunctions, "", K::Downstream, "", C::ServiceIntegration},
    // SDK calls from function code.
    {K::Lambda, "", K::SqsQueue, "", C::ServiceIntegration},
    {K::Lambda, "", K::SnsTopic, "", C::ServiceIntegration},
    {K::Lambda, "", K::KinesisStream, "", C::ServiceIntegration},
    {K::Lambda, "", K::StepFunctions, "", C::ServiceIntegration},
    // Async on-failure destinations: standard SQS, standard SNS, Lambda (no FIFO).
    {K::Lambda, "", K::SqsQueue, "Standard", C::OnFailure},
    {K::Lambda, "", K::SnsTopic, "Standard", C::OnFailure},
    {K::Lambda, "", K::Lambda, "", C::OnFailure},
    // Kinesis mapping on-failure destination: standard SQS or SNS.
    {K::KinesisStream, "", K::SqsQueue, "Standard", C::OnFailure},
    {K::KinesisStream, "", K::SnsTopic, "Standard", C::OnFailure},
    // Redrive: the DLQ is an SQS queue of the same type as the queue / topic.
    {K::SqsQueue, "Standard", K::SqsQueue, "Standard", C::Redrive},
    {K::SqsQueue, "FIFO", K::SqsQueue, "FIFO", C::Redrive},
    {K::SnsTopic, "Standard", K::SqsQueue, "Standard", C::Redrive},
    {K::SnsTopic, "FIFO", K::SqsQueue, "FIFO", C::Redrive},
    // A custom event bus (aws-behaviour.md §9): PutEvents from function code or an API's direct
    // integration (REST and HTTP); rule targets Lambda (async), SQS, SNS, Step Functions and
    // another bus; a target's DLQ is a standard SQS queue.
    {K::Lambda, "", K::EventBus, "", C::ServiceIntegration},
    {K::ApiGateway, "", K::EventBus, "", C::ServiceIntegration},
    {K::EventBus, "", K::Lambda, "", C::Subscription},
    {K::EventBus, "", K::SqsQueue, "", C::Subscription},
    {K::EventBus, "", K::SnsTopic, "", C::Subscription},
    {K::EventBus, "", K::StepFunctions, "", C::Subscription},
    {K::EventBus, "", K::EventBus, "", C::Subscription},
    {K::EventBus, "", K::SqsQueue, "Standard", C::Redrive},
};
// clang-format on

// The variants that can change a verdict, with the parameter that selects them.
QStringList variantsOf(K kind)
{
    switch (kind) {
    case K::ApiGateway:
        return {QStringLiteral("REST"), QStringLiteral("HTTP")};
    case K::SnsTopic:
    case K::SqsQueue:
        return {QStringLiteral("Standard"), QStringLiteral("FIFO")};
    case K::Downstream:
        return {QStringLiteral("Database"), QStringLiteral("HTTP API")};
    default:
        return {QString()};
    }
}

QString variantKey(K kind)
{
    return kind == K::Downstream ? QStringLiteral("protocol") : QStringLiteral("type");
}

bool expectedLegal(K src, const QString &srcVariant, K dst, const QString &dstVariant, C kind)
{
    for (const Legal &l : kLegal) {
        if (l.source == src && l.target == dst && l.kind == kind
            && (!*l.sourceVariant || srcVariant == QLatin1String(l.sourceVariant))
            && (!*l.targetVariant || dstVariant == QLatin1String(l.targetVariant)))
            return true;
    }
    return false;
}

struct Pair {
    Document doc;
    ComponentId a = InvalidId;
    ComponentId b = InvalidId;

    Pair(K src, const QString &srcVariant, K dst, const QString &dstVariant)
    {
        a = doc.addComponent(src, {}, QStringLiteral("a"));
        b = doc.addComponent(dst, {}, QStringLiteral("b"));
        if (!srcVariant.isEmpty())
            doc.setComponentParam(a, variantKey(src), srcVariant);
        if (!dstVariant.isEmpty())
            doc.setComponentParam(b, variantKey(dst), dstVariant);
    }
    WiringVerdict check(C kind) const { return checkWire(doc.design(), a, b, kind); }
};

} // namespace

class TestWiringRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTriple()
    {
        int legal = 0;
        int checked = 0;
        QStringList mismatches;
        for (K src : allComponentKinds()) {
            for (const QString &sv : variantsOf(src)) {
                for (K dst : allComponentKinds()) {
                    for (const QString &dv : variantsOf(dst)) {
                        const Pair pair(src, sv, dst, dv);
                        if (!sv.isEmpty()) // the variant really is set
                            QCOMPARE(pair.doc.design()
                                         .component(pair.a)
                                         ->params.value(variantKey(src))
                                         .toString(),
                                     sv);
                        if (!dv.isEmpty())
                            QCOMPARE(pair.doc.design()
                                         .component(pair.b)
                                         ->params.value(variantKey(dst))
                                         .toString(),
                                     dv);
                        QList<C> expectedKinds;
                        for (C kind : allConnectionKinds()) {
                            const WiringVerdict verdict = pair.check(kind);
                            const bool expected = expectedLegal(src, sv, dst, dv, kind);
                            ++checked;
                            legal += verdict.allowed;
                            if (expected)
                                expectedKinds.append(kind);
                            if (verdict.allowed != expected)
                                mismatches.append(
                                    QStringLiteral("%1 %2 -> %3 %4 (%5): %6")
                                        .arg(componentKindId(src), sv, componentKindId(dst), dv,
                                             connectionKindId(kind),
                                             verdict.allowed ? QStringLiteral("allowed")
                                                             : verdict.reason));
                            // An allowed wire carries no reason; a refused one always does.
                            QCOMPARE(verdict.reason.isEmpty(), verdict.allowed);
                        }
                        // legalConnectionKinds lists exactly the legal kinds; when there are none,
                        // whyNoWire has a reason to show.
                        const QList<C> kinds =
                            legalConnectionKinds(pair.doc.design(), pair.a, pair.b);
                        QCOMPARE(QSet<C>(kinds.cbegin(), kinds.cend()),
                                 QSet<C>(expectedKinds.cbegin(), expectedKinds.cend()));
                        if (expectedKinds.isEmpty())
                            QVERIFY(!whyNoWire(pair.doc.design(), pair.a, pair.b).isEmpty());
                    }
                }
            }
        }
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(QLatin1Char('\n'))));
        // 13 x 13 kind/variant pairs x 8 connection kinds.
        QCOMPARE(checked, 13 * 13 * 8);
        QVERIFY(legal > 40);
    }

    void variantReasons_data()
    {
        QTest::addColumn<int>("src");
        QTest::addColumn<QString>("srcVariant");
        QTest::addColumn<int>("dst");
        QTest::addColumn<QString>("dstVariant");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("HTTP API -> SNS")
            << int(K::ApiGateway) << "HTTP" << int(K::SnsTopic) << "" << int(C::ServiceIntegration)
            << "HTTP APIs have no SNS integration";
        QTest::newRow("HTTP API async Lambda") << int(K::ApiGateway) << "HTTP" << int(K::Lambda)
                                               << "" << int(C::AsyncInvoke) << "only synchronously";
        QTest::newRow("FIFO queue as on-failure")
            << int(K::Lambda) << "" << int(K::SqsQueue) << "FIFO" << int(C::OnFailure)
            << "FIFO queues and topics cannot";
        QTest::newRow("FIFO topic as on-failure")
            << int(K::Lambda) << "" << int(K::SnsTopic) << "FIFO" << int(C::OnFailure)
            << "FIFO queues and topics cannot";
        QTest::newRow("standard topic -> FIFO queue")
            << int(K::SnsTopic) << "Standard" << int(K::SqsQueue) << "FIFO" << int(C::Subscription)
            << "standard topic cannot deliver to a FIFO queue";
        QTest::newRow("FIFO topic -> Lambda") << int(K::SnsTopic) << "FIFO" << int(K::Lambda) << ""
                                              << int(C::Subscription) << "only to SQS";
        QTest::newRow("SNS -> database")
            << int(K::SnsTopic) << "Standard" << int(K::Downstream) << "Database"
            << int(C::Subscription) << "not to a database";
        QTest::newRow("FIFO queue -> standard DLQ")
            << int(K::SqsQueue) << "FIFO" << int(K::SqsQueue) << "Standard" << int(C::Redrive)
            << "same type";
        QTest::newRow("Kinesis -> FIFO on-failure")
            << int(K::KinesisStream) << "" << int(K::SqsQueue) << "FIFO" << int(C::OnFailure)
            << "standard queue";
    }

    void variantReasons()
    {
        QFETCH(int, src);
        QFETCH(QString, srcVariant);
        QFETCH(int, dst);
        QFETCH(QString, dstVariant);
        QFETCH(int, kind);
        QFETCH(QString, reason);
        Pair pair{K(src), srcVariant, K(dst), dstVariant};
        const WiringVerdict verdict = pair.check(C(kind));
        QVERIFY(!verdict.allowed);
        QVERIFY2(verdict.reason.contains(reason), qPrintable(verdict.reason));
        // The Document refuses it with the same reason and adds nothing.
        QString error;
        QCOMPARE(pair.doc.connectComponents(pair.a, pair.b, C(kind), &error), InvalidId);
        QCOMPARE(error, verdict.reason);
        QVERIFY(pair.doc.design().connections.isEmpty());
    }

    void consumptionModelReasons_data()
    {
        QTest::addColumn<int>("src");
        QTest::addColumn<int>("dst");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("SQS sync-invokes Lambda")
            << int(K::SqsQueue) << int(K::Lambda) << int(C::SyncInvoke) << "polling";
        QTest::newRow("SQS async-invokes Lambda")
            << int(K::SqsQueue) << int(K::Lambda) << int(C::AsyncInvoke)
            << "does not invoke Lambda";
        QTest::newRow("SQS subscribes Lambda")
            << int(K::SqsQueue) << int(K::Lambda) << int(C::Subscription) << "Only SNS topics";
        QTest::newRow("Kinesis sync-invokes Lambda")
            << int(K::KinesisStream) << int(K::Lambda) << int(C::SyncInvoke) << "polling shards";
        QTest::newRow("SNS mapping to Lambda")
            << int(K::SnsTopic) << int(K::Lambda) << int(C::EventSourceMapping) << "SNS pushes";
        QTest::newRow("SNS async-invokes Lambda")
            << int(K::SnsTopic) << int(K::Lambda) << int(C::AsyncInvoke) << "subscription";
        QTest::newRow("SNS sync-invokes Lambda")
            << int(K::SnsTopic) << int(K::Lambda) << int(C::SyncInvoke) << "asynchronously";
        QTest::newRow("Lambda polls Step Functions")
            << int(K::StepFunctions) << int(K::Lambda) << int(C::EventSourceMapping)
            << "only queues and streams";
        QTest::newRow("traffic into a database")
            << int(K::TrafficSource) << int(K::Downstream) << int(C::Traffic) << "Traffic enters";
        QTest::newRow("Lambda sends traffic")
            << int(K::Lambda) << int(K::SqsQueue) << int(C::Traffic) << "Only a traffic source";
        QTest::newRow("DLQ must be SQS")
            << int(K::SqsQueue) << int(K::SnsTopic) << int(C::Redrive) << "must be an SQS queue";
        QTest::newRow("SQS on-failure")
            << int(K::SqsQueue) << int(K::SqsQueue) << int(C::OnFailure) << "redrive policy";
        QTest::newRow("Kinesis on-failure Lambda")
            << int(K::KinesisStream) << int(K::Lambda) << int(C::OnFailure) << "SQS, SNS or S3";
        QTest::newRow("async invoke a queue")
            << int(K::Lambda) << int(K::SqsQueue) << int(C::AsyncInvoke) << "Only Lambda functions";
    }

    void consumptionModelReasons()
    {
        QFETCH(int, src);
        QFETCH(int, dst);
        QFETCH(int, kind);
        QFETCH(QString, reason);
        const Pair pair{K(src), QString(), K(dst), QString()};
        const WiringVerdict verdict = pair.check(C(kind));
        QVERIFY(!verdict.allowed);
        QVERIFY2(verdict.reason.contains(reason), qPrintable(verdict.reason));
    }

    void selfWires()
    {
        Document doc;
        const auto fn = doc.addComponent(K::Lambda, {}, QStringLiteral("fn"));
        for (C kind : allConnectionKinds()) {
            const WiringVerdict verdict = checkWire(doc.design(), fn, fn, kind);
            QVERIFY(!verdict.allowed);
            QVERIFY(verdict.reason.contains(QLatin1String("itself")));
        }
        QVERIFY(legalConnectionKinds(doc.design(), fn, fn).isEmpty());
        QVERIFY(whyNoWire(doc.design(), fn, fn).contains(QLatin1String("itself")));
        QVERIFY(!checkWire(doc.design(), fn, 12345, C::SyncInvoke).allowed);
    }

    void duplicates()
    {
        Pair pair(K::Lambda, QString(), K::Downstream, QString());
        QVERIFY(pair.doc.connectComponents(pair.a, pair.b, C::SyncInvoke));
        const WiringVerdict again = pair.check(C::SyncInvoke);
        QVERIFY(!again.allowed);
        QVERIFY(again.reason.contains(QLatin1String("already connected")));
        QVERIFY(again.reason.contains(QLatin1String("'a'")));
        // The same pair by another kind is a different wire.
        Pair fns(K::Lambda, QString(), K::Lambda, QString());
        QVERIFY(fns.doc.connectComponents(fns.a, fns.b, C::SyncInvoke));
        QVERIFY(fns.check(C::AsyncInvoke).allowed);
    }

    void oneFailureDestination()
    {
        Document doc;
        const auto fn = doc.addComponent(K::Lambda, {}, QStringLiteral("fn"));
        const auto q1 = doc.addComponent(K::SqsQueue, {}, QStringLiteral("dlq-1"));
        const auto q2 = doc.addComponent(K::SqsQueue, {}, QStringLiteral("dlq-2"));
        QVERIFY(doc.connectComponents(fn, q1, C::OnFailure));
        const WiringVerdict second = checkWire(doc.design(), fn, q2, C::OnFailure);
        QVERIFY(!second.allowed);
        QVERIFY(second.reason.contains(QLatin1String("already has")));
        QVERIFY(second.reason.contains(QLatin1String("'dlq-1'")));
        // A queue has one redrive target too; an SNS topic has one DLQ per subscription.
        QVERIFY(doc.connectComponents(q1, q2, C::Redrive));
        const auto q3 = doc.addComponent(K::SqsQueue, {}, QStringLiteral("dlq-3"));
        QVERIFY(!checkWire(doc.design(), q1, q3, C::Redrive).allowed);
        const auto topic = doc.addComponent(K::SnsTopic, {}, QStringLiteral("topic"));
        QVERIFY(doc.connectComponents(topic, q2, C::Redrive));
        QVERIFY(checkWire(doc.design(), topic, q3, C::Redrive).allowed);
    }

    // Reasons name kinds with the article they are said with: "An SQS queue", "an API
    // Gateway", "a Lambda function", "an on-failure destination".
    void reasonsUseTheRightArticle_data()
    {
        QTest::addColumn<K>("src");
        QTest::addColumn<K>("dst");
        QTest::addColumn<C>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("sqs sync") << K::SqsQueue << K::Downstream << C::SyncInvoke
                                  << "An SQS queue cannot make a synchronous call to a Downstream "
                                     "dependency";
        QTest::newRow("sns to api") << K::SnsTopic << K::ApiGateway << C::Subscription
                                    << "SNS cannot deliver to an API Gateway";
        QTest::newRow("kinesis async") << K::KinesisStream << K::Lambda << C::AsyncInvoke
                                       << "A Kinesis stream does not invoke Lambda";
        QTest::newRow("sns integration") << K::SnsTopic << K::Lambda << C::ServiceIntegration
                                         << "An SNS topic has no service integrations";
        QTest::newRow("api polls") << K::ApiGateway << K::Lambda << C::EventSourceMapping
                                   << "not an API Gateway";
    }
    void reasonsUseTheRightArticle()
    {
        QFETCH(K, src);
        QFETCH(K, dst);
        QFETCH(C, kind);
        QFETCH(QString, reason);
        const Pair pair(src, {}, dst, {});
        const WiringVerdict verdict = pair.check(kind);
        QVERIFY(!verdict.allowed);
        QVERIFY2(verdict.reason.contains(reason), qPrintable(verdict.reason));
    }

    void alreadyHasAnOnFailureDestination()
    {
        Document doc;
        const auto fn = doc.addComponent(K::Lambda, {}, QStringLiteral("fn"));
        const auto q1 = doc.addComponent(K::SqsQueue, {}, QStringLiteral("dlq-1"));
        const auto q2 = doc.addComponent(K::SqsQueue, {}, QStringLiteral("dlq-2"));
        QVERIFY(doc.connectComponents(fn, q1, C::OnFailure));
        QCOMPARE(checkWire(doc.design(), fn, q2, C::OnFailure).reason,
                 QStringLiteral("'fn' already has an on-failure destination / DLQ ('dlq-1')"));
    }

    void preferredKindFirst()
    {
        Pair api(K::ApiGateway, QStringLiteral("REST"), K::Lambda, QString());
        QCOMPARE(legalConnectionKinds(api.doc.design(), api.a, api.b),
                 QList<C>({C::SyncInvoke, C::AsyncInvoke}));
        Pair queue(K::SqsQueue, QString(), K::Lambda, QString());
        QCOMPARE(legalConnectionKinds(queue.doc.design(), queue.a, queue.b),
                 QList<C>{C::EventSourceMapping});
        Pair fn(K::Lambda, QString(), K::SqsQueue, QString());
        QCOMPARE(legalConnectionKinds(fn.doc.design(), fn.a, fn.b),
                 QList<C>({C::ServiceIntegration, C::OnFailure}));
    }

    void failureKinds()
    {
        for (C kind : allConnectionKinds())
            QCOMPARE(isFailureKind(kind), kind == C::OnFailure || kind == C::Redrive);
    }
};

QTEST_GUILESS_MAIN(TestWiringRules)
#include "wiringrules.moc"
