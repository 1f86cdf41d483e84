// Import of the 52 real templates in ../shared/testdata/sam against an expectation file written by
// reading them (tests/model/data/sam-expectations.txt), and the round trip of every corpus
// template and every bundled pattern through export and import.

#include "samtestutil.h"

#include "model/patterns.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/samexporter.h"
#include "model/sam/samimporter.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace swb;
using namespace swb::sam;

namespace {

const QString kCorpus = QStringLiteral(SWB_SHARED_DIR "/testdata/sam");

struct Expectation {
    QString folder;
    QList<int> counts; // api lambda sqs sns kinesis sfn
    int links = 0;
};

QList<Expectation> readExpectations()
{
    QFile file(QStringLiteral(SWB_SOURCE_DIR "/tests/model/data/sam-expectations.txt"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Expectation> list;
    for (const QByteArray &raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).section(QLatin1Char('#'), 0, 0).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList f = line.split(QRegularExpression(QStringLiteral("\\s+")));
        if (f.size() != 8)
            continue;
        Expectation e;
        e.folder = f[0];
        for (int i = 1; i <= 6; ++i)
            e.counts.append(f[i].toInt());
        e.links = f[7].toInt();
        list.append(e);
    }
    return list;
}

QString templatePath(const QString &folder)
{
    const QDir dir(kCorpus + QLatin1Char('/') + folder);
    const QStringList files = dir.entryList({QStringLiteral("template.y*ml")}, QDir::Files);
    return files.isEmpty() ? QString() : dir.filePath(files.first());
}

QList<int> countKinds(const Design &d)
{
    const ComponentKind order[] = {ComponentKind::ApiGateway,    ComponentKind::Lambda,
                                   ComponentKind::SqsQueue,      ComponentKind::SnsTopic,
                                   ComponentKind::KinesisStream, ComponentKind::StepFunctions};
    QList<int> counts;
    for (ComponentKind k : order) {
        int n = 0;
        for (const Component &c : d.components)
            n += c.kind == k ? 1 : 0;
        counts.append(n);
    }
    return counts;
}

QString countText(const QList<int> &c, int links)
{
    return QStringLiteral("api %1 lambda %2 sqs %3 sns %4 kinesis %5 sfn %6 links %7")
        .arg(c[0])
        .arg(c[1])
        .arg(c[2])
        .arg(c[3])
        .arg(c[4])
        .arg(c[5])
        .arg(links);
}

CfnNode parse(const QByteArray &text)
{
    ParseResult r = parseCfn(text);
    return r.root;
}

bool has(const CfnNode *props, const char *key)
{
    return props && props->get(QLatin1String(key));
}

// CloudFormation / SAM required properties (from the resource reference pages) and the
// requirements of SAM event sources. Returns the problems found, "Resources.X: ..." each.
QStringList structuralProblems(const CfnNode &root)
{
    QStringList problems;
    const CfnNode *resources = root.get(QStringLiteral("Resources"));
    if (!root.get(QStringLiteral("AWSTemplateFormatVersion")))
        problems.append(QStringLiteral("no AWSTemplateFormatVersion"));
    if (!resources || !resources->isMap() || resources->entries.empty())
        return problems << QStringLiteral("no Resources");
    const CfnNode *gf = root.path(QStringLiteral("Globals.Function"));
    const CfnNode *ga = root.path(QStringLiteral("Globals.Api"));
    for (const auto &[id, res] : resources->entries) {
        const QString where = QStringLiteral("Resources.") + id;
        const CfnNode *typeNode = res.get(QStringLiteral("Type"));
        const QString type = typeNode ? typeNode->scalar : QString();
        const CfnNode *p = res.get(QStringLiteral("Properties"));
        const auto need = [&](bool ok, const QString &what) {
            if (!ok)
                problems.append(QStringLiteral("%1 (%2): needs %3").arg(where, type, what));
        };
        need(type.startsWith(QLatin1String("AWS::")) || type.startsWith(QLatin1String("Custom::")),
             QStringLiteral("a Type"));
        if (type == QLatin1String("AWS::Serverless::Function")) {
            const bool image =
                p && p->get(QStringLiteral("PackageType"))
                && p->get(QStringLiteral("PackageType"))->scalar == QLatin1String("Image");
            need(image || has(p, "CodeUri") || has(p, "InlineCode") || has(gf, "CodeUri"),
                 QStringLiteral("CodeUri or InlineCode"));
            need(image
                     || ((has(p, "Handler") || has(gf, "Handler"))
                         && (has(p, "Runtime") || has(gf, "Runtime"))),
                 QStringLiteral("Handler and Runtime"));
            const CfnNode *events = p ? p->get(QStringLiteral("Events")) : nullptr;
            for (const auto &[name, ev] : events ? events->entries : decltype(events->entries)()) {
                const QString t = ev.get(QStringLiteral("Type"))
                                      ? ev.get(QStringLiteral("Type"))->scalar
                                      : QString();
                const CfnNode *ep = ev.get(QStringLiteral("Properties"));
                const QString e = QStringLiteral("Events.") + name;
                if (t == QLatin1String("SQS"))
                    need(has(ep, "Queue"), e + QStringLiteral(".Queue"));
                if (t == QLatin1String("Kinesis"))
                    need(has(ep, "Stream") && has(ep, "StartingPosition"),
                         e + QStringLiteral(".Stream and StartingPosition"));
                if (t == QLatin1String("SNS"))
                    need(has(ep, "Topic"), e + QStringLiteral(".Topic"));
                if (t == QLatin1String("Api"))
                    need(has(ep, "Path") && has(ep, "Method"),
                         e + QStringLiteral(".Path and Method"));
            }
        } else if (type == QLatin1String("AWS::Lambda::Function")) {
            need(has(p, "Code") && has(p, "Role"), QStringLiteral("Code and Role"));
        } else if (type == QLatin1String("AWS::SNS::Subscription")) {
            need(has(p, "Protocol") && has(p, "TopicArn"), QStringLiteral("Protocol and TopicArn"));
        } else if (type == QLatin1String("AWS::Lambda::EventSourceMapping")) {
            need(has(p, "FunctionName"), QStringLiteral("FunctionName"));
        } else if (type == QLatin1String("AWS::Serverless::Api")) {
            need(has(p, "StageName") || has(ga, "StageName"), QStringLiteral("StageName"));
        } else if (type == QLatin1String("AWS::Serverless::StateMachine")) {
            need(has(p, "Definition") || has(p, "DefinitionUri"),
                 QStringLiteral("Definition or DefinitionUri"));
        } else if (type == QLatin1String("AWS::StepFunctions::StateMachine")) {
            need(has(p, "RoleArn"), QStringLiteral("RoleArn"));
        } else if (type == QLatin1String("AWS::Kinesis::Stream")) {
            const CfnNode *mode =
                p ? p->path(QStringLiteral("StreamModeDetails.StreamMode")) : nullptr;
            need((mode && mode->scalar == QLatin1String("ON_DEMAND")) || has(p, "ShardCount"),
                 QStringLiteral("ShardCount (provisioned)"));
        } else if (type == QLatin1String("AWS::ApiGateway::RestApi")) {
            need(has(p, "Name") || has(p, "Body") || has(p, "BodyS3Location"),
                 QStringLiteral("Name or Body"));
        }
    }
    return problems;
}

// Names referenced by Ref / GetAtt / ${} that the template does not define.
QSet<QString> danglingNames(const CfnNode &root)
{
    QSet<QString> defined;
    for (const char *section : {"Resources", "Parameters"}) {
        if (const CfnNode *s = root.get(QLatin1String(section))) {
            for (const auto &entry : s->entries)
                defined.insert(entry.first);
        }
    }
    QSet<QString> dangling;
    for (const QString &full : referencedNames(root)) {
        const QString name = full.section(QLatin1Char('.'), 0, 0);
        if (!name.startsWith(QLatin1String("AWS::")) && !defined.contains(name))
            dangling.insert(name);
    }
    return dangling;
}

} // namespace

class SamCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importMatchesExpectations();
    void roundTripCorpus();
    void roundTripPatterns();
};

