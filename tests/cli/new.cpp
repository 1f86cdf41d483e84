// `swb new`, run as a user would (QProcess): every bundled pattern written, read back and
// validated; --list; unknown patterns; refusal to overwrite; bad arguments and unwritable paths.

#include "clitestutil.h"

#include "model/fileformat.h"
#include "model/patterns.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;

namespace {

using Result = swb::test::SwbResult;
using swb::test::runSwb;

QByteArray digest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

const QString kNew = QStringLiteral("new");
const QString kPattern = QStringLiteral("--pattern");

} // namespace

class TestCliNew : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(QStringLiteral(SWB_CLI_PATH)),
                 "build the swb target before the CLI tests");
    }

    void list()
    {
        const Result r = runSwb({kNew, QStringLiteral("--list")});
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QStringList ids = {
            QStringLiteral("api-lambda"),          QStringLiteral("sns-fanout"),
            QStringLiteral("eventbridge-routing"), QStringLiteral("sqs-lambda"),
            QStringLiteral("kinesis-lambda"),      QStringLiteral("api-stepfunctions")};
        QCOMPARE(lines.size(), ids.size());
        for (int i = 0; i < ids.size(); ++i)
            QCOMPARE(lines[i].section(QLatin1Char(' '), 0, 0), ids[i]);
    }

    void eachPattern_data()
    {
        QTest::addColumn<QString>("id");
        for (const QString &id : patternIds())
            QTest::newRow(id.toUtf8().constData()) << id;
    }

    void eachPattern()
    {
        QFETCH(QString, id);
        const QString path = m_dir.filePath(id + QLatin1String(".swb"));
        const Result r = runSwb({kNew, kPattern, id, path});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(path));

        // What was written is the pattern, blocks, wires and positions included.
        auto format = FileFormats::forReading(path);
        QVERIFY(format);
        Design read;
        QVERIFY2(format->read(path, &read), qPrintable(format->errorString()));
        const Design expected = *makePattern(id);
        QCOMPARE(read.name, expected.name);
        QCOMPARE(read.components.size(), expected.components.size());
        QCOMPARE(read.connections.size(), expected.connections.size());
        for (const Component &c : expected.components) {
            const Component *got = read.componentByName(c.name);
            QVERIFY2(got, qPrintable(c.name));
            QCOMPARE(got->kind, c.kind);
            QCOMPARE(got->position, c.position);
            QCOMPARE(got->params, c.params);
        }
        QVERIFY(r.out.contains(QStringLiteral("%1 blocks, %2 wires")
                                   .arg(expected.components.size())
                                   .arg(expected.connections.size())));

        // And it validates without errors.
        const Result check = runSwb({QStringLiteral("validate"), path});
        QCOMPARE(check.code, 0);
        QVERIFY(!check.out.contains(QLatin1String("error  ")));
    }

    void equalsSyntax()
    {
        const QString path = m_dir.filePath(QStringLiteral("equals.swb"));
        QCOMPARE(runSwb({kNew, QStringLiteral("--pattern=sqs-lambda"), path}).code, 0);
        QVERIFY(QFileInfo::exists(path));
    }

    void unknownPattern()
    {
        const QString path = m_dir.filePath(QStringLiteral("unknown.swb"));
        const Result r = runSwb({kNew, kPattern, QStringLiteral("sqs-to-nowhere"), path});
        QCOMPARE(r.code, 2);
        QVERIFY2(
            r.err.contains(QLatin1String("option '--pattern': 'sqs-to-nowhere' is not allowed")),
            qPrintable(r.err));
        for (const QString &id : patternIds())
            QVERIFY2(r.err.contains(id), qPrintable(id));
        QVERIFY(!QFileInfo::exists(path));
    }

    void refusesToOverwrite()
    {
        const QString path = m_dir.filePath(QStringLiteral("existing.swb"));
        QCOMPARE(runSwb({kNew, kPattern, QStringLiteral("api-lambda"), path}).code, 0);
        const QByteArray before = digest(path);
        QVERIFY(!before.isEmpty());

        const Result refused = runSwb({kNew, kPattern, QStringLiteral("sqs-lambda"), path});
        QCOMPARE(refused.code, 3);
        QVERIFY(refused.err.contains(QLatin1String("already exists")));
        QVERIFY(refused.err.contains(QLatin1String("--force")));
        QCOMPARE(digest(path), before);

        const Result forced =
            runSwb({kNew, kPattern, QStringLiteral("sqs-lambda"), path, QStringLiteral("--force")});
        QCOMPARE(forced.code, 0);
        auto format = FileFormats::forReading(path);
        Design read;
        QVERIFY(format && format->read(path, &read));
        QVERIFY(read.componentByName(QStringLiteral("jobs-queue")));
        QVERIFY(!read.componentByName(QStringLiteral("orders-api")));
    }

    void badArguments()
    {
        const QString path = m_dir.filePath(QStringLiteral("args.swb"));
        Result r = runSwb({kNew, path});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("missing --pattern")));
        r = runSwb({kNew, kPattern, QStringLiteral("sqs-lambda")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("missing FILE")));
        r = runSwb({kNew, kPattern});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("needs a value")));
        r = runSwb({kNew, QStringLiteral("--list"), path});
        QCOMPARE(r.code, 2);
        r = runSwb(
            {kNew, QStringLiteral("--colour"), kPattern, QStringLiteral("sqs-lambda"), path});
        QCOMPARE(r.code, 2);
        QVERIFY(!QFileInfo::exists(path));
    }

    void unwritablePaths()
    {
        // A suffix no format writes: refused, nothing created.
        const QString text = m_dir.filePath(QStringLiteral("design.txt"));
        Result r = runSwb({kNew, kPattern, QStringLiteral("sqs-lambda"), text});
        QCOMPARE(r.code, 3);
        QVERIFY(r.err.contains(QLatin1String("swb new: ")));
        QVERIFY(!QFileInfo::exists(text));
        // A folder that does not exist.
        r = runSwb({kNew, kPattern, QStringLiteral("sqs-lambda"),
                    m_dir.filePath(QStringLiteral("no/such/folder/x.swb"))});
        QCOMPARE(r.code, 3);
        // A directory.
        r = runSwb({kNew, kPattern, QStringLiteral("sqs-lambda"), m_dir.path()});
        QCOMPARE(r.code, 3);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliNew)
#include "new.moc"
