// The swb binary's scripting commands: scripted edits (swb set), lossless conversion between the
// project file and the text format (swb convert), what-if sweeps (swb sweep) and CI gates
// (swb check) with their exit codes and reports.

#include "clitestutil.h"

#include "model/patterns.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using namespace swb::test;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The number after "monthly cost" in swb check's gate table ("$123.45").
double measuredCost(const QString &report)
{
    static const QRegularExpression re(QStringLiteral(R"(monthly cost\s+\$[\d.]+\s+\$([\d.]+))"));
    const auto m = re.match(report);
    return m.hasMatch() ? m.captured(1).toDouble() : -1;
}

} // namespace

class TestCliScripting : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QString writePattern(const QString &id, const QString &name)
    {
        const QString file = path(name);
        auto design = makePattern(id);
        if (!design || !saveDesignFile(file, *design))
            return {};
        return file;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(QStringLiteral(SWB_CLI_PATH)), "build swb first");
    }

    void setChangesTheFileAndNamesTheEdit()
    {
        const QString file = writePattern(QStringLiteral("sqs-lambda"), QStringLiteral("s.swb"));
        QVERIFY(!file.isEmpty());
        const SwbResult r =
            runSwb({QStringLiteral("set"), file, QStringLiteral("job-worker.memory=1536"),
                    QStringLiteral("project.accountConcurrency=3000")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Set Memory of 'job-worker' to 1536 MB")),
                 qPrintable(r.out));
        Design design;
        QVERIFY(loadDesignFile(file, &design));
        QCOMPARE(design.componentByName(QStringLiteral("job-worker"))
                     ->params.value(QStringLiteral("memory"))
                     .toLongLong(),
                 1536LL);
        QCOMPARE(design.setting(QStringLiteral("accountConcurrency")).toLongLong(), 3000LL);
    }

    void setRefusesOutOfRangeWithTheCatalogueMessage()
    {
        const QString file = writePattern(QStringLiteral("sqs-lambda"), QStringLiteral("r.swb"));
        const QByteArray before = readAll(file);
        // The first assignment is valid: all or nothing, so it must not be written either.
        const SwbResult r =
            runSwb({QStringLiteral("set"), file, QStringLiteral("job-worker.memory=512"),
                    QStringLiteral("job-worker.timeout=901")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral(
                     "Lambda function 'job-worker': Timeout = 901 is out of range; allowed 1 to "
                     "900 s")),
                 qPrintable(r.err));
        QCOMPARE(readAll(file), before);

        const SwbResult unknown =
            runSwb({QStringLiteral("set"), file, QStringLiteral("nobody.memory=512")});
        QCOMPARE(unknown.code, 2);
        QVERIFY2(unknown.err.contains(QStringLiteral("no block named 'nobody'"))
                     && unknown.err.contains(QStringLiteral("job-worker")),
                 qPrintable(unknown.err));
    }

    void convertIsLosslessBothWays()
    {
        const QString swb = writePattern(QStringLiteral("sns-fanout"), QStringLiteral("c.swb"));
        const QString yaml = path(QStringLiteral("c.swb.yaml"));
        const QString back = path(QStringLiteral("c2.swb"));
        QCOMPARE(runSwb({QStringLiteral("convert"), swb, yaml}).code, 0);
        QCOMPARE(runSwb({QStringLiteral("convert"), yaml, back}).code, 0);
        Design original, fromYaml, roundTrip;
        QVERIFY(loadDesignFile(swb, &original));
        QVERIFY(loadDesignFile(yaml, &fromYaml));
        QVERIFY(loadDesignFile(back, &roundTrip));
        QCOMPARE(fromYaml, original);
        QCOMPARE(roundTrip, original);
        QVERIFY(readAll(yaml).contains("format: 1"));
    }

    void setOnTextFileIsAOneLineDiff()
    {
        const QString swb = writePattern(QStringLiteral("sqs-lambda"), QStringLiteral("t.swb"));
        const QString yaml = path(QStringLiteral("t.swb.yaml"));
        QCOMPARE(runSwb({QStringLiteral("convert"), swb, yaml}).code, 0);
        const QList<QByteArray> before = readAll(yaml).split('\n');
        QCOMPARE(runSwb({QStringLiteral("set"), yaml,
                         QStringLiteral("jobs-queue.visibilityTimeout=200")})
                     .code,
                 0);
        const QList<QByteArray> after = readAll(yaml).split('\n');
        QCOMPARE(after.size(), before.size());
        int changed = 0;
        for (qsizetype i = 0; i < before.size(); ++i) {
            if (before[i] != after[i]) {
                ++changed;
                QVERIFY2(after[i].trimmed() == "visibilityTimeout: 200", after[i].constData());
            }
        }
        QCOMPARE(changed, 1);
    }

    void sweepPrintsTheGridAndWritesCsv()
    {
        const QString file = writePattern(QStringLiteral("sqs-lambda"), QStringLiteral("w.swb"));
        const QString csv = path(QStringLiteral("w.csv"));
        const SwbResult r =
            runSwb({QStringLiteral("sweep"), file, QStringLiteral("--vary"),
                    QStringLiteral("job-worker.reservedConcurrency=2,10"),
                    QStringLiteral("--duration"), QStringLiteral("5m"), QStringLiteral("--seeds"),
                    QStringLiteral("2"), QStringLiteral("--out"), csv});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("job-worker.reservedConcurrency"))
                     && r.out.contains(QStringLiteral("throttles")),
                 qPrintable(r.out));
        const QList<QByteArray> lines = readAll(csv).trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // header + one row per value
        QVERIFY(lines[1].startsWith("2,"));
        QVERIFY(lines[2].startsWith("10,"));

        const SwbResult bad = runSwb({QStringLiteral("sweep"), file, QStringLiteral("--vary"),
                                      QStringLiteral("job-worker.memory=64,128")});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("allowed 128 to 10240 MB")), qPrintable(bad.err));
    }

    // A budget just above the measured cost passes, one just below fails, with the reason.
    void checkPassesAndFailsOnBothSidesOfABudget()
    {
        const QString file = writePattern(QStringLiteral("sqs-lambda"), QStringLiteral("k.swb"));
        const QStringList common = {QStringLiteral("--duration"), QStringLiteral("5m")};
        const SwbResult probe =
            runSwb(QStringList{QStringLiteral("check"), file, QStringLiteral("--budget"),
                               QStringLiteral("1000000/month")}
                   + common);
        QCOMPARE(probe.code, 0);
        const double cost = measuredCost(probe.out);
        QVERIFY2(cost > 0, qPrintable(probe.out));

        const SwbResult above =
            runSwb(QStringList{QStringLiteral("check"), file, QStringLiteral("--budget"),
                               QString::number(cost * 1.01, 'f', 2)}
                   + common);
        QCOMPARE(above.code, 0);
        QVERIFY(above.out.contains(QStringLiteral("passed")));
        const SwbResult below =
            runSwb(QStringList{QStringLiteral("check"), file, QStringLiteral("--budget"),
                               QString::number(cost * 0.99, 'f', 2)}
                   + common);
        QCOMPARE(below.code, 1);
        QVERIFY2(below.out.contains(QStringLiteral("FAIL: over budget by")), qPrintable(below.out));
    }

    void checkLatencyLossMarkdownAndBaseline()
    {
        const QString file = writePattern(QStringLiteral("sqs-lambda"), QStringLiteral("m.swb"));
        const QString starved = path(QStringLiteral("starved.swb"));
        QVERIFY(QFile::copy(file, starved));
        QCOMPARE(runSwb({QStringLiteral("set"), starved,
                         QStringLiteral("job-worker.reservedConcurrency=1")})
                     .code,
                 0);
        // One environment cannot keep up: the backlog's age makes p99 enormous.
        const SwbResult slow =
            runSwb({QStringLiteral("check"), starved, QStringLiteral("--p99"), QStringLiteral("2s"),
                    QStringLiteral("--duration"), QStringLiteral("5m"),
                    QStringLiteral("--markdown"), QStringLiteral("--baseline"), file});
        QCOMPARE(slow.code, 1);
        QVERIFY2(slow.out.contains(QStringLiteral("| p99 latency |")), qPrintable(slow.out));
        QVERIFY(slow.out.contains(QStringLiteral("|---|")));
        QVERIFY(slow.out.contains(QStringLiteral("Compared with")));
        QVERIFY(slow.out.contains(QStringLiteral("job-worker")));

        const SwbResult usage = runSwb({QStringLiteral("check"), file});
        QCOMPARE(usage.code, 2);
        QVERIFY(usage.err.contains(QStringLiteral("--budget")));
        const SwbResult badBudget = runSwb(
            {QStringLiteral("check"), file, QStringLiteral("--budget"), QStringLiteral("lots")});
        QCOMPARE(badBudget.code, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliScripting)
#include "scripting.moc"
