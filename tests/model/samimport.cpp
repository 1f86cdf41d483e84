// Import and export rules on small hand-written templates, and hostile inputs.

#include "samtestutil.h"

#include "model/patterns.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/samexporter.h"
#include "model/sam/samimporter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using namespace swb::sam;

namespace {

QByteArray lines(std::initializer_list<const char *> text)
{
    QByteArray out;
    for (const char *line : text)
        out += QByteArray(line) + '\n';
    return out;
}

const Component *byName(const Design &d, const char *name)
{
    return d.componentByName(QLatin1String(name));
}

const Connection *wireOf(const Design &d, const char *from, const char *to)
{
    const Component *s = byName(d, from);
    const Component *t = byName(d, to);
    for (const Connection &c : d.connections) {
        if (s && t && c.source == s->id && c.target == t->id)
            return &c;
    }
    return nullptr;
}

bool reportMentions(const QStringList &list, const char *text)
{
    for (const QString &line : list) {
        if (line.contains(QLatin1String(text)))
            return true;
    }
    return false;
}

} // namespace

class SamImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parametersGlobalsAndClamping();
    void refToParameterKeepsExpression();
    void eventsAndFailureWires();
    void jsonLongFormIntrinsics();
    void implicitApiRoundTrip();
    void illegalWireIsReportedNotMade();
    void stateMachineTasksInOrder();
    void editAfterImportReachesExport();
    void missingFilesReported();
    void faultsRoundTrip();
    void subscriptionOutageRoundTrip();
    void fifoHighThroughputModeRoundTrips();
    void malformedYaml();
    void notCloudFormation();
    void deepNesting();
    void hugeInput();
    void aliasBomb();
};

void SamImport::parametersGlobalsAndClamping()
{
    const QByteArray text = lines({
        "Globals:",
        "  Function:",
        "    MemorySize: 1024",
        "    Timeout: 30",
        "Resources:",
        "  A:",
        "    Type: AWS::Serverless::Function",
        "    Properties:",
        "      InlineCode: x",
        "      MemorySize: 20000",
        "      Architectures: [arm64]",
        "  B:",
        "    Type: AWS::Serverless::Function",
        "    Properties:",
        "      InlineCode: x",
        "      Timeout: 0",
        "  Q:",
        "    Type: AWS::SQS::Queue",
        "    Properties:",
        "      FifoQueue: true",
        "      VisibilityTimeout: 180",
        "      KmsMasterKeyId: alias/aws/sqs",
    });
    const SamImportResult r = importSamText(text, QDir::tempPath());
    QVERIFY2(r.ok(), qPrintable(r.error));
    const Component *a = byName(r.design, "A");
    const Component *b = byName(r.design, "B");
    const Component *q = byName(r.design, "Q");
    QVERIFY(a && b && q);
    // 20000 MB is above Lambda's 10,240 MB: clamped and reported, never silently.
    QCOMPARE(a->params.value(QStringLiteral("memory")).toLongLong(), 10240);
    QVERIFY(reportMentions(r.report.clamped, "Resources.A.Properties.MemorySize"));
    QCOMPARE(a->params.value(QStringLiteral("timeout")).toLongLong(), 30); // from Globals
    QCOMPARE(a->params.value(QStringLiteral("architecture")).toString(), QStringLiteral("arm64"));
    QCOMPARE(b->params.value(QStringLiteral("memory")).toLongLong(), 1024); // from Globals
    QCOMPARE(b->params.value(QStringLiteral("timeout")).toLongLong(), 1);   // 0 clamped to 1 s
    QVERIFY(reportMentions(r.report.clamped, "Resources.B.Properties.Timeout"));
    QCOMPARE(q->params.value(QStringLiteral("type")).toString(), QStringLiteral("FIFO"));
    QCOMPARE(q->params.value(QStringLiteral("visibilityTimeout")).toLongLong(), 180);
    QVERIFY(reportMentions(r.report.kept, "KmsMasterKeyId"));
    QVERIFY(reportMentions(r.report.notes, "No traffic source"));
    // Export: unmodelled property kept; the Globals value is not repeated on B.
    const CfnNode out = parseCfn(exportSam(r.design)).root;
    QCOMPARE(out.path(QStringLiteral("Resources.Q.Properties.KmsMasterKeyId"))->scalar,
             QStringLiteral("alias/aws/sqs"));
    QVERIFY(!out.path(QStringLiteral("Resources.B.Properties.MemorySize")));
    QCOMPARE(out.path(QStringLiteral("Resources.B.Properties.Timeout"))->scalar,
             QStringLiteral("1"));
}

