// Each analysis rule, positive and negative (and at its boundary where it has one). Designs are
// built through Document edits, like a user would; wires the editor refuses are put into a
// Design directly, as a file could hold them.

#include "model/analysis.h"
#include "model/document.h"

#include <QTest>

using namespace swb;
using K = ComponentKind;
using C = ConnectionKind;

namespace {

// A Document with terse, checked edits: a refused edit fails the test at once.
class Builder
{
public:
    ComponentId add(K kind, const char *name)
    {
        return doc.addComponent(kind, QPointF(), QLatin1String(name));
    }
    void set(ComponentId id, const char *key, const QVariant &value)
    {
        QString error;
        if (!doc.setComponentParam(id, QLatin1String(key), value, &error))
            QTest::qFail(qPrintable(error), __FILE__, __LINE__);
    }
    ConnectionId wire(ComponentId from, ComponentId to, C kind)
    {
        QString error;
        const ConnectionId id = doc.connectComponents(from, to, kind, &error);
        if (!id)
            QTest::qFail(qPrintable(error), __FILE__, __LINE__);
        return id;
    }
    void setWire(ConnectionId id, const char *key, const QVariant &value)
    {
        QString error;
        if (!doc.setConnectionParam(id, QLatin1String(key), value, &error))
            QTest::qFail(qPrintable(error), __FILE__, __LINE__);
    }
    QList<Finding> findings(const char *code) const
    {
        QList<Finding> matching;
        for (const Finding &f : analyze(doc.design())) {
            if (f.code == QLatin1String(code))
                matching.append(f);
        }
        return matching;
    }
    // traffic -> queue -(ESM)-> fn
    void queueAndFunction()
    {
        source = add(K::TrafficSource, "load");
        queue = add(K::SqsQueue, "jobs");
        fn = add(K::Lambda, "worker");
        wire(source, queue, C::Traffic);
        esm = wire(queue, fn, C::EventSourceMapping);
    }

    Document doc;
    ComponentId source = 0, queue = 0, fn = 0;
    ConnectionId esm = 0;
};

} // namespace

