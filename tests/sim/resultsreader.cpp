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