void SamImport::fifoHighThroughputModeRoundTrips()
{
    // High-throughput mode is two properties (aws-behaviour.md §4): both set -> the mode; only
    // one -> normal throughput, as AWS runs it. Export writes both, and neither on a standard
    // queue or in normal mode.
    const QByteArray text = lines({
        "Resources:",
        "  Fast:",
        "    Type: AWS::SQS::Queue",
        "    Properties:",
        "      FifoQueue: true",
        "      FifoThroughputLimit: perMessageGroupId",
        "      DeduplicationScope: messageGroup",
        "  Half:",
        "    Type: AWS::SQS::Queue",
        "    Properties:",
        "      FifoQueue: true",
        "      FifoThroughputLimit: perMessageGroupId",
        "      DeduplicationScope: queue",
        "  Plain:",
        "    Type: AWS::SQS::Queue",
        "    Properties:",
        "      FifoQueue: true",
    });
    const SamImportResult r = importSamText(text, QDir::tempPath());
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QString key = QStringLiteral("highThroughput");
    QCOMPARE(byName(r.design, "Fast")->params.value(key).toBool(), true);
    QCOMPARE(byName(r.design, "Half")->params.value(key).toBool(), false);
    QCOMPARE(byName(r.design, "Plain")->params.value(key).toBool(), false);
    const CfnNode out = parseCfn(exportSam(r.design)).root;
    QCOMPARE(out.path(QStringLiteral("Resources.Fast.Properties.FifoThroughputLimit"))->scalar,
             QStringLiteral("perMessageGroupId"));
    QCOMPARE(out.path(QStringLiteral("Resources.Fast.Properties.DeduplicationScope"))->scalar,
             QStringLiteral("messageGroup"));
    QVERIFY(!out.path(QStringLiteral("Resources.Plain.Properties.FifoThroughputLimit")));
    QVERIFY(!out.path(QStringLiteral("Resources.Plain.Properties.DeduplicationScope")));

    // A value neither mode names is reported with the allowed values, not guessed.
    const SamImportResult bad = importSamText(lines({
                                                  "Resources:",
                                                  "  Q:",
                                                  "    Type: AWS::SQS::Queue",
                                                  "    Properties:",
                                                  "      FifoQueue: true",
                                                  "      FifoThroughputLimit: perGroup",
                                              }),
                                              QDir::tempPath());
    QVERIFY2(bad.ok(), qPrintable(bad.error));
    QVERIFY(reportMentions(bad.report.clamped, "Resources.Q.Properties.FifoThroughputLimit"));
}

void SamImport::refToParameterKeepsExpression()
{
    const QByteArray text = lines({
        "Parameters:",
        "  Mem:",
        "    Type: Number",
        "    Default: 2048",
        "Resources:",
        "  F:",
        "    Type: AWS::Serverless::Function",
        "    Properties:",
        "      InlineCode: x",
        "      Handler: index.handler",
        "      Runtime: python3.12",
        "      MemorySize: !Ref Mem",
    });
    SamImportResult r = importSamText(text, QDir::tempPath());
    QVERIFY(r.ok());
    Component &f = r.design.components[byName(r.design, "F")->id];
    QCOMPARE(f.params.value(QStringLiteral("memory")).toLongLong(), 2048);
    CfnNode out = parseCfn(exportSam(r.design)).root;
    QCOMPARE(out.path(QStringLiteral("Resources.F.Properties.MemorySize"))->tag,
             QStringLiteral("Ref"));
    QVERIFY(out.path(QStringLiteral("Parameters.Mem")));
    f.params.insert(QStringLiteral("memory"), qlonglong(512)); // the user edits it
    out = parseCfn(exportSam(r.design)).root;
    QCOMPARE(out.path(QStringLiteral("Resources.F.Properties.MemorySize"))->scalar,
             QStringLiteral("512"));
}