class TestAnalysis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyDesignHasNoFindings() { QVERIFY(analyze(Design()).isEmpty()); }

    void cycleThroughOwnQueue()
    {
        Builder b;
        b.queueAndFunction();
        QVERIFY(b.findings(findingcode::Cycle).isEmpty());
        const ConnectionId back = b.wire(b.fn, b.queue, C::ServiceIntegration);
        const QList<Finding> cycles = b.findings(findingcode::Cycle);
        QCOMPARE(cycles.size(), 1);
        QCOMPARE(cycles[0].severity, Severity::Warning);
        QCOMPARE(QSet<ComponentId>(cycles[0].components.cbegin(), cycles[0].components.cend()),
                 QSet<ComponentId>({b.queue, b.fn}));
        QCOMPARE(QSet<ConnectionId>(cycles[0].connections.cbegin(), cycles[0].connections.cend()),
                 QSet<ConnectionId>({b.esm, back}));
        QVERIFY(cycles[0].message.contains(QLatin1String("'jobs' -> 'worker' -> 'jobs'")));
    }

    void failureWiresDoNotMakeCycles()
    {
        // A DLQ redriven back into its queue by a function: the loop needs a failure every turn.
        Builder b;
        b.queueAndFunction();
        const auto dlq = b.add(K::SqsQueue, "dlq");
        const auto redriver = b.add(K::Lambda, "redriver");
        b.wire(b.queue, dlq, C::Redrive);
        b.wire(dlq, redriver, C::EventSourceMapping);
        b.wire(redriver, b.queue, C::ServiceIntegration);
        QVERIFY(b.findings(findingcode::Cycle).isEmpty());
    }

    void unreachable()
    {
        Builder b;
        b.queueAndFunction();
        const auto dlq = b.add(K::SqsQueue, "dlq");
        b.wire(b.queue, dlq, C::Redrive); // reachable through a failure wire
        QVERIFY(b.findings(findingcode::Unreachable).isEmpty());
        const auto orphan = b.add(K::Lambda, "orphan");
        const QList<Finding> found = b.findings(findingcode::Unreachable);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].severity, Severity::Warning);
        QCOMPARE(found[0].components, QList<ComponentId>{orphan});
        QVERIFY(found[0].message.contains(QLatin1String("'orphan'")));
    }

    void noTrafficSource()
    {
        Builder b;
        b.add(K::Lambda, "fn");
        QCOMPARE(b.findings(findingcode::NoTrafficSource).size(), 1);
        QCOMPARE(b.findings(findingcode::NoTrafficSource)[0].severity, Severity::Warning);
        QVERIFY(b.findings(findingcode::Unreachable).isEmpty()); // one finding, not one per block
        b.add(K::TrafficSource, "load");
        QVERIFY(b.findings(findingcode::NoTrafficSource).isEmpty());
    }

    void trafficSourceUnwired()
    {
        Builder b;
        const auto source = b.add(K::TrafficSource, "load");
        const auto fn = b.add(K::Lambda, "fn");
        QCOMPARE(b.findings(findingcode::TrafficSourceUnwired).size(), 1);
        QCOMPARE(b.findings(findingcode::TrafficSourceUnwired)[0].components,
                 QList<ComponentId>{source});
        b.wire(source, fn, C::Traffic);
        QVERIFY(b.findings(findingcode::TrafficSourceUnwired).isEmpty());
    }

    void asyncWithoutFailureDestination()
    {
        Builder b;
        const auto api = b.add(K::ApiGateway, "api"); // REST by default: may invoke async
        const auto fn = b.add(K::Lambda, "fn");
        b.wire(api, fn, C::SyncInvoke);
        QVERIFY(b.findings(findingcode::AsyncNoFailureDestination).isEmpty());
        b.wire(api, fn, C::AsyncInvoke);
        QCOMPARE(b.findings(findingcode::AsyncNoFailureDestination).size(), 1);
        QCOMPARE(b.findings(findingcode::AsyncNoFailureDestination)[0].components,
                 QList<ComponentId>{fn});
        b.wire(fn, b.add(K::SqsQueue, "fn-dlq"), C::OnFailure);
        QVERIFY(b.findings(findingcode::AsyncNoFailureDestination).isEmpty());

        Builder s; // SNS invokes Lambda asynchronously too
        const auto topic = s.add(K::SnsTopic, "topic");
        const auto subscriber = s.add(K::Lambda, "subscriber");
        s.wire(topic, subscriber, C::Subscription);
        QCOMPARE(s.findings(findingcode::AsyncNoFailureDestination).size(), 1);
        s.wire(subscriber, s.add(K::SnsTopic, "alerts"), C::OnFailure);
        QVERIFY(s.findings(findingcode::AsyncNoFailureDestination).isEmpty());
    }

    void queueWithoutDlq()
    {
        Builder b;
        const auto unconsumed = b.add(K::SqsQueue, "parking");
        Q_UNUSED(unconsumed);
        b.queueAndFunction();
        const QList<Finding> found = b.findings(findingcode::QueueNoDlq);
        QCOMPARE(found.size(), 1); // the consumed queue only
        QCOMPARE(found[0].components, QList<ComponentId>{b.queue});
        b.wire(b.queue, b.add(K::SqsQueue, "dlq"), C::Redrive);
        QVERIFY(b.findings(findingcode::QueueNoDlq).isEmpty());
    }

    void streamFailureHandling()
    {
        Builder b;
        const auto stream = b.add(K::KinesisStream, "stream");
        const auto fn = b.add(K::Lambda, "fn");
        const auto esm = b.wire(stream, fn, C::EventSourceMapping);
        // AWS defaults: -1 / -1, a poison record blocks the shard until retention.
        QCOMPARE(b.findings(findingcode::StreamPoisonBlocks).size(), 1);
        QVERIFY(b.findings(findingcode::StreamPoisonBlocks)[0].message.contains(
            QLatin1String("no on-failure destination")));
        b.setWire(esm, "maxRecordAge", 3600);
        QVERIFY(b.findings(findingcode::StreamPoisonBlocks).isEmpty());
        QCOMPARE(b.findings(findingcode::StreamNoFailureDestination).size(), 1);
        QCOMPARE(b.findings(findingcode::StreamNoFailureDestination)[0].connections,
                 QList<ConnectionId>{esm});
        b.wire(stream, b.add(K::SqsQueue, "failures"), C::OnFailure);
        QVERIFY(b.findings(findingcode::StreamNoFailureDestination).isEmpty());
        // Unlimited again: the destination does not unblock the shard.
        b.setWire(esm, "maxRecordAge", -1);
        QCOMPARE(b.findings(findingcode::StreamPoisonBlocks).size(), 1);
        b.setWire(esm, "maxRetryAttempts", 0);
        QVERIFY(b.findings(findingcode::StreamPoisonBlocks).isEmpty());
    }

    void visibilityTimeout_data()
    {
        QTest::addColumn<int>("visibility");
        QTest::addColumn<bool>("error");
        QTest::addColumn<bool>("warning");
        // Function timeout 30 s: error below 30, warning below 180 (6 x 30).
        QTest::newRow("below timeout") << 29 << true << false;
        QTest::newRow("equal to timeout") << 30 << false << true;
        QTest::newRow("just under 6x") << 179 << false << true;
        QTest::newRow("6x") << 180 << false << false;
    }

    void visibilityTimeout()
    {
        QFETCH(int, visibility);
        QFETCH(bool, error);
        QFETCH(bool, warning);
        Builder b;
        b.queueAndFunction();
        b.set(b.fn, "timeout", 30);
        b.set(b.queue, "visibilityTimeout", visibility);
        const auto errors = b.findings(findingcode::VisibilityBelowFunctionTimeout);
        const auto warnings = b.findings(findingcode::VisibilityTimeoutShort);
        QCOMPARE(errors.size(), error ? 1 : 0);
        QCOMPARE(warnings.size(), warning ? 1 : 0);
        if (error) {
            QCOMPARE(errors[0].severity, Severity::Error);
            QCOMPARE(errors[0].connections, QList<ConnectionId>{b.esm});
        }
        if (warning)
            QCOMPARE(warnings[0].severity, Severity::Warning);
    }

    void reservedConcurrency()
    {
        Builder b;
        b.doc.setProjectParam(QStringLiteral("accountConcurrency"), 1000);
        const auto f1 = b.add(K::Lambda, "f1");
        const auto f2 = b.add(K::Lambda, "f2");
        b.add(K::Lambda, "unreserved"); // -1: not counted
        b.set(f1, "reservedConcurrency", 500);
        b.set(f2, "reservedConcurrency", 400); // exactly 100 left: allowed
        QVERIFY(b.findings(findingcode::UnreservedBelowMinimum).isEmpty());
        b.set(f2, "reservedConcurrency", 401);
        const auto sum = b.findings(findingcode::UnreservedBelowMinimum);
        QCOMPARE(sum.size(), 1);
        QCOMPARE(sum[0].severity, Severity::Error);
        QCOMPARE(sum[0].components, QList<ComponentId>({f1, f2}));
        QVERIFY(sum[0].message.contains(QLatin1String("901")));
        QVERIFY(b.findings(findingcode::ReservedAbovePool).isEmpty());

        b.set(f2, "reservedConcurrency", -1);
        b.set(f1, "reservedConcurrency", 1001);
        QCOMPARE(b.findings(findingcode::ReservedAbovePool).size(), 1);
        QCOMPARE(b.findings(findingcode::ReservedAbovePool)[0].components, QList<ComponentId>{f1});
        b.set(f1, "reservedConcurrency", 1000);
        QVERIFY(b.findings(findingcode::ReservedAbovePool).isEmpty());
        QCOMPARE(b.findings(findingcode::UnreservedBelowMinimum).size(), 1); // 0 left
    }

    void apiIntegrationTimeout_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("timeout");
        QTest::addColumn<QString>("code"); // empty: no timeout finding
        QTest::addColumn<int>("severity");
        QTest::newRow("HTTP 30000") << "HTTP" << 30000 << QString() << 0;
        QTest::newRow("HTTP 30001")
            << "HTTP" << 30001 << "http-api-timeout" << int(Severity::Error);
        QTest::newRow("REST 29000") << "REST" << 29000 << QString() << 0;
        QTest::newRow("REST 29001")
            << "REST" << 29001 << "rest-api-timeout" << int(Severity::Warning);
        QTest::newRow("REST 60000")
            << "REST" << 60000 << "rest-api-timeout" << int(Severity::Warning);
    }

    void apiIntegrationTimeout()
    {
        QFETCH(QString, type);
        QFETCH(int, timeout);
        QFETCH(QString, code);
        QFETCH(int, severity);
        Builder b;
        const auto api = b.add(K::ApiGateway, "api");
        b.set(api, "type", type);
        b.set(api, "integrationTimeout", timeout);
        QList<Finding> found =
            b.findings(findingcode::HttpApiTimeout) + b.findings(findingcode::RestApiTimeout);
        if (code.isEmpty()) {
            QVERIFY(found.isEmpty());
        } else {
            QCOMPARE(found.size(), 1);
            QCOMPARE(found[0].code, code);
            QCOMPARE(int(found[0].severity), severity);
            QCOMPARE(found[0].components, QList<ComponentId>{api});
        }
    }

    void sqsBatchingWindow()
    {
        Builder b;
        b.queueAndFunction();
        b.setWire(b.esm, "batchSize", 10);
        QVERIFY(b.findings(findingcode::SqsBatchWindow).isEmpty());
        b.setWire(b.esm, "batchSize", 11);
        QCOMPARE(b.findings(findingcode::SqsBatchWindow).size(), 1);
        QCOMPARE(b.findings(findingcode::SqsBatchWindow)[0].severity, Severity::Error);
        b.setWire(b.esm, "batchingWindow", 1);
        QVERIFY(b.findings(findingcode::SqsBatchWindow).isEmpty());
    }

    void fifoMapping()
    {
        Builder b;
        b.queueAndFunction();
        b.set(b.queue, "type", QStringLiteral("FIFO"));
        QVERIFY(b.findings(findingcode::FifoEsmBatch).isEmpty()); // 10 and 0 s: fine
        b.setWire(b.esm, "batchingWindow", 1);
        QCOMPARE(b.findings(findingcode::FifoEsmBatch).size(), 1);
        b.setWire(b.esm, "batchingWindow", 0);
        b.setWire(b.esm, "batchSize", 11);
        QCOMPARE(b.findings(findingcode::FifoEsmBatch).size(), 1);
        QCOMPARE(b.findings(findingcode::FifoEsmBatch)[0].severity, Severity::Error);
        QVERIFY(b.findings(findingcode::SqsBatchWindow).isEmpty()); // the FIFO rule says it all
    }

    void provisionedAboveReserved()
    {
        Builder b;
        const auto fn = b.add(K::Lambda, "fn");
        b.set(fn, "provisionedConcurrency", 50); // no reservation: no cap
        QVERIFY(b.findings(findingcode::ProvisionedAboveReserved).isEmpty());
        b.set(fn, "reservedConcurrency", 50);
        QVERIFY(b.findings(findingcode::ProvisionedAboveReserved).isEmpty());
        b.set(fn, "provisionedConcurrency", 51);
        QCOMPARE(b.findings(findingcode::ProvisionedAboveReserved).size(), 1);
        QCOMPARE(b.findings(findingcode::ProvisionedAboveReserved)[0].severity, Severity::Error);
    }

    void mappingConcurrencyAboveReserved()
    {
        Builder b;
        b.queueAndFunction();
        b.setWire(b.esm, "maximumConcurrency", 10);
        QVERIFY(b.findings(findingcode::EsmConcurrencyAboveReserved).isEmpty()); // unreserved
        b.set(b.fn, "reservedConcurrency", 10);
        QVERIFY(b.findings(findingcode::EsmConcurrencyAboveReserved).isEmpty());
        b.set(b.fn, "reservedConcurrency", 9);
        QCOMPARE(b.findings(findingcode::EsmConcurrencyAboveReserved).size(), 1);
        QCOMPARE(b.findings(findingcode::EsmConcurrencyAboveReserved)[0].severity,
                 Severity::Warning);
        b.setWire(b.esm, "maximumConcurrency", -1);
        QVERIFY(b.findings(findingcode::EsmConcurrencyAboveReserved).isEmpty());
    }

    void stateMachineWithoutTask()
    {
        Builder b;
        const auto sfn = b.add(K::StepFunctions, "workflow");
        QCOMPARE(b.findings(findingcode::StateMachineNoTask).size(), 1);
        b.wire(sfn, b.add(K::Lambda, "task"), C::ServiceIntegration);
        QVERIFY(b.findings(findingcode::StateMachineNoTask).isEmpty());
    }

    void entryToSinkPaths()
    {
        Builder b;
        const auto source = b.add(K::TrafficSource, "load");
        const auto topic = b.add(K::SnsTopic, "topic");
        const auto direct = b.add(K::Lambda, "direct");
        const auto queue = b.add(K::SqsQueue, "queue");
        const auto worker = b.add(K::Lambda, "worker");
        const auto dlq = b.add(K::SqsQueue, "dlq");
        b.wire(source, topic, C::Traffic);
        b.wire(topic, direct, C::Subscription);
        b.wire(topic, queue, C::Subscription);
        b.wire(queue, worker, C::EventSourceMapping);
        b.wire(queue, dlq, C::Redrive); // failure wires are not paths
        const QList<Finding> paths = b.findings(findingcode::Path);
        QCOMPARE(paths.size(), 2);
        QStringList messages;
        for (const Finding &p : paths) {
            QCOMPARE(p.severity, Severity::Info);
            QCOMPARE(p.connections.size(), p.components.size() - 1);
            messages.append(p.message);
        }
        QVERIFY(messages.contains(QLatin1String("Path 'load' -> 'topic' -> 'direct'")));
        QVERIFY(messages.contains(QLatin1String("Path 'load' -> 'topic' -> 'queue' -> 'worker'")));
        QCOMPARE(paths[1].components, QList<ComponentId>({source, topic, queue, worker}));
    }

    void pathsAreCapped()
    {
        // 7 layers of 2 functions, each calling both of the next: 2^7 = 128 paths.
        Builder b;
        const auto source = b.add(K::TrafficSource, "load");
        QList<ComponentId> previous;
        for (int layer = 0; layer < 7; ++layer) {
            QList<ComponentId> current;
            for (int i = 0; i < 2; ++i) {
                const QByteArray name = "f" + QByteArray::number(layer) + QByteArray::number(i);
                current.append(b.add(K::Lambda, name.constData()));
                if (layer == 0)
                    b.wire(source, current.last(), C::Traffic);
                for (ComponentId p : std::as_const(previous))
                    b.wire(p, current.last(), C::SyncInvoke);
            }
            previous = current;
        }
        const QList<Finding> paths = b.findings(findingcode::Path);
        QCOMPARE(paths.size(), kMaxListedPaths + 1);
        QVERIFY(paths.last().message.contains(QLatin1String("not listed")));
    }

    void illegalWireFromFile()
    {
        Design design;
        const Component queue = design.makeComponent(K::SqsQueue, QStringLiteral("q"), {});
        design.components.insert(queue.id, queue);
        const Component fn = design.makeComponent(K::Lambda, QStringLiteral("fn"), {});
        design.components.insert(fn.id, fn);
        Connection wire;
        wire.id = design.allocateId();
        wire.source = queue.id;
        wire.target = fn.id;
        wire.kind = C::SyncInvoke; // Lambda polls SQS; a queue invokes nothing
        design.connections.insert(wire.id, wire);
        QList<Finding> found;
        for (const Finding &f : analyze(design)) {
            if (f.code == QLatin1String(findingcode::IllegalWire))
                found.append(f);
        }
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].severity, Severity::Error);
        QCOMPARE(found[0].connections, QList<ConnectionId>{wire.id});
        QVERIFY(found[0].message.contains(QLatin1String("polling")));
    }

    void variantChangeMakesWireIllegal()
    {
        Builder b;
        const auto api = b.add(K::ApiGateway, "api");
        const auto topic = b.add(K::SnsTopic, "topic");
        b.wire(api, topic, C::ServiceIntegration); // REST: legal
        QVERIFY(b.findings(findingcode::IllegalWire).isEmpty());
        b.set(api, "type", QStringLiteral("HTTP"));
        const auto found = b.findings(findingcode::IllegalWire);
        QCOMPARE(found.size(), 1);
        QVERIFY(found[0].message.contains(QLatin1String("HTTP APIs have no SNS integration")));
    }

    void danglingWireDoesNotCrash()
    {
        Design design;
        const Component fn = design.makeComponent(K::Lambda, QStringLiteral("fn"), {});
        design.components.insert(fn.id, fn);
        Connection wire;
        wire.id = design.allocateId();
        wire.source = fn.id;
        wire.target = 999;
        wire.kind = C::SyncInvoke;
        design.connections.insert(wire.id, wire);
        const QList<Finding> findings = analyze(design);
        QVERIFY(!findings.isEmpty()); // no traffic source; and no crash
    }

    void orderedBySeverity()
    {
        Builder b;
        b.queueAndFunction();
        b.set(b.fn, "timeout", 60); // error: visibility 30 s < 60 s
        b.add(K::Lambda, "orphan"); // warning
        const QList<Finding> findings = analyze(b.doc.design());
        QVERIFY(hasErrors(findings));
        for (int i = 1; i < findings.size(); ++i)
            QVERIFY(int(findings[i - 1].severity) <= int(findings[i].severity));
        QCOMPARE(findings.first().severity, Severity::Error);
        QCOMPARE(findings.last().severity, Severity::Info);
        QCOMPARE(severityId(Severity::Error), QStringLiteral("error"));
        QCOMPARE(severityId(Severity::Warning), QStringLiteral("warning"));
        QCOMPARE(severityId(Severity::Info), QStringLiteral("info"));
        b.set(b.fn, "timeout", 3);
        QVERIFY(!hasErrors(analyze(b.doc.design())));
    }
};

QTEST_GUILESS_MAIN(TestAnalysis)
#include "analysis.moc"
