// The SAM export against the tools users run on it: cfn-lint accepts the export of every bundled
// pattern (skipped, with a message, where cfn-lint is not installed), Metadata holds only values
// the template schema allows, and API Gateway stage throttling and the integration timeout are
// real properties that survive a round trip.

#include "samtestutil.h"

#include "model/patterns.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/samexporter.h"
#include "model/sam/samimporter.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using namespace swb::sam;

namespace {

CfnNode parse(const QByteArray &text)
{
    return parseCfn(text).root;
}

Component *byName(Design &d, const char *name)
{
    for (Component &c : d.components) {
        if (c.name == QLatin1String(name))
            return &c;
    }
    return nullptr;
}

// Every plain (untagged, unquoted) scalar under node that YAML reads as a number but is not an
// integer: the values cfn-lint's Metadata schema refuses (E4002).
void collectFloats(const CfnNode &node, const QString &where, QStringList *out)
{
    static const QRegularExpression integer(QStringLiteral("^[-+]?[0-9]+$"));
    if (node.isScalar() && !node.quoted && node.tag.isEmpty()) {
        bool number = false;
        node.scalar.toDouble(&number);
        if (number && !integer.match(node.scalar).hasMatch())
            out->append(where + QStringLiteral(" = ") + node.scalar);
    }
    for (size_t i = 0; i < node.items.size(); ++i)
        collectFloats(node.items[i], QStringLiteral("%1[%2]").arg(where).arg(i), out);
    for (const auto &[key, child] : node.entries)
        collectFloats(child, where + QLatin1Char('.') + key, out);
}

// cfn-lint's findings for a template file; empty when it accepts it. "missing" when absent.
QString cfnLint(const QString &path)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("cfn-lint"));
    if (tool.isEmpty())
        return QStringLiteral("missing");
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(tool, {path});
    if (!p.waitForFinished(120000))
        return QStringLiteral("cfn-lint did not finish");
    const QString out = QString::fromUtf8(p.readAll());
    return p.exitCode() == 0 ? QString()
                             : QStringLiteral("exit %1:\n%2").arg(p.exitCode()).arg(out);
}

// The bundled API -> Lambda pattern with the API switched to the given flavour and its stage
// limits and integration timeout set away from AWS's defaults.
Design throttledApi(const char *type, double rate, double burst, double timeoutMs)
{
    Design d = *makePattern(QStringLiteral("api-lambda"));
    Component *api = byName(d, "orders-api");
    api->params.insert(QStringLiteral("type"), QString::fromLatin1(type));
    api->params.insert(QStringLiteral("rateLimit"), rate);
    api->params.insert(QStringLiteral("burstLimit"), burst);
    api->params.insert(QStringLiteral("integrationTimeout"), timeoutMs);
    return d;
}

// Importing the export gives the design back, and exporting that gives the same text.
bool roundTrips(const Design &d, const QByteArray &text)
{
    const SamImportResult back = importSamText(text, QDir::tempPath(), QStringLiteral("t"));
    if (!back.ok()) {
        qWarning("import failed: %s", qPrintable(back.error));
        return false;
    }
    const QStringList before = samtest::describe(d, true);
    const QStringList after = samtest::describe(back.design, true);
    if (before != after) {
        qWarning("%s", qPrintable(samtest::firstDifference(before, after)));
        return false;
    }
    return exportSam(back.design) == text;
}

} // namespace

class SamLint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void metadataHoldsNoFloats();
    void cfnLintAcceptsEveryPattern();
    void restThrottlingIsMethodSettings();
    void httpThrottlingIsDefaultRouteSettings();
    void fractionalValuesKeepExactValueInMetadata();
    void importedMethodSettingsKeepOtherKeys();
    void disagreeingEventTimeoutsAreReported();
};

void SamLint::metadataHoldsNoFloats()
{
    for (const QString &id : patternIds()) {
        Design d = *makePattern(id);
        // Fractions in a position, a parameter, a setting and a fault window too.
        d.components.begin()->position = QPointF(10.5, -3.25);
        d.settings.insert(QStringLiteral("legacyBurst"), 1234.5);
        const CfnNode out = parse(exportSam(d));
        QStringList floats;
        collectFloats(*out.get(QStringLiteral("Metadata")), QStringLiteral("Metadata"), &floats);
        QVERIFY2(floats.isEmpty(), qPrintable(id + QStringLiteral(": ") + floats.join(u'\n')));
        const SamImportResult back = importSamText(exportSam(d), QDir::tempPath(), id);
        QVERIFY2(back.ok(), qPrintable(back.error));
        QCOMPARE(samtest::describe(back.design, true), samtest::describe(d, true));
    }
}