void SamCorpus::importMatchesExpectations()
{
    if (!QDir(kCorpus).exists())
        QSKIP("../shared/testdata/sam is absent");
    const QList<Expectation> expected = readExpectations();
    QCOMPARE(expected.size(), 52);
    QStringList mismatches;
    for (const Expectation &e : expected) {
        const QString path = templatePath(e.folder);
        QVERIFY2(!path.isEmpty(), qPrintable(e.folder));
        const SamImportResult r = importSamFile(path);
        if (!r.ok()) {
            mismatches.append(e.folder + QStringLiteral(": ") + r.error);
            continue;
        }
        // Nothing silently dropped: every template has something to report (at least the
        // Transform or an unmodelled property) and never a traffic source.
        QVERIFY2(!r.report.kept.isEmpty(), qPrintable(e.folder));
        const QList<int> counts = countKinds(r.design);
        const int links = int(r.design.connections.size());
        if (counts != e.counts || links != e.links)
            mismatches.append(
                QStringLiteral("%1: expected %2, got %3")
                    .arg(e.folder, countText(e.counts, e.links), countText(counts, links)));
    }
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(QLatin1Char('\n'))));
}

void SamCorpus::roundTripCorpus()
{
    if (!QDir(kCorpus).exists())
        QSKIP("../shared/testdata/sam is absent");
    for (const Expectation &e : readExpectations()) {
        const QString path = templatePath(e.folder);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const CfnNode original = parse(file.readAll());
        const SamImportResult first = importSamFile(path);
        QVERIFY2(first.ok(), qPrintable(first.error));
        const QByteArray exported = exportSam(first.design);
        const SamImportResult second =
            importSamText(exported, QFileInfo(path).absolutePath(), e.folder);
        QVERIFY2(second.ok(), qPrintable(e.folder + QStringLiteral(": ") + second.error));
        const QStringList before = samtest::describe(first.design, true);
        const QStringList after = samtest::describe(second.design, true);
        QVERIFY2(before == after, qPrintable(e.folder + samtest::firstDifference(before, after)));
        // Exporting again changes nothing: the export is a fixed point.
        QCOMPARE(exportSam(second.design), exported);

        // The unmodelled content of the original is all there.
        const CfnNode out = parse(exported);
        for (const auto &[section, node] : original.entries) {
            if (section == QLatin1String("Resources") || section == QLatin1String("Transform")
                || section == QLatin1String("AWSTemplateFormatVersion"))
                continue;
            const CfnNode *kept = out.get(section);
            QVERIFY2(kept, qPrintable(e.folder + QStringLiteral(": lost section ") + section));
            if (section == QLatin1String("Metadata")) {
                for (const auto &entry : node.entries)
                    QVERIFY(kept->get(entry.first) && *kept->get(entry.first) == entry.second);
            } else {
                QVERIFY2(*kept == node,
                         qPrintable(e.folder + QStringLiteral(": changed ") + section));
            }
        }
        const CfnNode *outResources = out.get(QStringLiteral("Resources"));
        for (const auto &[id, res] : original.get(QStringLiteral("Resources"))->entries) {
            const CfnNode *copy = outResources->get(id);
            const QString where = e.folder + QStringLiteral(": Resources.") + id;
            QVERIFY2(copy, qPrintable(where + QStringLiteral(" lost")));
            QCOMPARE(copy->get(QStringLiteral("Type"))->scalar,
                     res.get(QStringLiteral("Type"))->scalar.trimmed());
            // Every attribute (DependsOn, Condition, Metadata...) and property the user wrote
            // is still written (modelled ones possibly rewritten from the model).
            for (const auto &attr : res.entries)
                QVERIFY2(copy->get(attr.first), qPrintable(where + QLatin1Char('.') + attr.first));
            if (const CfnNode *props = res.get(QStringLiteral("Properties"))) {
                for (const auto &prop : props->entries)
                    QVERIFY2(copy->path(QStringLiteral("Properties.") + prop.first),
                             qPrintable(where + QStringLiteral(".Properties.") + prop.first));
                if (const CfnNode *events = props->get(QStringLiteral("Events"))) {
                    for (const auto &ev : events->entries)
                        QVERIFY2(copy->path(QStringLiteral("Properties.Events.") + ev.first),
                                 qPrintable(where + QStringLiteral(".Events.") + ev.first));
                }
            }
        }
        const QStringList problems = structuralProblems(out);
        const QStringList originalProblems = structuralProblems(original);
        for (const QString &p : problems)
            QVERIFY2(originalProblems.contains(p), qPrintable(e.folder + QStringLiteral(": ") + p));
        const QSet<QString> introduced = danglingNames(out) - danglingNames(original);
        QVERIFY2(introduced.isEmpty(),
                 qPrintable(e.folder + QStringLiteral(": dangling ")
                            + QStringList(introduced.values()).join(QLatin1Char(','))));
    }
}