void SamImport::eventsAndFailureWires()
{
    const QByteArray text = lines({
        "Transform: AWS::Serverless-2016-10-31",
        "Resources:",
        "  Stream:",
        "    Type: AWS::Kinesis::Stream",
        "    Properties: {ShardCount: 4, RetentionPeriodHours: 48}",
        "  Queue:",
        "    Type: AWS::SQS::Queue",
        "    Properties:",
        "      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 7}",
        "  Dlq:",
        "    Type: AWS::SQS::Queue",
        "  Failures:",
        "    Type: AWS::SQS::Queue",
        "  Reader:",
        "    Type: AWS::Serverless::Function",
        "    Properties:",
        "      InlineCode: x",
        "      Events:",
        "        FromStream:",
        "          Type: Kinesis",
        "          Properties:",
        "            Stream: !GetAtt Stream.Arn",
        "            StartingPosition: TRIM_HORIZON",
        "            BatchSize: 500",
        "            ParallelizationFactor: 4",
        "            BisectBatchOnFunctionError: true",
        "            MaximumRetryAttempts: 3",
        "            DestinationConfig:",
        "              OnFailure:",
        "                Destination: !GetAtt Failures.Arn",
        "        FromQueue:",
        "          Type: SQS",
        "          Properties:",
        "            Queue: !GetAtt Queue.Arn",
        "            BatchSize: 50",
        "            MaximumBatchingWindowInSeconds: 2",
        "            ScalingConfig: {MaximumConcurrency: 20}",
        "            FunctionResponseTypes: [ReportBatchItemFailures]",
        "        Nightly:",
        "          Type: Schedule",
        "          Properties: {Schedule: rate(1 day)}",
        "      DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Dlq.Arn}",
    });
    const SamImportResult r = importSamText(text, QDir::tempPath());
    QVERIFY(r.ok());
    const Design &d = r.design;
    QCOMPARE(d.connections.size(), 5);
    const Connection *esm = wireOf(d, "Stream", "Reader");
    QVERIFY(esm && esm->kind == ConnectionKind::EventSourceMapping);
    QCOMPARE(esm->params.value(QStringLiteral("batchSize")).toLongLong(), 500);
    QCOMPARE(esm->params.value(QStringLiteral("parallelizationFactor")).toLongLong(), 4);
    QCOMPARE(esm->params.value(QStringLiteral("bisectOnError")).toBool(), true);
    QCOMPARE(esm->params.value(QStringLiteral("maxRetryAttempts")).toLongLong(), 3);
    QVERIFY(wireOf(d, "Stream", "Failures")->kind == ConnectionKind::OnFailure);
    const Connection *sqs = wireOf(d, "Queue", "Reader");
    QCOMPARE(sqs->params.value(QStringLiteral("batchingWindow")).toLongLong(), 2);
    QCOMPARE(sqs->params.value(QStringLiteral("maximumConcurrency")).toLongLong(), 20);
    QCOMPARE(sqs->params.value(QStringLiteral("reportBatchItemFailures")).toBool(), true);
    QCOMPARE(
        wireOf(d, "Queue", "Dlq")->params.value(QStringLiteral("maxReceiveCount")).toLongLong(), 7);
    QVERIFY(wireOf(d, "Reader", "Dlq")->kind == ConnectionKind::OnFailure);
    QCOMPARE(byName(d, "Stream")->params.value(QStringLiteral("shards")).toLongLong(), 4);
    QCOMPARE(byName(d, "Stream")->params.value(QStringLiteral("retentionHours")).toLongLong(), 48);
    // The Schedule event is not modelled: kept and exported as written.
    const CfnNode out = parseCfn(exportSam(d)).root;
    QVERIFY(out.path(QStringLiteral("Resources.Reader.Properties.Events.Nightly")));
    QCOMPARE(
        out.path(QStringLiteral(
                     "Resources.Reader.Properties.Events.FromStream.Properties.StartingPosition"))
            ->scalar,
        QStringLiteral("TRIM_HORIZON"));
    QCOMPARE(out.path(QStringLiteral("Resources.Reader.Properties.DeadLetterQueue.TargetArn"))->tag,
             QStringLiteral("GetAtt"));
    const SamImportResult back = importSamText(exportSam(d), QDir::tempPath());
    QCOMPARE(samtest::describe(back.design, true), samtest::describe(d, true));
}

void SamImport::jsonLongFormIntrinsics()
{
    const QByteArray text = R"({"Resources": {
        "T": {"Type": "AWS::SNS::Topic"},
        "Q": {"Type": "AWS::SQS::Queue"},
        "S": {"Type": "AWS::SNS::Subscription", "Properties": {"Protocol": "sqs",
              "TopicArn": {"Ref": "T"}, "Endpoint": {"Fn::GetAtt": ["Q", "Arn"]}}},
        "F": {"Type": "AWS::Lambda::Function", "Properties": {"MemorySize": "256",
              "Environment": {"Variables": {"TOPIC": {"Fn::Sub": "${T}"}}}}}}})";
    const SamImportResult r = importSamText(text, QDir::tempPath());
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(wireOf(r.design, "T", "Q")->kind, ConnectionKind::Subscription);
    QCOMPARE(wireOf(r.design, "F", "T")->kind, ConnectionKind::ServiceIntegration);
    QCOMPARE(byName(r.design, "F")->params.value(QStringLiteral("memory")).toLongLong(), 256);
}

