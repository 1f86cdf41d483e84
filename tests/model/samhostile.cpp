// SAM / CloudFormation templates are files from anyone: what they reference is read only when
// it is a regular file inside the template's folder (or an allowed one), in bounded memory; a
// path outside is neither read nor probed; hostile numbers and structures are refused with a
// message. (model/referencedfile.h, model/sam/cfnyaml.h)

#include "../fstestutil.h"

#include "model/designvalidation.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/samimporter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace swb;
using namespace swb::sam;
using namespace swb::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QByteArray machineWithUri(const QString &uri)
{
    return QStringLiteral("Transform: AWS::Serverless-2016-10-31\n"
                          "Resources:\n"
                          "  Fn: {Type: AWS::Serverless::Function, Properties: {InlineCode: x, "
                          "Handler: i.h, Runtime: python3.12}}\n"
                          "  Flow:\n"
                          "    Type: AWS::Serverless::StateMachine\n"
                          "    Properties:\n"
                          "      DefinitionUri: %1\n"
                          "      DefinitionSubstitutions: {FnArn: !GetAtt Fn.Arn}\n")
        .arg(uri)
        .toUtf8();
}

QString report(const SamImportResult &r)
{
    return r.report.toText();
}

} // namespace

class TestSamHostile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_folder; // the template's folder
    QString m_outside;