void SamCorpus::roundTripPatterns()
{
    const QStringList ids = patternIds();
    QVERIFY(!ids.isEmpty());
    for (const QString &id : ids) {
        const std::optional<Design> pattern = makePattern(id);
        QVERIFY(pattern);
        const QByteArray exported = exportSam(*pattern);
        const CfnNode out = parse(exported);
        QVERIFY2(structuralProblems(out).isEmpty(),
                 qPrintable(id + QStringLiteral(": ")
                            + structuralProblems(out).join(QLatin1Char('\n'))));
        QVERIFY2(danglingNames(out).isEmpty(), qPrintable(id));
        QCOMPARE(out.path(QStringLiteral("Transform"))->scalar,
                 QStringLiteral("AWS::Serverless-2016-10-31"));
        const SamImportResult back = importSamText(exported, QDir::tempPath(), id);
        QVERIFY2(back.ok(), qPrintable(back.error));
        const QStringList before = samtest::describe(*pattern, true);
        const QStringList after = samtest::describe(back.design, true);
        QVERIFY2(before == after, qPrintable(id + samtest::firstDifference(before, after)));
        QCOMPARE(back.design.name, pattern->name);
        QCOMPARE(back.design.settings, pattern->settings);
        QCOMPARE(exportSam(back.design), exported);
    }
}

QTEST_GUILESS_MAIN(SamCorpus)
#include "samcorpus.moc"