void SamImport::implicitApiRoundTrip()
{
    const QByteArray text = lines({
        "Resources:",
        "  F:",
        "    Type: AWS::Serverless::Function",
        "    Properties:",
        "      CodeUri: s3://bucket/key.zip",
        "      Handler: a.b",
        "      Runtime: nodejs20.x",
        "      Events:",
        "        Get: {Type: Api, Properties: {Path: /items, Method: get}}",
        "        Post: {Type: Api, Properties: {Path: /items, Method: post}}",
    });
    const SamImportResult r = importSamText(text, QDir::tempPath());
    QVERIFY(r.ok());
    const Component *api = byName(r.design, "ServerlessRestApi");
    QVERIFY(api);
    QCOMPARE(r.design.connections.size(), 1); // both routes are one API -> function wire
    const CfnNode out = parseCfn(exportSam(r.design)).root;
    QVERIFY(!out.path(QStringLiteral("Resources.ServerlessRestApi"))); // SAM creates it
    QVERIFY(out.path(QStringLiteral("Resources.F.Properties.Events.Get")));
    QVERIFY(out.path(QStringLiteral("Resources.F.Properties.Events.Post")));
    QVERIFY(!out.path(QStringLiteral("Resources.F.Properties.Events.Get.Properties.RestApiId")));
    const SamImportResult back = importSamText(exportSam(r.design), QDir::tempPath());
    QCOMPARE(samtest::describe(back.design, true), samtest::describe(r.design, true));
}

void SamImport::illegalWireIsReportedNotMade()
{
    const QByteArray text = lines({
        "Resources:",
        "  Q:",
        "    Type: AWS::SQS::Queue",
        "    Properties:",
        "      RedrivePolicy: {deadLetterTargetArn: !GetAtt FifoDlq.Arn, maxReceiveCount: 3}",
        "  FifoDlq:",
        "    Type: AWS::SQS::Queue",
        "    Properties: {FifoQueue: true}",
    });
    const SamImportResult r = importSamText(text, QDir::tempPath());
    QVERIFY(r.ok());
    QVERIFY(r.design.connections.isEmpty());
    QVERIFY(reportMentions(r.report.unresolved, "same type"));
    // Nothing lost: the policy is kept and exported as written.
    const CfnNode out = parseCfn(exportSam(r.design)).root;
    QVERIFY(out.path(QStringLiteral("Resources.Q.Properties.RedrivePolicy.deadLetterTargetArn")));
}

void SamImport::stateMachineTasksInOrder()
{
    const QByteArray text = lines({
        "Resources:",
        "  One: {Type: AWS::Serverless::Function, Properties: {InlineCode: x}}",
        "  Two: {Type: AWS::Serverless::Function, Properties: {InlineCode: x}}",
        "  Out: {Type: AWS::SNS::Topic}",
        "  Flow:",
        "    Type: AWS::StepFunctions::StateMachine",
        "    Properties:",
        "      StateMachineType: EXPRESS",
        "      RoleArn: arn:aws:iam::1:role/r",
        "      DefinitionString: !Sub |",
        "        {\"StartAt\": \"B\", \"States\": {",
        "          \"B\": {\"Type\": \"Task\", \"Resource\": \"${Two.Arn}\", \"Next\": \"A\",",
        "                \"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": 5,",
        "                            \"IntervalSeconds\": 4, \"BackoffRate\": 1.5}]},",
        "          \"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\",",
        "                \"Parameters\": {\"FunctionName\": \"${One}\"}, \"Next\": \"P\"},",
        "          \"P\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sns:publish\",",
        "                \"Parameters\": {\"TopicArn\": \"${Out}\"}, \"End\": true}}}",
    });
    const SamImportResult r = importSamText(text, QDir::tempPath());
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(byName(r.design, "Flow")->params.value(QStringLiteral("type")).toString(),
             QStringLiteral("Express"));
    const Connection *b = wireOf(r.design, "Flow", "Two");
    const Connection *a = wireOf(r.design, "Flow", "One");
    const Connection *p = wireOf(r.design, "Flow", "Out");
    QVERIFY(a && b && p);
    QCOMPARE(b->params.value(QStringLiteral("order")).toLongLong(), 1);
    QCOMPARE(a->params.value(QStringLiteral("order")).toLongLong(), 2);
    QCOMPARE(p->params.value(QStringLiteral("order")).toLongLong(), 3);
    QCOMPARE(b->params.value(QStringLiteral("retryMaxAttempts")).toLongLong(), 5);
    QCOMPARE(b->params.value(QStringLiteral("retryInterval")).toLongLong(), 4);
    QCOMPARE(b->params.value(QStringLiteral("retryBackoffRate")).toDouble(), 1.5);
    QCOMPARE(a->params.value(QStringLiteral("retryMaxAttempts")).toLongLong(), 0); // no Retry
    QCOMPARE(a->params.value(QStringLiteral("catch")).toBool(), false);
}

