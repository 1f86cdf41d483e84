// `swb compare`, run as a user would (QProcess): one table whose figures equal what
// `swb simulate` prints for each file with the same traffic, seed and duration; CSV output; the
// fault lands where it applies; a design that cannot run keeps its row with the reason; bad
// arguments are refused with exit code 2, unreadable files with 3.

#include "../comparetestutil.h"

#include "model/patterns.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using swb::test::runSwb;

namespace {

// The table rows of `swb compare` output, by design name: the figure cells, then the notes.
QHash<QString, QStringList> tableRows(const QString &out)
{
    QHash<QString, QStringList> rows;
    bool inTable = false;
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QStringList fields =
            line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        if (fields.value(0) == QLatin1String("design")) {
            inTable = true;
            continue;
        }
        if (inTable && fields.size() >= 8)
            rows.insert(fields.takeFirst(), fields);
    }
    return rows;
}

} // namespace

class TestCliCompare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const QString &id : {QStringLiteral("api-lambda"), QStringLiteral("sqs-lambda"),
                                  QStringLiteral("kinesis-lambda")}) {
            const QString file = m_dir.filePath(id + QLatin1String(".swb"));
            QVERIFY(test::saveDesignFile(file, *makePattern(id)));
            m_files.append(file);
        }
    }

    void tableEqualsSwbSimulate()
    {
        const test::SwbResult r =
            runSwb(QStringList{QStringLiteral("compare")} + m_files
                   + QStringList{QStringLiteral("--rate"), QStringLiteral("30"),
                                 QStringLiteral("--pattern"), QStringLiteral("constant"),
                                 QStringLiteral("--duration"), QStringLiteral("2m"),
                                 QStringLiteral("--seed"), QStringLiteral("3")});
        QCOMPARE(r.code, 0);
        const auto rows = tableRows(r.out);
        QCOMPARE(rows.size(), m_files.size());
        QTemporaryDir scratch;
        for (const QString &file : std::as_const(m_files)) {
            const QString id = QFileInfo(file).completeBaseName();
            const test::SimulatedFigures expected = test::simulateWithProfile(
                scratch.path(), id, *makePattern(id), 30, QStringLiteral("constant"), 120, 3);
            QVERIFY2(expected.ok, qPrintable(expected.problem));
            const QStringList row = rows.value(QFileInfo(file).fileName());
            QCOMPARE(row.mid(0, expected.cells.size()), expected.cells);
        }
    }

    void csvHasAHeaderAndARowPerDesign()
    {
        const test::SwbResult r =
            runSwb(QStringList{QStringLiteral("compare")} + m_files
                   + QStringList{QStringLiteral("--duration"), QStringLiteral("30"),
                                 QStringLiteral("--csv")});
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), m_files.size() + 1);
        // The shared CSV writer quotes only what needs it (model/texttable.h).
        QVERIFY(lines.first().startsWith(QLatin1String("design,throughput /s,")));
        QVERIFY(lines.at(1).startsWith(QLatin1String("api-lambda.swb,")));
    }

    void faultAppliesWhereItCan()
    {
        const QStringList base = QStringList{QStringLiteral("compare")} + m_files
                                 + QStringList{QStringLiteral("--duration"), QStringLiteral("2m"),
                                               QStringLiteral("--rate"), QStringLiteral("50")};
        const test::SwbResult calm = runSwb(base);
        const test::SwbResult outage = runSwb(
            base
            + QStringList{QStringLiteral("--fault"), QStringLiteral("downstream-outage@30s+1m")});
        QCOMPARE(calm.code, 0);
        QCOMPARE(outage.code, 0);
        const auto before = tableRows(calm.out);
        const auto after = tableRows(outage.out);
        // api-lambda's database refuses every call for a minute: fewer units succeed.
        QVERIFY2(after.value(QStringLiteral("api-lambda.swb")).at(0).toDouble()
                     < before.value(QStringLiteral("api-lambda.swb")).at(0).toDouble(),
                 qPrintable(outage.out));
        // sqs-lambda has no downstream block: same run, and the note says so.
        QCOMPARE(after.value(QStringLiteral("sqs-lambda.swb")).mid(0, 7),
                 before.value(QStringLiteral("sqs-lambda.swb")).mid(0, 7));
        QVERIFY2(after.value(QStringLiteral("sqs-lambda.swb"))
                     .join(QLatin1Char(' '))
                     .contains(QLatin1String("ran without")),
                 qPrintable(outage.out));
    }

    void namedFaultIsPlacedAsSwbSimulatePlacesIt()
    {
        // An outage on a named block (sqs-lambda's queue, which no default target reaches):
        // `swb compare --fault outage:QUEUE@...` and `swb simulate --fault` with the same value
        // place it through the same code (injectFault) and print the same figures; the queue
        // refusing sends for a minute lowers the throughput. kinesis-lambda has no block of that
        // name: it runs without the fault and says so.
        const Design sqs = *makePattern(QStringLiteral("sqs-lambda"));
        QString queue; // the queue the traffic is sent to
        for (const Connection &w : sqs.connections)
            if (w.kind == ConnectionKind::Traffic)
                queue = sqs.component(w.target)->name;
        QVERIFY(!queue.isEmpty());
        const QString fault = QStringLiteral("outage:%1@30s+1m").arg(queue);
        const QStringList files{m_files.at(1), m_files.at(2)};
        const test::SwbResult r =
            runSwb(QStringList{QStringLiteral("compare")} + files
                   + QStringList{QStringLiteral("--rate"), QStringLiteral("30"),
                                 QStringLiteral("--pattern"), QStringLiteral("constant"),
                                 QStringLiteral("--duration"), QStringLiteral("2m"),
                                 QStringLiteral("--seed"), QStringLiteral("3"),
                                 QStringLiteral("--fault"), fault});
        QCOMPARE(r.code, 0);
        const auto rows = tableRows(r.out);
        QTemporaryDir scratch;
        const test::SimulatedFigures withFault = test::simulateWithProfile(
            scratch.path(), QStringLiteral("sqs-lambda"), sqs, 30, QStringLiteral("constant"), 120,
            3, {QStringLiteral("--fault"), fault});
        const test::SimulatedFigures calm = test::simulateWithProfile(
            scratch.path(), QStringLiteral("calm"), sqs, 30, QStringLiteral("constant"), 120, 3);
        QVERIFY2(withFault.ok && calm.ok, qPrintable(withFault.problem + calm.problem));
        const QStringList row = rows.value(QStringLiteral("sqs-lambda.swb"));
        QCOMPARE(row.mid(0, withFault.cells.size()), withFault.cells);
        QVERIFY2(withFault.cells.at(0).toDouble() < calm.cells.at(0).toDouble(),
                 qPrintable(withFault.cells.join(QLatin1Char(' ')) + QStringLiteral(" vs ")
                            + calm.cells.join(QLatin1Char(' '))));
        QVERIFY2(rows.value(QStringLiteral("kinesis-lambda.swb"))
                     .join(QLatin1Char(' '))
                     .contains(QStringLiteral("no block named '%1'").arg(queue)),
                 qPrintable(r.out));
        // A name that no design has, given to swb simulate: a note, and the run goes on.
        const test::SwbResult missing =
            runSwb({QStringLiteral("simulate"), m_files.at(1), QStringLiteral("--duration"),
                    QStringLiteral("30"), QStringLiteral("--fault"),
                    QStringLiteral("outage:nowhere@10+10")});
        QCOMPARE(missing.code, 0);
        QVERIFY2(missing.err.contains(QLatin1String("no block named 'nowhere': ran without the "
                                                    "Outage fault")),
                 qPrintable(missing.err));
        // A block the kind does not apply to is refused with validateFault's message.
        const test::SwbResult refused =
            runSwb({QStringLiteral("simulate"), m_files.at(1), QStringLiteral("--duration"),
                    QStringLiteral("30"), QStringLiteral("--fault"),
                    QStringLiteral("bad-deploy:%1@10+10").arg(queue)});
        QCOMPARE(refused.code, 2);
        QVERIFY2(refused.err.contains(QLatin1String("Bad deploy applies to a Lambda function")),
                 qPrintable(refused.err));
    }

    void brokenDesignKeepsItsRow()
    {
        const QString broken = m_dir.filePath(QStringLiteral("broken.swb"));
        QVERIFY(test::saveDesignFile(broken, test::brokenDesign()));
        const test::SwbResult r = runSwb({QStringLiteral("compare"), m_files.first(), broken,
                                          QStringLiteral("--duration"), QStringLiteral("30")});
        QCOMPARE(r.code, 1);
        const auto rows = tableRows(r.out);
        QCOMPARE(rows.size(), 2);
        QVERIFY(rows.value(QStringLiteral("api-lambda.swb")).at(0).toDouble() > 0);
        const QString brokenRow = rows.value(QStringLiteral("broken.swb")).join(QLatin1Char(' '));
        QVERIFY2(brokenRow.startsWith(QLatin1String("- - - - - - - not run:")), qPrintable(r.out));
        QVERIFY2(brokenRow.contains(QLatin1String("isibility")), qPrintable(r.out));
        QVERIFY2(r.err.contains(QLatin1String("could not be run")), qPrintable(r.err));
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("one file") << QStringList{QStringLiteral("--one")} << 2
                                  << QStringLiteral("two or more");
        QTest::newRow("rate") << QStringList{QStringLiteral("--rate"), QStringLiteral("-3")} << 2
                              << QStringLiteral("allowed");
        QTest::newRow("pattern") << QStringList{QStringLiteral("--pattern"),
                                                QStringLiteral("zigzag")}
                                 << 2 << QStringLiteral("poisson");
        QTest::newRow("duration") << QStringList{QStringLiteral("--duration"),
                                                 QStringLiteral("soon")}
                                  << 2 << QStringLiteral("90s");
        QTest::newRow("fault kind")
            << QStringList{QStringLiteral("--fault"), QStringLiteral("meteor@1m+1m")} << 2
            << QStringLiteral("bad-deploy");
        QTest::newRow("fault form")
            << QStringList{QStringLiteral("--fault"), QStringLiteral("bad-deploy")} << 2
            << QStringLiteral("KIND[:BLOCK]@START+DURATION");
        QTest::newRow("missing file")
            << QStringList{QStringLiteral("--missing")} << 3 << QStringLiteral("nowhere.swb");
    }

    void badArguments()
    {
        QFETCH(QStringList, extra);
        QFETCH(int, code);
        QFETCH(QString, message);
        QStringList args{QStringLiteral("compare"), m_files.at(0)};
        if (extra.first() == QLatin1String("--missing"))
            args.append(m_dir.filePath(QStringLiteral("nowhere.swb")));
        else if (extra.first() != QLatin1String("--one"))
            args += QStringList{m_files.at(1)} + extra;
        const test::SwbResult r = runSwb(args);
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void helpListsTheCommand()
    {
        const test::SwbResult r = runSwb({QStringLiteral("--help")});
        QVERIFY2(r.out.contains(QLatin1String("\n  compare ")), qPrintable(r.out));
        const test::SwbResult own = runSwb({QStringLiteral("compare"), QStringLiteral("-h")});
        QVERIFY2(own.out.startsWith(QLatin1String("Usage: swb compare [OPTIONS] FILE FILE...")),
                 qPrintable(own.out));
    }

private:
    QTemporaryDir m_dir;
    QStringList m_files;
};

QTEST_GUILESS_MAIN(TestCliCompare)
#include "compare.moc"