private Q_SLOTS:
    void initTestCase()
    {
        m_folder = m_dir.filePath(s("project"));
        m_outside = m_dir.filePath(s("outside"));
        QVERIFY(QDir().mkpath(m_folder));
        QVERIFY(QDir().mkpath(m_outside));
        QVERIFY(putBytes(m_outside + s("/machine.asl.json"),
                         R"({"StartAt": "A", "States": {"A": {"Type": "Task",
                             "Resource": "${FnArn}", "End": true}}})"));
        QVERIFY(putBytes(m_folder + s("/machine.asl.json"),
                         bytesOf(m_outside + s("/machine.asl.json"))));
    }

    void aDefinitionInsideTheFolderIsRead()
    {
        const SamImportResult r = importSamText(machineWithUri(s("machine.asl.json")), m_folder);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.design.connections.size(), 1);
        QVERIFY2(!report(r).contains(s("outside")), qPrintable(report(r)));
    }

    // The issue's finding: DefinitionUri /dev/zero made import and export diagram read until
    // the process was killed; paths outside the folder were followed.
    void devicesOutsidePathsAndHugeFilesAreRefused_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("expected");
        QTest::newRow("dev zero") << s("/dev/zero") << s("is outside the template's folder");
        QTest::newRow("outside") << s("../outside/machine.asl.json")
                                 << s("is outside the template's folder");
        QTest::newRow("huge") << s("huge.json") << s("is 1024 MB; at most 4 MB is read");
        QTest::newRow("fifo") << s("pipe.json") << s("not a regular file");
        QTest::newRow("link to a device")
            << s("zero.json") << s("is outside the template's folder");
    }

    void devicesOutsidePathsAndHugeFilesAreRefused()
    {
        QFETCH(QString, uri);
        QFETCH(QString, expected);
        if (!QFile::exists(m_folder + s("/huge.json"))) {
            QFile huge(m_folder + s("/huge.json"));
            QVERIFY(huge.open(QIODevice::WriteOnly) && huge.resize(qint64(1) << 30)); // sparse
            QCOMPARE(::mkfifo(QFile::encodeName(m_folder + s("/pipe.json")).constData(), 0600), 0);
            QVERIFY(QFile::link(s("/dev/zero"), m_folder + s("/zero.json")));
        }
        QElapsedTimer timer;
        timer.start();
        const SamImportResult r = importSamText(machineWithUri(uri), m_folder);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY2(report(r).contains(expected), qPrintable(report(r)));
        QVERIFY(timer.elapsed() < 20000); // neither blocked on the FIFO nor read a gigabyte
        // The substitutions still wire the state machine to the function.
        QCOMPARE(r.design.connections.size(), 1);
    }

    // The issue's existence oracle: CodeUri reported whether an arbitrary path exists. Outside
    // the folder the report is the same whether or not something is there.
    void outsidePathsAreNotProbed()
    {
        auto importWith = [&](const QString &path) {
            const QByteArray text = QStringLiteral("Resources:\n  Fn:\n    Type: AWS::Serverless::"
                                                   "Function\n    Properties: {CodeUri: %1, "
                                                   "Handler: i.h, Runtime: python3.12}\n")
                                        .arg(path)
                                        .toUtf8();
            const SamImportResult r = importSamText(text, m_folder);
            return report(r).replace(path, s("PATH"));
        };
        const QString there = importWith(m_outside + s("/machine.asl.json"));
        const QString notThere = importWith(m_outside + s("/no-such-file"));
        QCOMPARE(there, notThere);
        QVERIFY2(there.contains(s("outside the template's folder")), qPrintable(there));
        QVERIFY(!there.contains(s("does not exist")));
        // Inside, a missing file is still reported as missing.
        QVERIFY(importWith(s("src/")).contains(s("does not exist next to the template")));
    }

    void anAllowedFolderIsRead()
    {
        const SamImportResult r = importSamText(machineWithUri(m_outside + s("/machine.asl.json")),
                                                m_folder, s("t.yaml"), {m_outside});
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY2(!report(r).contains(s("outside")), qPrintable(report(r)));
    }

    void aHugeTemplateIsRefusedUnread()
    {
        const QString path = m_folder + s("/template.yaml");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.resize(qint64(1) << 30));
        file.close();
        const SamImportResult r = importSamFile(path);
        QCOMPARE(r.status, SamImportResult::Status::Unreadable);
        QVERIFY2(r.error.contains(s("templates above 4 MB are refused")), qPrintable(r.error));
        const SamImportResult device = importSamFile(s("/dev/zero"));
        QCOMPARE(device.status, SamImportResult::Status::Unreadable);
        QVERIFY2(device.error.contains(s("not a regular file")), qPrintable(device.error));
        QFile::remove(path);
    }

    // Found by fuzzing: a Retry MaxAttempts of 1e300 reached an out-of-range conversion.
    void absurdRetryFieldsAreReportedNotConverted()
    {
        const QByteArray text =
            "Resources:\n"
            "  Fn: {Type: AWS::Serverless::Function, Properties: {InlineCode: x, Handler: i.h, "
            "Runtime: python3.12}}\n"
            "  Flow:\n"
            "    Type: AWS::StepFunctions::StateMachine\n"
            "    Properties:\n"
            "      RoleArn: arn:aws:iam::1:role/r\n"
            "      DefinitionString: !Sub |\n"
            "        {\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": "
            "\"${Fn.Arn}\", \"End\": true,\n"
            "          \"Retry\": [{\"ErrorEquals\": [\"Lambda.TooManyRequestsException\"], "
            "\"MaxAttempts\": 1e300}, {\"ErrorEquals\": [\"States.ALL\"]}]}}}\n";
        const SamImportResult r = importSamText(text, m_folder);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY2(report(r).contains(s("MaxAttempts: 1e+300 is out of range")),
                 qPrintable(report(r)));
        QCOMPARE(r.design.connections.size(), 1);
        const Connection &task = r.design.connections.first();
        QCOMPARE(task.params.value(s("retryMaxAttempts")).toLongLong(), 99999999); // clamped
        QVERIFY(task.params.value(s("retriers")).toString().isEmpty());
    }

    void paddedWorkbenchNamesAreTrimmed()
    {
        // Found by fuzz_samimport in CI: a block name from the Workbench metadata with form
        // feeds before it was taken as it was, and the imported design failed validation
        // ("the name has leading or trailing spaces"). The corpus keeps the input.
        QFile file(s(SWB_SOURCE_DIR "/tests/fuzz/corpus/samimport/"
                                    "regression-workbench-name-padded.yaml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const SamImportResult r = importSamText(file.readAll(), m_folder);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY2(validateDesign(r.design).isEmpty(), qPrintable(validateDesign(r.design)));
        // Both ask for "jobs-queue" once trimmed: the first gets it, the second keeps its
        // logical id rather than make a duplicate.
        QStringList names;
        for (const Component &c : std::as_const(r.design.components))
            names.append(c.name);
        names.sort();
        QCOMPARE(names, QStringList({s("Worker"), s("jobs-queue")}));
    }

    void hostileYamlIsRefused()
    {
        // A second document, and an alias bomb of few nodes but enormous text.
        ParseResult p = parseCfn("Resources: {Q: {Type: AWS::SQS::Queue}}\n---\nResources: {}\n");
        QVERIFY(!p.ok);
        QVERIFY2(p.error.contains(s("line 3")) && p.error.contains(s("a second YAML document")),
                 qPrintable(p.error));
        // yaml-cpp 0.7 reads this malformed JSON (found by fuzz_samimport) as one map followed by
        // an endless run of empty documents: refused at the second one, in bounded memory (read
        // with YAML::LoadAll it passed 18 GB).
        p = parseCfn("{\n"
                     "  \"Resources\": {\n"
                     "    \"Topic\": {\"Type\": \"AWS::SNS::Topic\"},\n"
                     "    \"A\": {\"Type\": \"AWS::SQS::Queue\"},\n"
                     "    \"B\": {\"Type\": \"AWS::SQS::Queue\"},\n"
                     "    \"SubA\": {\"Type\": \"AWS::SNS::Subscription\", \"Properties\": "
                     "{\"TopicAef\": \"Topic\"}, \"Protocol\": \"sqs\",\n"
                     "      \"Endpoint\": {\"Fn::GetAtt\": [\"A\", \"Arn\"]}, \"FilterPolicy\": "
                     "{\"type\": [\"order\"]}}},\n"
                     "    \"SubB\": {\"Type\": \"AW/S::SNS::Subscription\", \"Properties\": "
                     "{\"TopicArn\": {\"Ref\": \"Topic\"}, \"Prtity.sourceIp\",\n"
                     "              \"requestId\": \"$context.requestId\"\n"
                     "            },\n"
                     "      1Endpoint\": {\"Fn::GetAtt\": [\"B\", \"Arn\"]}}},\n"
                     "    \"Api\": {\"Type\": \"AWS::Serverless::HttpApi\"}\n"
                     "  }\n"
                     "}\n");
        QVERIFY(!p.ok);
        QVERIFY2(p.error.contains(s("a second YAML document")), qPrintable(p.error));
        QByteArray bomb = "a: &a \"" + QByteArray(60000, 'x') + "\"\n";
        QByteArray previous = "a";
        for (int i = 0; i < 8; ++i) {
            const QByteArray name = "l" + QByteArray::number(i);
            bomb += name + ": &" + name + " [";
            for (int k = 0; k < 8; ++k)
                bomb += (k ? ", *" : "*") + previous;
            bomb += "]\n";
            previous = name;
        }
        p = parseCfn(bomb);
        QVERIFY(!p.ok);
        QVERIFY2(p.error.contains(s("MB of text after expanding aliases")), qPrintable(p.error));
    }
};

QTEST_GUILESS_MAIN(TestSamHostile)
#include "samhostile.moc"
