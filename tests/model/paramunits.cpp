// Durations and sizes in human units (model/paramunits.h) and what the catalogue's parameters
// make of them: display, input, refusals, ranges; the settings that apply only to some shapes
// and types; one parameter on several blocks as one undo step.
#include "model/document.h"
#include "model/parametercatalogue.h"
#include "model/paramunits.h"

#include <QtTest>

using namespace swb;
using paramunits::Quantity;

namespace {

const ParamSpec &spec(ComponentKind kind, const char *key)
{
    const ParamSpec *s = catalogue::findComponentParam(kind, QLatin1String(key));
    Q_ASSERT(s);
    return *s;
}

} // namespace

class TestParamUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void humanTextKeepsValuesWhole_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("text");
        QTest::newRow("4 days") << 345600.0 << "s"
                                << "4 d";
        QTest::newRow("15 minutes") << 900.0 << "s"
                                    << "15 min";
        QTest::newRow("90 s stays") << 90.0 << "s"
                                    << "90 s";
        QTest::newRow("1.5 h as minutes") << 5400.0 << "s"
                                          << "90 min";
        QTest::newRow("ms to s") << 29000.0 << "ms"
                                 << "29 s";
        QTest::newRow("fraction of a ms") << 0.5 << "ms"
                                          << "0.5 ms";
        QTest::newRow("zero") << 0.0 << "s"
                              << "0 s";
        QTest::newRow("SQS message limit") << 262144.0 << "B"
                                           << "256 KB";
        QTest::newRow("1 MiB") << 1048576.0 << "B"
                               << "1 MB";
        QTest::newRow("Lambda 10 GB") << 10240.0 << "MB"
                                      << "10 GB";
        QTest::newRow("1536 MB stays") << 1536.0 << "MB"
                                       << "1536 MB";
        QTest::newRow("half a KB") << 0.5 << "KB"
                                   << "512 B";
        QTest::newRow("retention hours") << 8760.0 << "h"
                                         << "365 d";
    }
    void humanTextKeepsValuesWhole()
    {
        QFETCH(double, value);
        QFETCH(QString, unit);
        QFETCH(QString, text);
        const Quantity q = paramunits::quantityOf(unit);
        QVERIFY(q != Quantity::Plain);
        QCOMPARE(paramunits::humanText(value, unit, q), text);
        // What is shown reads back as the same value.
        QString error;
        QCOMPARE(paramunits::parse(text, unit, q, &error).value_or(-42), value);
    }

    void inputInAnyUnitOfItsQuantity_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<double>("value");
        QTest::newRow("bare is the stored unit") << "30"
                                                 << "s" << 30.0;
        QTest::newRow("days") << "4 d"
                              << "s" << 345600.0;
        QTest::newRow("no space, word") << "2hours"
                                        << "s" << 7200.0;
        QTest::newRow("decimal hours snap whole") << "1.1 h"
                                                  << "s" << 3960.0;
        QTest::newRow("seconds to ms") << "0.3 s"
                                       << "ms" << 300.0;
        QTest::newRow("minutes alias") << "15m"
                                       << "s" << 900.0;
        QTest::newRow("KB any case") << "256kb"
                                     << "B" << 262144.0;
        QTest::newRow("KiB") << "64 KiB"
                             << "B" << 65536.0;
        QTest::newRow("GB to MB") << "1 GB"
                                  << "MB" << 1024.0;
        QTest::newRow("bytes to KB") << "100 B"
                                     << "KB" << 100.0 / 1024;
    }
    void inputInAnyUnitOfItsQuantity()
    {
        QFETCH(QString, text);
        QFETCH(QString, unit);
        QFETCH(double, value);
        QString error;
        const auto parsed = paramunits::parse(text, unit, paramunits::quantityOf(unit), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(*parsed, value);
    }

    void badUnitsAreRefusedNamingTheAcceptedOnes()
    {
        QString error;
        QVERIFY(!paramunits::parse(QStringLiteral("2 weeks"), QStringLiteral("s"),
                                   Quantity::Duration, &error));
        QCOMPARE(error, QStringLiteral("'2 weeks': unknown unit 'weeks'; use ms, s, min, h, d"));
        QVERIFY(
            !paramunits::parse(QStringLiteral("3 s"), QStringLiteral("B"), Quantity::Size, &error));
        QCOMPARE(error, QStringLiteral("'3 s': unknown unit 's'; use B, KB, MB, GB"));
        QVERIFY(!paramunits::parse(QStringLiteral("four days"), QStringLiteral("s"),
                                   Quantity::Duration, &error));
        QVERIFY(error.contains(QLatin1String("not a number with a unit (ms, s, min, h, d)")));
    }

    void catalogueParametersUseThem()
    {
        const ParamSpec &retention = spec(ComponentKind::SqsQueue, "retentionPeriod");
        QCOMPARE(retention.quantity, Quantity::Duration);
        QCOMPARE(formatValue(retention, 345600LL), QStringLiteral("4 d"));
        QCOMPARE(retention.rangeText(), QStringLiteral("60 to 1209600 s (1 min to 14 d)"));
        QString why;
        auto read = [&](const ParamSpec &s, const QVariant &v) {
            return normalizeValue(s, v, &why).value_or(QVariant());
        };
        QCOMPARE(read(retention, QStringLiteral("7 d")), QVariant(604800LL));
        QCOMPARE(read(retention, QStringLiteral("1.5 min")), QVariant(90LL));
        QVERIFY(!normalizeValue(retention, QStringLiteral("15 d"), &why));
        QVERIFY(why.contains(QLatin1String("(1 min to 14 d)")));
        QVERIFY(!normalizeValue(spec(ComponentKind::SqsQueue, "visibilityTimeout"),
                                QStringLiteral("1500 ms"), &why));
        QVERIFY(why.contains(QLatin1String("whole number of s")));
        // Numbers as files store them are read as before.
        QCOMPARE(read(retention, QVariant(120.0)), QVariant(120LL));
        QCOMPARE(read(retention, QStringLiteral("120 s")), QVariant(120LL));

        QCOMPARE(spec(ComponentKind::SqsQueue, "maxMessageSize").quantity, Quantity::Size);
        QCOMPARE(spec(ComponentKind::Lambda, "memory").quantity, Quantity::Size);
        QCOMPARE(spec(ComponentKind::Lambda, "duration").quantity, Quantity::Duration);
        // Named "not set" values keep their names.
        const ParamSpec &age = *catalogue::findConnectionParam(ConnectionKind::EventSourceMapping,
                                                               ComponentKind::KinesisStream,
                                                               QStringLiteral("maxRecordAge"));
        QCOMPARE(formatValue(age, -1LL), QStringLiteral("until retention"));
        QCOMPARE(formatValue(age, 604800LL), QStringLiteral("7 d"));
        // Plain quantities and the clock hour stay as they were.
        QCOMPARE(spec(ComponentKind::TrafficSource, "peakHour").quantity, Quantity::Plain);
        QCOMPARE(formatValue(spec(ComponentKind::TrafficSource, "peakHour"), 24.0),
                 QStringLiteral("24 h"));
        QCOMPARE(formatValue(spec(ComponentKind::TrafficSource, "rate"), 2500.0),
                 QStringLiteral("2500 req/s"));
    }

    void settingsApplyOnlyToTheirShapeOrType()
    {
        QVariantMap traffic = catalogue::defaultComponentParams(ComponentKind::TrafficSource);
        auto applies = [&](const char *key) {
            return spec(ComponentKind::TrafficSource, key).appliesTo(traffic);
        };
        QCOMPARE(traffic.value(QStringLiteral("pattern")), QVariant(QStringLiteral("poisson")));
        QVERIFY(applies("rate"));
        QVERIFY(!applies("peakFactor") && !applies("peakHour") && !applies("spikeStart")
                && !applies("spikeDuration") && !applies("spikeMultiplier")
                && !applies("replayFile"));
        traffic.insert(QStringLiteral("pattern"), QStringLiteral("diurnal"));
        QVERIFY(applies("peakFactor") && applies("peakHour") && !applies("spikeStart"));
        traffic.insert(QStringLiteral("pattern"), QStringLiteral("step"));
        QVERIFY(applies("spikeStart") && applies("spikeMultiplier") && !applies("spikeDuration"));
        traffic.insert(QStringLiteral("pattern"), QStringLiteral("replay"));
        QVERIFY(applies("replayFile") && !applies("peakHour"));

        QVariantMap queue = catalogue::defaultComponentParams(ComponentKind::SqsQueue);
        const ParamSpec &groups = spec(ComponentKind::SqsQueue, "messageGroups");
        QVERIFY(!groups.appliesTo(queue));
        queue.insert(QStringLiteral("type"), QStringLiteral("FIFO"));
        QVERIFY(groups.appliesTo(queue));

        QVariantMap stream = catalogue::defaultComponentParams(ComponentKind::KinesisStream);
        QVERIFY(spec(ComponentKind::KinesisStream, "shards").appliesTo(stream));
        stream.insert(QStringLiteral("capacityMode"), QStringLiteral("On-demand"));
        QVERIFY(!spec(ComponentKind::KinesisStream, "shards").appliesTo(stream));

        QVariantMap project = catalogue::defaultProjectParams();
        const ParamSpec &burst = *catalogue::findProjectParam(QStringLiteral("legacyBurst"));
        QVERIFY(!burst.appliesTo(project));
        project.insert(QStringLiteral("scalingModel"), QStringLiteral("2018"));
        QVERIFY(burst.appliesTo(project));
    }

    void severalBlocksOneUndoStep()
    {
        Document doc;
        const ComponentId a = doc.addComponent(ComponentKind::Lambda, {0, 0}, QStringLiteral("a"));
        const ComponentId b =
            doc.addComponent(ComponentKind::Lambda, {0, 100}, QStringLiteral("b"));
        const ComponentId c =
            doc.addComponent(ComponentKind::Lambda, {0, 200}, QStringLiteral("c"));
        const ComponentId q = doc.addComponent(ComponentKind::SqsQueue, {0, 300});
        const QString key = QStringLiteral("memory");
        QVERIFY(doc.setComponentParam(c, key, 512));
        const int steps = doc.undoStack()->count();
        QString error;
        QVERIFY(doc.setComponentsParam({a, b, c}, key, QStringLiteral("512 MB"), &error));
        QCOMPARE(doc.undoStack()->count(), steps + 1);
        QCOMPARE(doc.undoStack()->undoText(),
                 QStringLiteral("Set Memory of 3 Lambda functions to 512 MB"));
        for (ComponentId id : {a, b, c})
            QCOMPARE(doc.design().component(id)->params.value(key), QVariant(512LL));
        doc.undoStack()->undo();
        QCOMPARE(doc.design().component(a)->params.value(key), QVariant(128LL));
        QCOMPARE(doc.design().component(c)->params.value(key), QVariant(512LL));

        // Refusals change nothing and say why.
        QVERIFY(!doc.setComponentsParam({a, q}, key, 256, &error));
        QVERIFY(error.contains(QLatin1String("different kinds")));
        QVERIFY(!doc.setComponentsParam({a, b}, key, QStringLiteral("20 GB"), &error));
        QVERIFY2(error.startsWith(QLatin1String("2 Lambda functions: Memory = 20 GB")),
                 qPrintable(error));
        QCOMPARE(doc.undoStack()->index(), steps);
        // All already so: no step.
        QVERIFY(doc.setComponentsParam({a, b}, key, 128, &error));
        QCOMPARE(doc.undoStack()->index(), steps);
    }
};

QTEST_GUILESS_MAIN(TestParamUnits)
#include "paramunits.moc"
