// swb import / swb export sam through the built binary: exit codes, the printed report, and a
// template -> project -> template -> project round trip.

#include "clitestutil.h"

#include "model/fileformat.h"
#include "model/sam/samimporter.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;

namespace {

using Result = swb::test::SwbResult;
using swb::test::runSwb;

QString write(const QTemporaryDir &dir, const char *name, const QByteArray &text)
{
    const QString path = dir.filePath(QLatin1String(name));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(text);
    return path;
}

const QByteArray kTemplate =
    "Transform: AWS::Serverless-2016-10-31\n"
    "Resources:\n"
    "  Orders: {Type: AWS::SQS::Queue, Properties: {VisibilityTimeout: 90}}\n"
    "  Worker:\n"
    "    Type: AWS::Serverless::Function\n"
    "    Properties:\n"
    "      CodeUri: src/\n"
    "      Handler: app.handler\n"
    "      Runtime: python3.12\n"
    "      MemorySize: 99999\n"
    "      Events:\n"
    "        Poll: {Type: SQS, Properties: {Queue: !GetAtt Orders.Arn}}\n"
    "  Role: {Type: AWS::IAM::Role, Properties: {Path: /}}\n";

} // namespace

class CliImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importPrintsReportAndRoundTrips();
    void exitCodes();
};

void CliImport::importPrintsReportAndRoundTrips()
{
    QTemporaryDir dir;
    const QString in = write(dir, "template.yaml", kTemplate);
    const QString project = dir.filePath(QStringLiteral("out.swb"));
    Result r = runSwb({QStringLiteral("import"), in, project});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QLatin1String("2 block(s), 1 wire(s)")));
    QVERIFY(r.out.contains(QLatin1String("Resources.Role (AWS::IAM::Role): not modelled")));
    QVERIFY(r.out.contains(QLatin1String("src/' does not exist")));
    QVERIFY(r.out.contains(QLatin1String("clamped to 10 GB"))); // 10240 MB, in human units
    Design saved;
    QString error;
    auto reader = FileFormats::forReading(project, &error);
    QVERIFY2(reader && reader->read(project, &saved), qPrintable(error));
    QCOMPARE(saved.components.size(), 2);
    QVERIFY(saved.extra.contains(QStringLiteral("sam.template"))); // kept content saved too

    const QString yaml = dir.filePath(QStringLiteral("back.yaml"));
    r = runSwb({QStringLiteral("export"), QStringLiteral("sam"), project, yaml});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const sam::SamImportResult back = sam::importSamFile(yaml);
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(back.design.components.size(), 2);
    QCOMPARE(back.design.connections.size(), 1);
    QVERIFY(back.report.kept.join(QLatin1Char('\n')).contains(QLatin1String("AWS::IAM::Role")));
    QCOMPARE(back.design.componentByName(QStringLiteral("Worker"))
                 ->params.value(QStringLiteral("memory"))
                 .toLongLong(),
             10240);
}

void CliImport::exitCodes()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("x.swb"));
    Result r =
        runSwb({QStringLiteral("import"), dir.filePath(QStringLiteral("missing.yaml")), out});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains(QLatin1String("does not exist")), qPrintable(r.err));

    r = runSwb({QStringLiteral("import"), write(dir, "plain.yaml", "name: app\n"), out});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QLatin1String("not a CloudFormation template")));

    r = runSwb(
        {QStringLiteral("import"), write(dir, "broken.yaml", "Resources: [a, \n  b: {\n"), out});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("line ")), qPrintable(r.err));

    r = runSwb({QStringLiteral("import"), write(dir, "t.yaml", kTemplate)});
    QCOMPARE(r.code, 2);

    const QString existing = write(dir, "existing.swb", "x");
    r = runSwb({QStringLiteral("import"), dir.filePath(QStringLiteral("t.yaml")), existing});
    QCOMPARE(r.code, 3);
    QVERIFY(r.err.contains(QLatin1String("--force")));

    r = runSwb({QStringLiteral("export"), QStringLiteral("pdf"), existing, out});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QLatin1String("kinds: sam")));
    r = runSwb({QStringLiteral("export"), QStringLiteral("sam"),
                dir.filePath(QStringLiteral("none.swb")), dir.filePath(QStringLiteral("o.yaml"))});
    QCOMPARE(r.code, 3);
}

QTEST_GUILESS_MAIN(CliImport)
#include "import.moc"