void SamLint::cfnLintAcceptsEveryPattern()
{
    if (QStandardPaths::findExecutable(QStringLiteral("cfn-lint")).isEmpty())
        QSKIP("cfn-lint is not installed (pip install cfn-lint); the SAM exports are not linted");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QList<std::pair<QString, Design>> designs;
    for (const QString &id : patternIds())
        designs.append({id, *makePattern(id)});
    designs.append({QStringLiteral("rest-throttled"), throttledApi("REST", 250.5, 120, 8000)});
    designs.append({QStringLiteral("http-throttled"), throttledApi("HTTP", 300, 99.5, 12000.5)});
    // Rule targets of every kind, with the policies and the role EventBridge needs.
    designs.append({QStringLiteral("eventbridge-targets"), samtest::eventBusWithEveryTarget()});
    for (const auto &[id, design] : std::as_const(designs)) {
        const QString path = dir.filePath(id + QStringLiteral(".yaml"));
        QString error;
        QVERIFY2(exportSamFile(design, path, &error), qPrintable(error));
        const QString findings = cfnLint(path);
        QVERIFY2(findings.isEmpty(), qPrintable(id + QStringLiteral(": ") + findings));
    }
}

void SamLint::restThrottlingIsMethodSettings()
{
    const Design d = throttledApi("REST", 250.5, 120, 8000);
    const QByteArray text = exportSam(d);
    const CfnNode out = parse(text);
    const CfnNode *settings =
        out.path(QStringLiteral("Resources.OrdersApi.Properties.MethodSettings"));
    QVERIFY2(settings && settings->isSequence() && settings->items.size() == 1, text.constData());
    const CfnNode &all = settings->items.front();
    QCOMPARE(all.get(QStringLiteral("ResourcePath"))->scalar, QStringLiteral("/*"));
    QCOMPARE(all.get(QStringLiteral("HttpMethod"))->scalar, QStringLiteral("*"));
    QCOMPARE(all.get(QStringLiteral("ThrottlingRateLimit"))->scalar, QStringLiteral("250.5"));
    QCOMPARE(all.get(QStringLiteral("ThrottlingBurstLimit"))->scalar, QStringLiteral("120"));
    const CfnNode *event = out.path(QStringLiteral(
        "Resources.OrdersService.Properties.Events.OrdersApiEvent.Properties.TimeoutInMillis"));
    QVERIFY2(event, text.constData());
    QCOMPARE(event->scalar, QStringLiteral("8000"));
    // Expressed as properties: not repeated in Metadata.
    const CfnNode *meta =
        out.path(QStringLiteral("Metadata.ServerlessWorkbench.Components.OrdersApi"));
    QVERIFY(meta && !meta->get(QStringLiteral("Params")));

    QVERIFY(roundTrips(d, text));
}

void SamLint::httpThrottlingIsDefaultRouteSettings()
{
    const Design d = throttledApi("HTTP", 300, 150, 29000);
    const QByteArray text = exportSam(d);
    const CfnNode out = parse(text);
    const CfnNode *route =
        out.path(QStringLiteral("Resources.OrdersApi.Properties.DefaultRouteSettings"));
    QVERIFY2(route, text.constData());
    QCOMPARE(route->get(QStringLiteral("ThrottlingRateLimit"))->scalar, QStringLiteral("300"));
    QCOMPARE(route->get(QStringLiteral("ThrottlingBurstLimit"))->scalar, QStringLiteral("150"));
    QVERIFY(!out.path(QStringLiteral("Resources.OrdersApi.Properties.MethodSettings")));
    // 29 s is not what an HTTP API uses without a timeout (30 s): it is written.
    const CfnNode *timeout = out.path(QStringLiteral(
        "Resources.OrdersService.Properties.Events.OrdersApiEvent.Properties.TimeoutInMillis"));
    QVERIFY2(timeout && timeout->scalar == QLatin1String("29000"), text.constData());

    QVERIFY(roundTrips(d, text));

    // 30 s is the HTTP default: no property, Metadata remembers the (non-catalogue) value.
    const Design atDefault = throttledApi("HTTP", 300, 150, 30000);
    const QByteArray text2 = exportSam(atDefault);
    QVERIFY(!text2.contains("TimeoutInMillis"));
    const SamImportResult back2 = importSamText(text2, QDir::tempPath(), QStringLiteral("http"));
    QCOMPARE(samtest::describe(back2.design, true), samtest::describe(atDefault, true));
}

