// The results reference (sim/resultsreference.h, `swb metrics`): every series of the simulator's
// metric registry is described and nothing else is; the JSON output parses; results files of
// every bundled pattern hold only series the reference lists, with its unit and aggregation; and
// the README's table is exactly what `swb metrics -f markdown` prints, so it cannot drift.

#include "clitestutil.h"

#include "../exporttestutil.h"

#include "model/patterns.h"
#include "sim/resultsreference.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using namespace swb::test;

class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRegisteredSeriesIsDescribed()
    {
        const QList<ResultsSeriesInfo> reference = resultsReference();
        QVERIFY(reference.size() > 50);
        QSet<QString> names;
        for (const ResultsSeriesInfo &s : reference) {
            QVERIFY2(!s.meaning.isEmpty(), qPrintable(s.name + QStringLiteral(" has no meaning")));
            QVERIFY2(!s.unit.isEmpty() && !s.scope.isEmpty(), qPrintable(s.name));
            QVERIFY2(QStringList({QStringLiteral("sum"), QStringLiteral("max"),
                                  QStringLiteral("last"), QStringLiteral("mean")})
                         .contains(s.aggregation),
                     qPrintable(s.name));
            QVERIFY2(!names.contains(s.name), qPrintable(s.name));
            names.insert(s.name);
        }
        QCOMPARE(staleResultsMeanings(), QStringList());
    }

    void jsonListsEverySeries()
    {
        const SwbResult r =
            runSwb({QStringLiteral("metrics"), QStringLiteral("-f"), QStringLiteral("json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("swb-metrics"));
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
        const QJsonArray series = root.value(QStringLiteral("series")).toArray();
        const QList<ResultsSeriesInfo> reference = resultsReference();
        QCOMPARE(series.size(), reference.size());
        for (qsizetype i = 0; i < series.size(); ++i) {
            const QJsonObject s = series.at(i).toObject();
            QCOMPARE(s.value(QStringLiteral("name")).toString(), reference.at(i).name);
            QCOMPARE(s.value(QStringLiteral("unit")).toString(), reference.at(i).unit);
            QCOMPARE(s.value(QStringLiteral("aggregation")).toString(),
                     reference.at(i).aggregation);
            QCOMPARE(s.value(QStringLiteral("meaning")).toString(), reference.at(i).meaning);
        }
    }

    // What a results file holds, read back from `swb simulate --out` of every bundled pattern:
    // each series (a shard's number read as '#') is in the reference with the same unit and
    // aggregation.
    void resultsFilesHoldOnlyDocumentedSeries()
    {
        QHash<QString, ResultsSeriesInfo> byName;
        for (const ResultsSeriesInfo &s : resultsReference())
            byName.insert(s.name, s);
        QTemporaryDir dir;
        QSet<QString> seen;
        for (const QString &id : patternIds()) {
            const QString design = dir.filePath(id + QStringLiteral(".swb"));
            const QString out = dir.filePath(id + QStringLiteral(".json"));
            QVERIFY(saveDesignFile(design, *makePattern(id)));
            const SwbResult r =
                runSwb({QStringLiteral("simulate"), design, QStringLiteral("--duration"),
                        QStringLiteral("30s"), QStringLiteral("--out"), out});
            QVERIFY2(r.code == 0 || r.code == 1, qPrintable(r.err));
            const QJsonArray series = QJsonDocument::fromJson(readFileBytes(out))
                                          .object()
                                          .value(QStringLiteral("series"))
                                          .toArray();
            QVERIFY2(!series.isEmpty(), qPrintable(id));
            for (const QJsonValue &v : series) {
                const QJsonObject s = v.toObject();
                QString name = s.value(QStringLiteral("name")).toString();
                name.replace(QRegularExpression(QStringLiteral("\\.shard[0-9]+\\.")),
                             QStringLiteral(".shard#."));
                QVERIFY2(byName.contains(name), qPrintable(id + QLatin1Char(' ') + name));
                QCOMPARE(s.value(QStringLiteral("unit")).toString(), byName.value(name).unit);
                QCOMPARE(s.value(QStringLiteral("aggregation")).toString(),
                         byName.value(name).aggregation);
                seen.insert(name);
            }
        }
        QVERIFY2(seen.size() > byName.size() / 2, qPrintable(QString::number(seen.size())));
    }

    // README.md's "Results reference" table is `swb metrics -f markdown`, verbatim.
    void readmeTableIsTheGeneratedOne()
    {
        const QString readme =
            QString::fromUtf8(readFileBytes(QStringLiteral(SWB_SOURCE_DIR "/README.md")));
        const QString begin = QStringLiteral("<!-- swb metrics -f markdown: begin -->\n");
        const QString end = QStringLiteral("<!-- swb metrics -f markdown: end -->");
        const qsizetype from = readme.indexOf(begin);
        const qsizetype to = readme.indexOf(end);
        QVERIFY2(from >= 0 && to > from, "README.md has no generated results reference");
        const QString table = readme.mid(from + begin.size(), to - from - begin.size());
        const SwbResult r = runSwb(
            {QStringLiteral("metrics"), QStringLiteral("--format"), QStringLiteral("markdown")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(table == r.out,
                 "README.md's results reference differs from the registry: replace the table "
                 "with the output of 'swb metrics -f markdown'");
    }
};

QTEST_MAIN(TestMetrics)
#include "metrics.moc"
