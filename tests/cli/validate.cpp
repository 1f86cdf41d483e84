// The swb binary, run as a user would (QProcess): --help, --version, unknown commands, and
// `swb validate` on good, flawed, broken and missing files, with its exit codes.

#include "clitestutil.h"

#include "model/analysis.h"
#include "model/document.h"
#include "model/fileformat.h"
#include "model/patterns.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;

namespace {

using Result = swb::test::SwbResult;
using swb::test::runSwb;

bool save(const QString &path, const Design &design)
{
    return swb::test::saveDesignFile(path, design);
}

} // namespace

class TestCliValidate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(QStringLiteral(SWB_CLI_PATH)),
                 "build the swb target before the CLI tests");
    }

    void help()
    {
        const Result r = runSwb({QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("Usage: swb COMMAND")));
        QVERIFY(r.out.contains(QLatin1String("\n  validate ")));
        QVERIFY(r.out.contains(QLatin1String("\n  new ")));
        const Result usage = runSwb({QStringLiteral("validate"), QStringLiteral("--help")});
        QCOMPARE(usage.code, 0);
        QVERIFY(usage.out.contains(QLatin1String("Usage: swb validate [OPTIONS] FILE")));
    }

    void version()
    {
        const Result r = runSwb({QStringLiteral("--version")});
        QCOMPARE(r.code, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^swb \\d+\\.\\d+\\.\\d+\\n$"))
                     .match(r.out)
                     .hasMatch(),
                 qPrintable(r.out));
    }

    void unknownCommandAndNoArguments()
    {
        const Result r = runSwb({QStringLiteral("frobnicate")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("unknown command 'frobnicate'")));
        QVERIFY(r.out.isEmpty());
        QCOMPARE(runSwb({}).code, 2);
    }

    void goodDesign()
    {
        const Design design = *makePattern(QStringLiteral("sqs-lambda"));
        const QString path = m_dir.filePath(QStringLiteral("good.swb"));
        QVERIFY(save(path, design));
        const Result r = runSwb({QStringLiteral("validate"), path});
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines, QStringList{QStringLiteral(
                            "info  path  Path 'jobs-traffic' -> 'jobs-queue' -> 'job-worker'")});
        QVERIFY(r.err.contains(QLatin1String("0 errors, 0 warnings, 1 info")));
    }

    void warningsOnlyExitZero()
    {
        Document doc;
        doc.addComponent(ComponentKind::Lambda, {}, QStringLiteral("lonely"));
        const QString path = m_dir.filePath(QStringLiteral("warnings.swb"));
        QVERIFY(save(path, doc.design()));
        const Result r = runSwb({QStringLiteral("validate"), path});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("warning  no-traffic-source  ")));
    }

    void designWithErrors()
    {
        // The queue's 30 s visibility timeout is shorter than the 60 s function timeout: Lambda
        // refuses that mapping. And a reservation above the account pool, which also leaves
        // fewer than the 100 unreserved executions AWS requires.
        Document doc;
        const auto source =
            doc.addComponent(ComponentKind::TrafficSource, {}, QStringLiteral("load"));
        const auto queue = doc.addComponent(ComponentKind::SqsQueue, {}, QStringLiteral("inbox"));
        const auto fn = doc.addComponent(ComponentKind::Lambda, {}, QStringLiteral("slow-worker"));
        QVERIFY(doc.connectComponents(source, queue, ConnectionKind::Traffic));
        QVERIFY(doc.connectComponents(queue, fn, ConnectionKind::EventSourceMapping));
        QVERIFY(doc.setComponentParam(fn, QStringLiteral("timeout"), 60));
        QVERIFY(doc.setComponentParam(fn, QStringLiteral("reservedConcurrency"), 5000));
        const QString path = m_dir.filePath(QStringLiteral("bad.swb"));
        QVERIFY(save(path, doc.design()));

        const Result r = runSwb({QStringLiteral("validate"), path});
        QCOMPARE(r.code, 1);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QRegularExpression shape(QStringLiteral("^(error|warning|info)  [a-z-]+  \\S.*$"));
        for (const QString &line : lines)
            QVERIFY2(shape.match(line).hasMatch(), qPrintable(line));
        QVERIFY(lines.first().startsWith(QLatin1String("error  "))); // errors come first
        const QString timeoutLine =
            lines.filter(QLatin1String("visibility-below-function-timeout")).value(0);
        QVERIFY(
            timeoutLine.startsWith(QLatin1String("error  visibility-below-function-timeout  ")));
        QVERIFY(timeoutLine.contains(QLatin1String("'inbox'")));
        QVERIFY(timeoutLine.contains(QLatin1String("'slow-worker'")));
        QVERIFY(!lines
                     .filter(QRegularExpression(
                         QStringLiteral("^error  reserved-above-pool  .*'slow-worker'")))
                     .isEmpty());
        QVERIFY(
            !lines.filter(QRegularExpression(QStringLiteral("^warning  queue-no-dlq  .*'inbox'")))
                 .isEmpty());
        // The same findings, in the same order, as the analysis run in this process.
        const QList<Finding> expected = analyze(doc.design());
        QCOMPARE(lines.size(), expected.size());
        for (int i = 0; i < lines.size(); ++i)
            QVERIFY(lines[i].startsWith(severityId(expected[i].severity) + QLatin1String("  ")
                                        + expected[i].code + QLatin1String("  ")));
        // Visibility timeout, reservation above the pool, and (so) fewer than 100 unreserved.
        QVERIFY(r.err.contains(QLatin1String("3 errors")));
    }

    void unreadableFiles()
    {
        const QString missing = m_dir.filePath(QStringLiteral("missing.swb"));
        Result r = runSwb({QStringLiteral("validate"), missing});
        QCOMPARE(r.code, 3);
        QVERIFY(r.err.contains(QLatin1String("swb validate: ")));
        QVERIFY(r.err.contains(missing));
        QVERIFY(r.err.contains(QLatin1String("does not exist")));
        QVERIFY(r.out.isEmpty());

        const QString text = m_dir.filePath(QStringLiteral("notes.swb"));
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("these are not the droids you are looking for\n");
        file.close();
        r = runSwb({QStringLiteral("validate"), text});
        QCOMPARE(r.code, 3);
        QVERIFY(r.err.contains(QLatin1String("not a Serverless Workbench project")));

        r = runSwb({QStringLiteral("validate"), m_dir.path()});
        QCOMPARE(r.code, 3);
    }

    void badArguments()
    {
        Result r = runSwb({QStringLiteral("validate")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("missing FILE")));
        QVERIFY(r.err.contains(QLatin1String("Usage: swb validate [OPTIONS] FILE")));
        r = runSwb({QStringLiteral("validate"), QStringLiteral("a.swb"), QStringLiteral("b.swb")});
        QCOMPARE(r.code, 2);
        r = runSwb(
            {QStringLiteral("validate"), QStringLiteral("--strict"), QStringLiteral("a.swb")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("unknown option '--strict'")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliValidate)
#include "validate.moc"