void SamImport::editAfterImportReachesExport()
{
    const QByteArray text = lines({
        "Resources:",
        "  Q: {Type: AWS::SQS::Queue}",
        "  F:",
        "    Type: AWS::Serverless::Function",
        "    Properties:",
        "      InlineCode: x",
        "      Events:",
        "        Poll: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn, BatchSize: 5}}",
    });
    SamImportResult r = importSamText(text, QDir::tempPath());
    QVERIFY(r.ok());
    QCOMPARE(r.design.connections.size(), 1);
    Connection &w = r.design.connections.first();
    w.params.insert(QStringLiteral("batchSize"), qlonglong(8));
    CfnNode out = parseCfn(exportSam(r.design)).root;
    QCOMPARE(
        out.path(QStringLiteral("Resources.F.Properties.Events.Poll.Properties.BatchSize"))->scalar,
        QStringLiteral("8"));
    r.design.connections.clear(); // the user deletes the wire: the event goes too
    out = parseCfn(exportSam(r.design)).root;
    QVERIFY(!out.path(QStringLiteral("Resources.F.Properties.Events")));
}

void SamImport::missingFilesReported()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("present")));
    const QByteArray text = lines({
        "Resources:",
        "  A: {Type: AWS::Serverless::Function, Properties: {CodeUri: present/}}",
        "  B: {Type: AWS::Serverless::Function, Properties: {CodeUri: absent/}}",
        "  M: {Type: AWS::Serverless::StateMachine, Properties: {DefinitionUri: sm.asl.json}}",
    });
    const SamImportResult r = importSamText(text, dir.path());
    QVERIFY(r.ok());
    QCOMPARE(r.report.missingFiles.size(), 2);
    QVERIFY(reportMentions(r.report.missingFiles, "Resources.B.Properties.CodeUri"));
    QVERIFY(reportMentions(r.report.missingFiles, "sm.asl.json"));
}

void SamImport::faultsRoundTrip()
{
    std::optional<Design> d = makePattern(QStringLiteral("sqs-lambda"));
    QVERIFY(d);
    const Component *fn = nullptr;
    for (const Component &c : d->components)
        fn = c.kind == ComponentKind::Lambda ? &c : fn;
    QVERIFY(fn);
    Fault f;
    f.id = d->allocateId();
    f.kind = FaultKind::BadDeploy;
    f.target = fn->id;
    f.start = 120;
    f.duration = 300;
    f.errorRate = 0.25;
    f.durationFactor = 3;
    QVERIFY(validateFault(f, *d).isEmpty());
    d->faults.insert(f.id, f);
    const SamImportResult back = importSamText(exportSam(*d), QDir::tempPath());
    QVERIFY(back.ok());
    QCOMPARE(back.design.faults.size(), 1);
    Fault g = back.design.faults.first();
    QCOMPARE(back.design.component(g.target)->name, fn->name);
    g.id = f.id;
    g.target = f.target;
    QCOMPARE(g, f);
}

