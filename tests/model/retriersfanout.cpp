// Model side of the Step Functions and Kinesis knobs: a Task's Retry array (model/sfnretriers.h;
// aws-behaviour.md §6 "Retry / Catch": ErrorEquals required, States.ALL alone and last) and the
// Kinesis enhanced fan-out consumer limit (aws-behaviour.md §5: 20 per stream), both as analysis
// findings; designs written before these parameters existed still load.

#include "model/analysis.h"
#include "model/costmodel.h"
#include "model/document.h"
#include "model/pricing.h"
#include "model/sam/samexporter.h"
#include "model/sam/samimporter.h"
#include "model/sfnretriers.h"
#include "model/textformat.h"

#include <QTest>

using namespace swb;
using K = ComponentKind;
using C = ConnectionKind;

namespace {

QStringList codes(const Design &d, const char *code)
{
    QStringList out;
    for (const Finding &f : analyze(d))
        if (f.code == QLatin1String(code))
            out.append(f.message);
    return out;
}

} // namespace

class TestRetriersFanOut : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesTheRetryArray()
    {
        QList<RetrierSpec> rs;
        QString error;
        QVERIFY(parseRetriers(QString(), &rs, &error));
        QVERIFY(rs.isEmpty());
        QVERIFY2(parseRetriers(QStringLiteral(R"([{"ErrorEquals": ["ErrorA", "ErrorB"],
            "IntervalSeconds": 1, "BackoffRate": 2.0, "MaxAttempts": 2},
            {"ErrorEquals": ["ErrorC"], "IntervalSeconds": 5, "JitterStrategy": "FULL",
             "MaxDelaySeconds": 60}])"),
                               &rs, &error),
                 qPrintable(error));
        QCOMPARE(rs.size(), 2);
        QCOMPARE(rs[0].errorEquals,
                 (QStringList{QStringLiteral("ErrorA"), QStringLiteral("ErrorB")}));
        QCOMPARE(rs[0].maxAttempts, 2);
        QCOMPARE(rs[1].intervalSeconds, 5.0);
        QCOMPARE(rs[1].maxAttempts, 3);   // ASL default
        QCOMPARE(rs[1].backoffRate, 2.0); // ASL default
        QCOMPARE(rs[1].maxDelaySeconds, 60.0);
        QVERIFY(rs[1].fullJitter);
    }

    void refusesWhatAwsRefuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("all not last")
            << QStringLiteral(R"([{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["ErrorC"]}])")
            << QStringLiteral("retrier 1: States.ALL must be alone");
        QTest::newRow("all not alone")
            << QStringLiteral(R"([{"ErrorEquals": ["States.ALL", "ErrorA"]}])")
            << QStringLiteral("retrier 1: States.ALL must be alone");
        QTest::newRow("no names") << QStringLiteral(R"([{"ErrorEquals": []}])")
                                  << QStringLiteral("retrier 1: ErrorEquals must be a non-empty");
        QTest::newRow("negative attempts")
            << QStringLiteral(
                   R"([{"ErrorEquals": ["A"]}, {"ErrorEquals": ["B"], "MaxAttempts": -1}])")
            << QStringLiteral(
                   "retrier 2: MaxAttempts: -1 is out of range (allowed: 0 to 99999999)");
        QTest::newRow("backoff below 1")
            << QStringLiteral(R"([{"ErrorEquals": ["A"], "BackoffRate": 0.5}])")
            << QStringLiteral("retrier 1: BackoffRate: 0.5 is out of range (allowed: 1 to 1000)");
        // Found by fuzzing: these reached a double -> integer conversion out of range.
        QTest::newRow("huge attempts")
            << QStringLiteral(R"([{"ErrorEquals": ["A"], "MaxAttempts": 1e300}])")
            << QStringLiteral("retrier 1: MaxAttempts: 1e+300 is out of range (allowed: 0 to "
                              "99999999)");
        QTest::newRow("fractional attempts")
            << QStringLiteral(R"([{"ErrorEquals": ["A"], "MaxAttempts": 2.5}])")
            << QStringLiteral("retrier 1: MaxAttempts: 2.5 is not a whole number");
        QTest::newRow("huge interval")
            << QStringLiteral(R"([{"ErrorEquals": ["A"], "IntervalSeconds": 1e300}])")
            << QStringLiteral("retrier 1: IntervalSeconds: 1e+300 is out of range");
        QTest::newRow("huge delay cap")
            << QStringLiteral(R"([{"ErrorEquals": ["A"], "MaxDelaySeconds": 4e9}])")
            << QStringLiteral("retrier 1: MaxDelaySeconds: 4000000000 is out of range");
        QTest::newRow("text attempts")
            << QStringLiteral(R"([{"ErrorEquals": ["A"], "MaxAttempts": "3"}])")
            << QStringLiteral("retrier 1: MaxAttempts must be a number from 0 to 99999999");
        QTest::newRow("jitter") << QStringLiteral(
            R"([{"ErrorEquals": ["A"], "JitterStrategy": "HALF"}])")
                                << QStringLiteral("retrier 1: JitterStrategy must be FULL or NONE");
        QTest::newRow("unknown field") << QStringLiteral(R"([{"ErrorEquals": ["A"], "Next": "X"}])")
                                       << QStringLiteral("retrier 1: unknown field Next");
        QTest::newRow("not json") << QStringLiteral("[{")
                                  << QStringLiteral("not valid JSON at character");
        QTest::newRow("not a list") << QStringLiteral(R"({"ErrorEquals": ["A"]})")
                                    << QStringLiteral("must be a JSON array");
    }
    void refusesWhatAwsRefuses()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        QList<RetrierSpec> rs;
        QString error;
        QVERIFY(!parseRetriers(text, &rs, &error));
        QVERIFY2(error.startsWith(message), qPrintable(error));
        QVERIFY(rs.isEmpty());
    }

    void badRetriersAreAnAnalysisError()
    {
        Document doc;
        QString error;
        const ComponentId sm =
            doc.addComponent(K::StepFunctions, QPointF(), QStringLiteral("flow"));
        const ComponentId fn = doc.addComponent(K::Lambda, QPointF(), QStringLiteral("charge"));
        const ConnectionId task = doc.connectComponents(sm, fn, C::ServiceIntegration, &error);
        QVERIFY2(task, qPrintable(error));
        QVERIFY(codes(doc.design(), findingcode::SfnBadRetriers).isEmpty());
        QVERIFY(doc.setConnectionParam(
            task, QStringLiteral("retriers"),
            QStringLiteral(R"([{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}])"),
            &error));
        const QStringList found = codes(doc.design(), findingcode::SfnBadRetriers);
        QCOMPARE(found.size(), 1);
        QVERIFY2(found[0].contains(QStringLiteral("'charge'"))
                     && found[0].contains(QStringLiteral("States.ALL must be alone")),
                 qPrintable(found[0]));
        QVERIFY(doc.setConnectionParam(
            task, QStringLiteral("retriers"),
            QStringLiteral(R"([{"ErrorEquals": ["X"]}, {"ErrorEquals": ["States.ALL"]}])"),
            &error));
        QVERIFY(codes(doc.design(), findingcode::SfnBadRetriers).isEmpty());
    }

    void retryArrayGoesThroughSam()
    {
        // The Task's Retry array is what a deployed state machine gets: exported as the state's
        // Retry, read back into the wire's retriers (whitespace aside, the same array).
        Document doc;
        QString error;
        const ComponentId sm =
            doc.addComponent(K::StepFunctions, QPointF(), QStringLiteral("flow"));
        const ComponentId fn = doc.addComponent(K::Lambda, QPointF(), QStringLiteral("charge"));
        const ConnectionId task = doc.connectComponents(sm, fn, C::ServiceIntegration, &error);
        const QString text = QStringLiteral(
            R"([{"ErrorEquals": ["Lambda.TooManyRequestsException", "Lambda.Unknown"],
                 "IntervalSeconds": 2, "MaxAttempts": 6, "MaxDelaySeconds": 30,
                 "JitterStrategy": "FULL"}, {"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}])");
        QVERIFY(doc.setConnectionParam(task, QStringLiteral("retriers"), text, &error));
        const QByteArray yaml = sam::exportSam(doc.design());
        QVERIFY(yaml.contains("Lambda.TooManyRequestsException"));
        QVERIFY(yaml.contains("MaxDelaySeconds: 30"));
        const sam::SamImportResult back = sam::importSamText(yaml, QString());
        QVERIFY2(back.ok(), qPrintable(back.error));
        QList<RetrierSpec> want, got;
        QVERIFY(parseRetriers(text, &want, &error));
        bool found = false;
        for (const Connection &w : back.design.connections) {
            if (w.kind != C::ServiceIntegration)
                continue;
            found = true;
            QVERIFY2(
                parseRetriers(w.params.value(QStringLiteral("retriers")).toString(), &got, &error),
                qPrintable(error));
        }
        QVERIFY(found);
        QCOMPARE(got.size(), want.size());
        for (qsizetype i = 0; i < want.size(); ++i) {
            QCOMPARE(got[i].errorEquals, want[i].errorEquals);
            QCOMPARE(got[i].intervalSeconds, want[i].intervalSeconds);
            QCOMPARE(got[i].maxAttempts, want[i].maxAttempts);
            QCOMPARE(got[i].backoffRate, want[i].backoffRate);
            QCOMPARE(got[i].maxDelaySeconds, want[i].maxDelaySeconds);
            QCOMPARE(got[i].fullJitter, want[i].fullJitter);
        }
    }

    void atMostTwentyFanOutConsumersPerStream()
    {
        Document doc;
        QString error;
        const ComponentId stream =
            doc.addComponent(K::KinesisStream, QPointF(), QStringLiteral("clicks"));
        QList<ConnectionId> esms;
        for (int i = 0; i < 21; ++i) {
            const ComponentId fn =
                doc.addComponent(K::Lambda, QPointF(), QStringLiteral("reader%1").arg(i));
            esms.append(doc.connectComponents(stream, fn, C::EventSourceMapping, &error));
            QVERIFY2(esms.last(), qPrintable(error));
        }
        // 21 standard consumers: no limit (they share the shard's reads instead).
        QVERIFY(codes(doc.design(), findingcode::StreamTooManyFanOut).isEmpty());
        for (int i = 0; i < 20; ++i)
            QVERIFY(
                doc.setConnectionParam(esms[i], QStringLiteral("enhancedFanOut"), true, &error));
        QVERIFY(codes(doc.design(), findingcode::StreamTooManyFanOut).isEmpty());
        QVERIFY(doc.setConnectionParam(esms[20], QStringLiteral("enhancedFanOut"), true, &error));
        const QStringList found = codes(doc.design(), findingcode::StreamTooManyFanOut);
        QCOMPARE(found.size(), 1);
        QVERIFY2(found[0].contains(QStringLiteral("21 enhanced fan-out consumers"))
                     && found[0].contains(QStringLiteral("at most 20")),
                 qPrintable(found[0]));
    }

    void enhancedFanOutIsBilledPerConsumer()
    {
        // A 4-shard stream at 100 records/s of 10 KB with one standard and two enhanced
        // fan-out consumers: 2 x 4 x 730 consumer-shard-hours, and the records once per enhanced
        // fan-out consumer (quantities derived here from the rule, not read from the code).
        Document doc;
        QString error;
        const ComponentId src =
            doc.addComponent(K::TrafficSource, QPointF(), QStringLiteral("clicks-in"));
        QVERIFY(doc.setComponentParam(src, QStringLiteral("rate"), 100.0, &error));
        QVERIFY(doc.setComponentParam(src, QStringLiteral("payloadSize"), 10.0, &error));
        const ComponentId stream =
            doc.addComponent(K::KinesisStream, QPointF(), QStringLiteral("s"));
        QVERIFY2(doc.setComponentParam(stream, QStringLiteral("shards"), 4, &error),
                 qPrintable(error));
        QVERIFY(doc.connectComponents(src, stream, C::Traffic, &error));
        for (int i = 0; i < 3; ++i) {
            const ComponentId fn =
                doc.addComponent(K::Lambda, QPointF(), QStringLiteral("reader%1").arg(i));
            const ConnectionId esm =
                doc.connectComponents(stream, fn, C::EventSourceMapping, &error);
            QVERIFY(esm);
            if (i > 0)
                QVERIFY(
                    doc.setConnectionParam(esm, QStringLiteral("enhancedFanOut"), true, &error));
        }
        const CostReport report = estimateMonthlyCost(doc.design(), PricingCatalogue::builtIn());
        double hours = -1, gb = -1;
        for (const CostLine &l : report.lines) {
            if (l.dimensionId == QLatin1String("efo-consumer-shard-hours"))
                hours = l.quantity;
            else if (l.dimensionId == QLatin1String("efo-data"))
                gb = l.quantity;
        }
        QCOMPARE(hours, 2 * 4 * 730.0);
        const double expectGb = 100.0 * 730 * 3600 * 10 * 2 / (1024.0 * 1024.0);
        QVERIFY2(std::abs(gb - expectGb) < 1e-6 * expectGb, qPrintable(QString::number(gb)));
        // Without enhanced fan-out there is no such row.
        for (const Connection &w : doc.design().connections)
            if (w.kind == C::EventSourceMapping)
                QVERIFY(
                    doc.setConnectionParam(w.id, QStringLiteral("enhancedFanOut"), false, &error));
        for (const CostLine &l :
             estimateMonthlyCost(doc.design(), PricingCatalogue::builtIn()).lines)
            QVERIFY(!l.dimensionId.startsWith(QLatin1String("efo-")));
    }

    void designsWithoutTheNewParametersLoad()
    {
        // A design written before "retriers" and "enhancedFanOut" existed: the keys are simply
        // absent; reading fills the AWS defaults (empty Retry array, enhanced fan-out off).
        Document doc;
        QString error;
        const ComponentId stream =
            doc.addComponent(K::KinesisStream, QPointF(), QStringLiteral("s"));
        const ComponentId fn = doc.addComponent(K::Lambda, QPointF(), QStringLiteral("f"));
        const ComponentId sm = doc.addComponent(K::StepFunctions, QPointF(), QStringLiteral("m"));
        QVERIFY(doc.connectComponents(stream, fn, C::EventSourceMapping, &error));
        QVERIFY(doc.connectComponents(sm, fn, C::ServiceIntegration, &error));
        QByteArray yaml = TextFormat::toYaml(doc.design());
        QVERIFY(yaml.contains("enhancedFanOut: false"));
        QVERIFY(yaml.contains("retriers: \"\""));
        QByteArray old;
        for (const QByteArray &line : yaml.split('\n'))
            if (!line.contains("enhancedFanOut") && !line.contains("retriers"))
                old += line + '\n';
        Design loaded;
        QVERIFY2(TextFormat::fromYaml(old, QStringLiteral("old.swb.yaml"), &loaded, &error),
                 qPrintable(error));
        bool sawEsm = false, sawTask = false;
        for (const Connection &w : loaded.connections) {
            if (w.kind == C::EventSourceMapping) {
                sawEsm = true;
                QCOMPARE(w.params.value(QStringLiteral("enhancedFanOut"), false).toBool(), false);
            } else if (w.kind == C::ServiceIntegration) {
                sawTask = true;
                QCOMPARE(w.params.value(QStringLiteral("retriers")).toString(), QString());
            }
        }
        QVERIFY(sawEsm && sawTask);
        QVERIFY(codes(loaded, findingcode::SfnBadRetriers).isEmpty());
    }
};

QTEST_MAIN(TestRetriersFanOut)
#include "retriersfanout.moc"
