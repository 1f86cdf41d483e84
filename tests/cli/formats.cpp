// Machine-readable output of every command that prints results: --format json parses with its
// documented fields, CSV and Markdown survive hostile block names, JUnit and SARIF parse, and
// '-' writes to standard output instead of a file named '-'.

#include "../exporttestutil.h"
#include "clitestutil.h"

#include "model/patterns.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace swb;
using test::runSwb;
using test::SwbResult;

namespace {

const QString kHostile = QStringLiteral("job,\"worker\"|x");

QJsonObject json(const SwbResult &r)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON (%s): %s", qPrintable(error.errorString()), qPrintable(r.out.left(300)));
    return doc.object();
}

// Cells of a Markdown table line, split at unescaped pipes (escapes removed).
QStringList markdownCells(const QString &line)
{
    QStringList cells{QString()};
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line.at(i) == u'\\' && i + 1 < line.size())
            cells.last() += line.at(++i);
        else if (line.at(i) == u'|')
            cells.append(QString());
        else
            cells.last() += line.at(i);
    }
    for (QString &c : cells)
        c = c.trimmed();
    return cells.mid(1, cells.size() - 2);
}

} // namespace

class TestCliFormats : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_hostile; // sqs-lambda with job-worker renamed to kHostile
    QString m_plain;   // api-lambda

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Design d = *makePattern(QStringLiteral("sqs-lambda"));
        for (Component &c : d.components) {
            if (c.name == QLatin1String("job-worker"))
                c.name = kHostile;
        }
        m_hostile = m_dir.filePath(QStringLiteral("hostile.swb.yaml"));
        m_plain = m_dir.filePath(QStringLiteral("plain.swb"));
        QVERIFY(test::saveDesignFile(m_hostile, d));
        QVERIFY(test::saveDesignFile(m_plain, *makePattern(QStringLiteral("api-lambda"))));
        Design back;
        QVERIFY(test::loadDesignFile(m_hostile, &back));
        QVERIFY(back.componentByName(kHostile));
    }

    void validateJson()
    {
        const SwbResult r = runSwb(
            {QStringLiteral("validate"), m_hostile, QStringLiteral("-f"), QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        const QJsonObject o = json(r);
        QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("swb-validate"));
        QCOMPARE(o.value(QStringLiteral("version")).toInt(), 1);
        const QJsonArray findings = o.value(QStringLiteral("findings")).toArray();
        QVERIFY(!findings.isEmpty());
        int infos = 0;
        for (const QJsonValue &f : findings) {
            QVERIFY(!f[QStringLiteral("code")].toString().isEmpty());
            QVERIFY(!f[QStringLiteral("message")].toString().isEmpty());
            infos += f[QStringLiteral("severity")].toString() == QLatin1String("info");
            QVERIFY(f[QStringLiteral("blocks")].isArray());
        }
        QCOMPARE(o.value(QStringLiteral("infos")).toInt(), infos);
    }

    void costJson()
    {
        const SwbResult r = runSwb({QStringLiteral("cost"), m_hostile, QStringLiteral("--format"),
                                    QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        const QJsonObject o = json(r);
        QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("swb-cost"));
        qint64 cents = 0;
        bool hostileRow = false;
        for (const QJsonValue &l : o.value(QStringLiteral("lines")).toArray()) {
            cents += qRound64(l[QStringLiteral("usd")].toDouble() * 100);
            hostileRow = hostileRow || l[QStringLiteral("component")].toString() == kHostile;
        }
        QVERIFY(hostileRow);
        QCOMPARE(qRound64(o.value(QStringLiteral("total")).toDouble() * 100), cents);
        QVERIFY(o.value(QStringLiteral("rounding")).toString().contains(QLatin1String("cent")));
    }

    void simulateJson()
    {
        const SwbResult r = runSwb({QStringLiteral("simulate"), m_hostile, QStringLiteral("-d"),
                                    QStringLiteral("30s"), QStringLiteral("-fjson")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = json(r);
        QCOMPARE(o.value(QStringLiteral("format")).toString(),
                 QStringLiteral("swb-simulation-results"));
        QVERIFY(!o.contains(QStringLiteral("series")));
        QCOMPARE(o.value(QStringLiteral("metadata"))[QStringLiteral("durationSeconds")].toDouble(),
                 30.0);
        bool found = false;
        for (const QJsonValue &c :
             o.value(QStringLiteral("summary"))[QStringLiteral("components")].toArray())
            found = found || c[QStringLiteral("name")].toString() == kHostile;
        QVERIFY(found);
        const QJsonObject l = o.value(QStringLiteral("ledger")).toObject();
        QVERIFY(l.value(QStringLiteral("produced")).toDouble() > 0);
    }

    void compareJson()
    {
        const SwbResult r =
            runSwb({QStringLiteral("compare"), m_hostile, m_plain, QStringLiteral("--duration=30s"),
                    QStringLiteral("-f"), QStringLiteral("json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = json(r);
        QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("swb-compare"));
        const QJsonArray designs = o.value(QStringLiteral("designs")).toArray();
        QCOMPARE(designs.size(), 2);
        for (const QJsonValue &d : designs) {
            QVERIFY(d[QStringLiteral("ok")].toBool());
            QVERIFY(d[QStringLiteral("throughputPerS")].toDouble() > 0);
            QVERIFY(d[QStringLiteral("monthlyCostUsd")].isDouble());
        }
        QVERIFY(o.value(QStringLiteral("fault")).isNull());
    }

    void sweepJsonAndHostileCsv()
    {
        const QString csv = m_dir.filePath(QStringLiteral("sweep.csv"));
        const QString vary = kHostile + QStringLiteral(".memory=512,1024");
        const SwbResult r =
            runSwb({QStringLiteral("sweep"), m_hostile, QStringLiteral("--vary"), vary,
                    QStringLiteral("-d"), QStringLiteral("20s"), QStringLiteral("--seeds"),
                    QStringLiteral("1"), QStringLiteral("-f"), QStringLiteral("json"),
                    QStringLiteral("--out"), csv});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = json(r);
        QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("swb-sweep"));
        const QJsonArray cells = o.value(QStringLiteral("cells")).toArray();
        QCOMPARE(cells.size(), 2);
        QVERIFY(cells
                    .at(0)[QStringLiteral("figures")][QStringLiteral("throughputPerS")]
                          [QStringLiteral("mean")]
                    .toDouble()
                > 0);
        QCOMPARE(o.value(QStringLiteral("axes"))[0][QStringLiteral("block")].toString(), kHostile);

        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString problem;
        const QList<QStringList> rows = test::parseCsv(QString::fromUtf8(file.readAll()), &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).first(), kHostile + QStringLiteral(".memory"));
        for (const QStringList &row : rows)
            QCOMPARE(row.size(), rows.first().size());
    }

    void checkJsonMarkdownJunitSarif()
    {
        const QStringList base = {QStringLiteral("check"),
                                  m_hostile,
                                  QStringLiteral("-d"),
                                  QStringLiteral("20s"),
                                  QStringLiteral("--budget"),
                                  QStringLiteral("100000"),
                                  QStringLiteral("--no-loss"),
                                  QStringLiteral("--baseline"),
                                  m_hostile};
        const SwbResult r =
            runSwb(base + QStringList{QStringLiteral("-f"), QStringLiteral("json")});
        QVERIFY2(r.code == 0 || r.code == 1, qPrintable(r.err));
        const QJsonObject o = json(r);
        QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("swb-check"));
        const QJsonArray gates = o.value(QStringLiteral("gates")).toArray();
        QCOMPARE(gates.size(), 2);
        QCOMPARE(gates.at(0)[QStringLiteral("id")].toString(), QStringLiteral("monthly-cost"));
        QVERIFY(gates.at(0)[QStringLiteral("passed")].toBool());
        QCOMPARE(o.value(QStringLiteral("passed")).toBool(), r.code == 0);
        const QJsonArray perBlock =
            o.value(QStringLiteral("baseline"))[QStringLiteral("components")].toArray();
        QVERIFY(!perBlock.isEmpty());

        // Markdown: every table line has as many cells as its header; names unescape to
        // themselves; the baseline is named without the machine's folders.
        const SwbResult md =
            runSwb(base + QStringList{QStringLiteral("--format"), QStringLiteral("markdown")});
        QCOMPARE(md.code, r.code);
        QVERIFY2(!md.out.contains(m_dir.path()), qPrintable(md.out));
        QVERIFY(md.out.contains(QLatin1String("Compared with hostile.swb.yaml")));
        bool hostileRow = false;
        for (const QString &line : md.out.split(u'\n')) {
            if (!line.startsWith(u'|'))
                continue;
            const QStringList cells = markdownCells(line);
            QCOMPARE(cells.size(), 4);
            hostileRow = hostileRow || cells.first() == kHostile;
        }
        QVERIFY(hostileRow);

        const SwbResult junit =
            runSwb(base + QStringList{QStringLiteral("-f"), QStringLiteral("junit")});
        QXmlStreamReader xml(junit.out);
        int cases = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            cases += xml.isStartElement() && xml.name() == QLatin1String("testcase");
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(cases, 2);
        const SwbResult sarif =
            runSwb(base + QStringList{QStringLiteral("-f"), QStringLiteral("sarif")});
        const QJsonObject s = json(sarif);
        QCOMPARE(s.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.0"));
        QCOMPARE(s.value(QStringLiteral("runs"))[0][QStringLiteral("results")].toArray().size(), 2);
    }

    void validateCsvJunitSarif()
    {
        const QStringList base = {QStringLiteral("validate"), m_hostile, QStringLiteral("-f")};
        const SwbResult csv = runSwb(base + QStringList{QStringLiteral("csv")});
        QString problem;
        const QList<QStringList> rows = test::parseCsv(csv.out, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(rows.size() > 1);
        for (const QStringList &row : rows)
            QCOMPARE(row.size(), 4);
        const QJsonObject j = json(runSwb(base + QStringList{QStringLiteral("json")}));
        const QJsonObject s = json(runSwb(base + QStringList{QStringLiteral("sarif")}));
        const QJsonArray results =
            s.value(QStringLiteral("runs"))[0][QStringLiteral("results")].toArray();
        QCOMPARE(results.size(), j.value(QStringLiteral("findings")).toArray().size());
        for (const QJsonValue &res : results)
            QVERIFY(QStringList({QStringLiteral("error"), QStringLiteral("warning"),
                                 QStringLiteral("note")})
                        .contains(res[QStringLiteral("level")].toString()));
        const SwbResult junit = runSwb(base + QStringList{QStringLiteral("junit")});
        QVERIFY(junit.out.startsWith(QLatin1String("<?xml")));
        QVERIFY(junit.out.contains(QLatin1String("<testsuite name=\"swb validate")));
    }

    // '-' is standard output: nothing named '-' appears, and the bytes are the file's.
    void dashIsStandardOutput()
    {
        const QString cwd = QDir::currentPath();
        QVERIFY(QDir::setCurrent(m_dir.path()));
        const SwbResult sam =
            runSwb({QStringLiteral("export"), QStringLiteral("sam"), m_plain, QStringLiteral("-")});
        QCOMPARE(sam.code, 0);
        QVERIFY(sam.out.startsWith(QLatin1String("AWSTemplateFormatVersion")));
        const SwbResult yaml = runSwb({QStringLiteral("convert"), m_plain, QStringLiteral("-")});
        QCOMPARE(yaml.code, 0);
        QVERIFY(yaml.out.startsWith(QLatin1String("# Serverless Workbench design")));
        const SwbResult cost =
            runSwb({QStringLiteral("export"), QStringLiteral("cost"), m_plain, QStringLiteral("-"),
                    QStringLiteral("-f"), QStringLiteral("csv")});
        QCOMPARE(cost.code, 0);
        QCOMPARE(cost.out, runSwb({QStringLiteral("cost"), m_plain, QStringLiteral("-f"),
                                   QStringLiteral("csv")})
                               .out);
        const SwbResult noFormat = runSwb(
            {QStringLiteral("export"), QStringLiteral("cost"), m_plain, QStringLiteral("-")});
        QCOMPARE(noFormat.code, 2);
        QVERIFY(noFormat.err.contains(QLatin1String("--format")));
        const SwbResult results =
            runSwb({QStringLiteral("simulate"), m_plain, QStringLiteral("-d"),
                    QStringLiteral("10s"), QStringLiteral("--out"), QStringLiteral("-")});
        QCOMPARE(results.code, 0);
        QVERIFY(json(results).value(QStringLiteral("series")).toArray().size() > 3);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("-"))));
        QVERIFY(QDir::setCurrent(cwd));
    }
};

QTEST_GUILESS_MAIN(TestCliFormats)
#include "formats.moc"
