// Results files read back (sim/resultsreader.h): a run written as JSON and read again holds the
// same series, bins and summary, prices to the same bill as the run itself, and every kind of
// damage is refused with the file and the place named.

#include "sim/resultsreader.h"
#include "sim/resultswriter.h"

#include "model/costmodel.h"
#include "model/patterns.h"
#include "model/pricing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace swb;

namespace {

RunResults shortRun(const Design &design)
{
    RunOptions options;
    options.pricing = &PricingCatalogue::builtIn();
    options.durationSeconds = 90;
    return runToEnd(design, options);
}

// root with the value at a dotted path ("summary.components[0].id") replaced.
QJsonValue withValue(const QJsonValue &node, QStringList path, double value)
{
    if (path.isEmpty())
        return value;
    QString key = path.takeFirst();
    int index = -1;
    if (key.endsWith(QLatin1Char(']'))) {
        const qsizetype open = key.indexOf(QLatin1Char('['));
        index = key.mid(open + 1, key.size() - open - 2).toInt();
        key = key.left(open);
    }
    QJsonObject object = node.toObject();
    if (index < 0) {
        object.insert(key, withValue(object.value(key), path, value));
    } else {
        QJsonArray array = object.value(key).toArray();
        array.replace(index, withValue(array.at(index), path, value));
        object.insert(key, array);
    }
    return object;
}

QJsonObject withValue(const QJsonObject &root, const QStringList &path, double value)
{
    return withValue(QJsonValue(root), path, value).toObject();
}

} // namespace

class TestResultsReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripPricesTheSame_data()
    {
        QTest::addColumn<QString>("pattern");
        for (const QString &id : patternIds())
            QTest::newRow(qPrintable(id)) << id;
    }

    void roundTripPricesTheSame()
    {
        QFETCH(QString, pattern);
        const Design design = *makePattern(pattern);
        const RunResults run = shortRun(design);
        QVERIFY2(run.ok, qPrintable(run.error));
        QString error;
        const RunResults back =
            readResultsJson(resultsToJson(run), QStringLiteral("r.json"), &error);
        QVERIFY2(back.ok, qPrintable(error));
        QCOMPARE(back.metadata.seed, run.metadata.seed);
        QCOMPARE(back.metadata.durationSeconds, run.metadata.durationSeconds);
        QCOMPARE(back.binCount(), run.binCount());
        QCOMPARE(back.catalog.series.size(), run.catalog.series.size());
        for (int s = 0; s < run.catalog.series.size(); ++s) {
            QCOMPARE(back.catalog.series.at(s).name, run.catalog.series.at(s).name);
            QCOMPARE(back.catalog.series.at(s).component, run.catalog.series.at(s).component);
        }
        for (std::size_t i = 0; i < run.values.size(); ++i) {
            const double a = run.values[i];
            const double b = back.values[i];
            QVERIFY((std::isnan(a) && std::isnan(b)) || a == b);
        }
        QVERIFY(resultsDesignMismatch(back, design).isEmpty());
        const CostReport original = measuredCostReport(design, run, PricingCatalogue::builtIn());
        const CostReport reread = measuredCostReport(design, back, PricingCatalogue::builtIn());
        QCOMPARE(reread.lines.size(), original.lines.size());
        QCOMPARE(reread.totalUsd, original.totalUsd);
        QCOMPARE(reread.totalUsd, run.summary.monthlyCostUsd);
    }

    void damageIsRefusedWithThePlace_data()
    {
        QTest::addColumn<QString>("pointer"); // what to damage
        QTest::addColumn<QString>("expected");
        QTest::newRow("version") << "version"
                                 << "version";
        QTest::newRow("duration") << "metadata.durationSeconds"
                                  << "durationSeconds";
        QTest::newRow("seed") << "metadata.seed"
                              << "metadata.seed";
        QTest::newRow("aggregation") << "series.aggregation"
                                     << "series[0].aggregation";
        QTest::newRow("value") << "series.value"
                               << "series[0].values[0]";
        QTest::newRow("kind") << "summary.kind"
                              << "summary.components[0].kind";
    }

    void damageIsRefusedWithThePlace()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, expected);
        const Design design = *makePattern(QStringLiteral("sqs-lambda"));
        QJsonObject root = QJsonDocument::fromJson(resultsToJson(shortRun(design))).object();
        QJsonObject meta = root.value(QStringLiteral("metadata")).toObject();
        QJsonArray series = root.value(QStringLiteral("series")).toArray();
        QJsonObject first = series.at(0).toObject();
        QJsonObject summary = root.value(QStringLiteral("summary")).toObject();
        QJsonArray components = summary.value(QStringLiteral("components")).toArray();
        QJsonObject component = components.at(0).toObject();
        if (pointer == QLatin1String("version"))
            root.insert(QStringLiteral("version"), 99);
        else if (pointer == QLatin1String("metadata.durationSeconds"))
            meta.insert(QStringLiteral("durationSeconds"), 0);
        else if (pointer == QLatin1String("metadata.seed"))
            meta.insert(QStringLiteral("seed"), QStringLiteral("twelve"));
        else if (pointer == QLatin1String("series.aggregation"))
            first.insert(QStringLiteral("aggregation"), QStringLiteral("median"));
        else if (pointer == QLatin1String("series.value")) {
            QJsonArray values = first.value(QStringLiteral("values")).toArray();
            values.replace(0, QStringLiteral("7"));
            first.insert(QStringLiteral("values"), values);
        } else if (pointer == QLatin1String("summary.kind"))
            component.insert(QStringLiteral("kind"), QStringLiteral("mainframe"));
        series.replace(0, first);
        components.replace(0, component);
        summary.insert(QStringLiteral("components"), components);
        root.insert(QStringLiteral("metadata"), meta);
        root.insert(QStringLiteral("series"), series);
        root.insert(QStringLiteral("summary"), summary);
        QString error;
        const RunResults r =
            readResultsJson(QJsonDocument(root).toJson(), QStringLiteral("damaged.json"), &error);
        QVERIFY(!r.ok);
        QVERIFY2(error.contains(QLatin1String("damaged.json")), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    // Fuzzing found each of these converted to an integer out of range (undefined behaviour)
    // or priced into nonsense: a 1e-300 s run billed -92,233,720,368,547,758.08 USD with exit 0.
    void absurdFiguresAreRefused_data()
    {
        QTest::addColumn<QString>("path"); // dotted, [n] indexes an array
        QTest::addColumn<double>("value");
        const double huge = 1e308;
        QTest::newRow("tiny duration") << "metadata.durationSeconds" << 1e-300;
        QTest::newRow("huge duration") << "metadata.durationSeconds" << huge;
        QTest::newRow("bin width") << "metadata.binWidthSeconds" << 1e-300;
        QTest::newRow("events") << "metadata.events" << huge;
        QTest::newRow("negative events") << "metadata.events" << -1.0;
        QTest::newRow("bins") << "metadata.bins" << huge;
        QTest::newRow("fractional bins") << "metadata.bins" << 1.5;
        QTest::newRow("wall seconds") << "metadata.wallSeconds" << -5.0;
        QTest::newRow("series id") << "series[0].componentId" << huge;
        QTest::newRow("negative series id") << "series[1].componentId" << -3.0;
        QTest::newRow("summary id 2^63") << "summary.components[0].id" << std::ldexp(1.0, 63);
        QTest::newRow("summary id 0") << "summary.components[0].id" << 0.0;
        QTest::newRow("negative ledger") << "ledger.produced" << -1e300;
        QTest::newRow("fractional ledger") << "ledger.dropped" << 0.5;
        QTest::newRow("bill") << "summary.monthlyCostUsd" << huge;
        QTest::newRow("block bill") << "summary.components[1].monthlyCostUsd" << -huge;
        QTest::newRow("backlog") << "summary.components[1].maxBacklog" << huge;
        QTest::newRow("p99") << "summary.components[2].latencyP99Ms" << huge;
        QTest::newRow("peak") << "summary.peakAccountConcurrency" << -1.0;
    }

    void absurdFiguresAreRefused()
    {
        QFETCH(QString, path);
        QFETCH(double, value);
        const Design design = *makePattern(QStringLiteral("sqs-lambda"));
        const QJsonObject root = QJsonDocument::fromJson(resultsToJson(shortRun(design))).object();
        QString error;
        QVERIFY(readResultsJson(QJsonDocument(root).toJson(), QStringLiteral("r.json"), &error).ok);
        const QJsonObject damaged = withValue(root, path.split(QLatin1Char('.')), value);
        const RunResults r =
            readResultsJson(QJsonDocument(damaged).toJson(), QStringLiteral("absurd.json"), &error);
        QVERIFY2(!r.ok, qPrintable(path));
        QVERIFY2(error.startsWith(QLatin1String("'absurd.json': ") + path + QLatin1Char(':')),
                 qPrintable(error));
    }

    void anotherDesignIsNamed()
    {
        const Design design = *makePattern(QStringLiteral("sqs-lambda"));
        QString error;
        const RunResults back =
            readResultsJson(resultsToJson(shortRun(design)), QStringLiteral("r.json"), &error);
        QVERIFY(back.ok);
        Design renamed = design;
        Component &c = renamed.components.first();
        c.name += QStringLiteral("-renamed");
        QVERIFY(resultsDesignMismatch(back, renamed).contains(c.name));
        Design other = *makePattern(QStringLiteral("sns-fanout"));
        QVERIFY(!resultsDesignMismatch(back, other).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestResultsReader)
#include "resultsreader.moc"