void SamLint::fractionalValuesKeepExactValueInMetadata()
{
    const Design d = throttledApi("REST", 250, 99.5, 8000.25);
    const QByteArray text = exportSam(d);
    const CfnNode out = parse(text);
    const CfnNode *all =
        &out.path(QStringLiteral("Resources.OrdersApi.Properties.MethodSettings"))->items.front();
    QCOMPARE(all->get(QStringLiteral("ThrottlingBurstLimit"))->scalar, QStringLiteral("100"));
    const CfnNode *params =
        out.path(QStringLiteral("Metadata.ServerlessWorkbench.Components.OrdersApi.Params"));
    QVERIFY2(params, text.constData());
    QCOMPARE(params->get(QStringLiteral("burstLimit"))->scalar, QStringLiteral("99.5"));
    QVERIFY(params->get(QStringLiteral("burstLimit"))->quoted);
    QCOMPARE(params->get(QStringLiteral("integrationTimeout"))->scalar, QStringLiteral("8000.25"));
    QVERIFY(!params->get(QStringLiteral("rateLimit")));
    const SamImportResult back = importSamText(text, QDir::tempPath(), QStringLiteral("frac"));
    QCOMPARE(samtest::describe(back.design, true), samtest::describe(d, true));
}

void SamLint::importedMethodSettingsKeepOtherKeys()
{
    const QByteArray text = "AWSTemplateFormatVersion: '2010-09-09'\n"
                            "Transform: AWS::Serverless-2016-10-31\n"
                            "Resources:\n"
                            "  Api:\n"
                            "    Type: AWS::Serverless::Api\n"
                            "    Properties:\n"
                            "      StageName: prod\n"
                            "      MethodSettings:\n"
                            "        - ResourcePath: /orders\n"
                            "          HttpMethod: GET\n"
                            "          ThrottlingRateLimit: 5\n"
                            "        - ResourcePath: /*\n"
                            "          HttpMethod: '*'\n"
                            "          LoggingLevel: INFO\n"
                            "          ThrottlingRateLimit: 40\n"
                            "          ThrottlingBurstLimit: 20\n";
    const SamImportResult imported = importSamText(text, QDir::tempPath(), QStringLiteral("t"));
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    const Component *api = imported.design.componentByName(QStringLiteral("Api"));
    QVERIFY(api);
    QCOMPARE(api->params.value(QStringLiteral("rateLimit")).toDouble(), 40.0);
    QCOMPARE(api->params.value(QStringLiteral("burstLimit")).toDouble(), 20.0);
    const CfnNode out = parse(exportSam(imported.design));
    const CfnNode *settings = out.path(QStringLiteral("Resources.Api.Properties.MethodSettings"));
    QVERIFY(settings && settings->items.size() == 2);
    // The per-method entry is the user's, untouched; the all-methods one keeps its logging.
    QCOMPARE(settings->items[0].get(QStringLiteral("ThrottlingRateLimit"))->scalar,
             QStringLiteral("5"));
    const CfnNode &all = settings->items[1];
    QCOMPARE(all.get(QStringLiteral("LoggingLevel"))->scalar, QStringLiteral("INFO"));
    QCOMPARE(all.get(QStringLiteral("ThrottlingRateLimit"))->scalar, QStringLiteral("40"));
    QCOMPARE(all.get(QStringLiteral("ThrottlingBurstLimit"))->scalar, QStringLiteral("20"));
}

void SamLint::disagreeingEventTimeoutsAreReported()
{
    const QByteArray text = "Transform: AWS::Serverless-2016-10-31\n"
                            "Resources:\n"
                            "  Api:\n"
                            "    Type: AWS::Serverless::Api\n"
                            "    Properties: {StageName: prod}\n"
                            "  A:\n"
                            "    Type: AWS::Serverless::Function\n"
                            "    Properties:\n"
                            "      Events:\n"
                            "        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /a, "
                            "Method: GET, TimeoutInMillis: 5000}}\n"
                            "  B:\n"
                            "    Type: AWS::Serverless::Function\n"
                            "    Properties:\n"
                            "      Events:\n"
                            "        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /b, "
                            "Method: GET, TimeoutInMillis: 9000}}\n";
    const SamImportResult imported = importSamText(text, QDir::tempPath(), QStringLiteral("t"));
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    const Component *api = imported.design.componentByName(QStringLiteral("Api"));
    QCOMPARE(api->params.value(QStringLiteral("integrationTimeout")).toDouble(), 9000.0);
    bool reported = false;
    for (const QString &line : imported.report.clamped)
        reported = reported || line.contains(QLatin1String("one integration timeout per API"));
    QVERIFY2(reported, qPrintable(imported.report.clamped.join(u'\n')));
    // Both events now carry the model's value.
    const CfnNode out = parse(exportSam(imported.design));
    for (const char *fn : {"A", "B"})
        QCOMPARE(out.path(QStringLiteral("Resources.%1.Properties.Events.Get.Properties."
                                         "TimeoutInMillis")
                              .arg(QLatin1String(fn)))
                     ->scalar,
                 QStringLiteral("9000"));
}

QTEST_GUILESS_MAIN(SamLint)
#include "samlint.moc"