void SamImport::subscriptionOutageRoundTrip()
{
    // An outage of one SNS subscription keeps its wire through a SAM round trip (the topic as
    // Target, the failing endpoint as Endpoint in the workbench metadata), not another one.
    std::optional<Design> d = makePattern(QStringLiteral("sns-fanout"));
    QVERIFY(d);
    QList<const Connection *> subs;
    for (const Connection &w : d->connections)
        if (w.kind == ConnectionKind::Subscription)
            subs.append(&w);
    QVERIFY(subs.size() >= 2);
    Fault f;
    f.id = d->allocateId();
    f.kind = FaultKind::Outage;
    f.target = subs.last()->id;
    f.start = 30;
    f.duration = 90;
    QVERIFY2(validateFault(f, *d).isEmpty(), qPrintable(validateFault(f, *d)));
    d->faults.insert(f.id, f);
    const QString name = faultTargetName(f, *d);
    const SamImportResult back = importSamText(exportSam(*d), QDir::tempPath());
    QVERIFY(back.ok());
    QCOMPARE(back.design.faults.size(), 1);
    const Fault g = back.design.faults.first();
    const Connection *wire = back.design.connection(g.target);
    QVERIFY(wire && wire->kind == ConnectionKind::Subscription);
    QCOMPARE(faultTargetName(g, back.design), name);
    QCOMPARE(g.start, f.start);
    QCOMPARE(g.duration, f.duration);
}

void SamImport::malformedYaml()
{
    const SamImportResult r = importSamText("Resources:\n  A: [1, 2\n  B: {\n", QDir::tempPath(),
                                            QStringLiteral("bad.yaml"));
    QCOMPARE(r.status, SamImportResult::Status::NotTemplate);
    QVERIFY2(r.error.contains(QLatin1String("bad.yaml: line "))
                 && r.error.contains(QLatin1String("column")),
             qPrintable(r.error));
}

void SamImport::notCloudFormation()
{
    const SamImportResult r = importSamText("name: my app\nversion: 3\n", QDir::tempPath());
    QCOMPARE(r.status, SamImportResult::Status::NotTemplate);
    QVERIFY2(r.error.contains(QLatin1String("no Resources")), qPrintable(r.error));
    const SamImportResult scalar = importSamText("just text\n", QDir::tempPath());
    QCOMPARE(scalar.status, SamImportResult::Status::NotTemplate);
}

void SamImport::deepNesting()
{
    // 100,000 nested flow lists, then 100,000 nested block lists on one line: refused before
    // yaml-cpp's recursive parser sees them.
    const QByteArray flow =
        "Resources: " + QByteArray(100000, '[') + QByteArray(100000, ']') + "\n";
    SamImportResult r = importSamText(flow, QDir::tempPath());
    QCOMPARE(r.status, SamImportResult::Status::NotTemplate);
    QVERIFY2(r.error.contains(QLatin1String("nesting deeper than 256")), qPrintable(r.error));
    QByteArray block = "Resources:\n  A: ";
    for (int i = 0; i < 100000; ++i)
        block += "- ";
    block += "x\n";
    r = importSamText(block, QDir::tempPath());
    QCOMPARE(r.status, SamImportResult::Status::NotTemplate);
    QVERIFY2(r.error.contains(QLatin1String("nesting")), qPrintable(r.error));
}

void SamImport::hugeInput()
{
    QByteArray text = "Resources:\n  A:\n    Type: \"";
    text += QByteArray(50 * 1024 * 1024, 'x');
    text += "\"\n";
    SamImportResult r = importSamText(text, QDir::tempPath());
    QCOMPARE(r.status, SamImportResult::Status::NotTemplate);
    QVERIFY2(r.error.contains(QLatin1String("MB")), qPrintable(r.error));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("huge.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
    file.close();
    r = importSamFile(path);
    QCOMPARE(r.status, SamImportResult::Status::Unreadable);
    QVERIFY2(r.error.contains(QLatin1String("refused")), qPrintable(r.error));
}

void SamImport::aliasBomb()
{
    // Billion laughs: 10^9 nodes after expansion from a 1 KB text.
    QByteArray text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i <= 9; ++i) {
        text += QStringLiteral("a%1: &a%1 [").arg(i).toLatin1();
        for (int j = 0; j < 10; ++j)
            text += QStringLiteral("*a%1%2")
                        .arg(i - 1)
                        .arg(j < 9 ? QStringLiteral(", ") : QString())
                        .toLatin1();
        text += "]\n";
    }
    text += "Resources: *a9\n";
    // The refusal naming aliases shows the node cap (10^6 nodes) stopped the expansion; an
    // expansion that ran away would not return at all, which ctest's timeout reports. No wall
    // clock here: under ASan on a loaded machine a correct run took over 30 s.
    const SamImportResult r = importSamText(text, QDir::tempPath());
    QCOMPARE(r.status, SamImportResult::Status::NotTemplate);
    QVERIFY2(r.error.contains(QLatin1String("alias")), qPrintable(r.error));
}

QTEST_GUILESS_MAIN(SamImport)
#include "samimport.moc"
