// EventBridge in SAM templates (model/services/eventbridge/eventbridgesam.cpp): the bundled
// eventbridge-routing pattern exports its rules as AWS::Events::Rule resources and an
// EventBridgeRule function event (with RetryPolicy and DeadLetterConfig) and comes back the same;
// real templates' rules become target wires; bad RetryPolicy values get clear messages.

#include "samtestutil.h"

#include "model/patterns.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/samexporter.h"
#include "model/sam/samimporter.h"
#include "model/sam/sammapping.h"
#include "model/services/eventbridge/eventbridge.h"

#include <QDir>
#include <QTest>

using namespace swb;
using namespace swb::sam;

namespace {

CfnNode parse(const QByteArray &text)
{
    return parseCfn(text).root;
}

const Component *byName(const Design &d, const char *name)
{
    for (const Component &c : d.components) {
        if (c.name == QLatin1String(name))
            return &c;
    }
    return nullptr;
}

const Connection *wireTo(const Design &d, const char *source, const char *target,
                         ConnectionKind kind)
{
    const Component *s = byName(d, source);
    const Component *t = byName(d, target);
    for (const Connection &w : d.connections) {
        if (s && t && w.source == s->id && w.target == t->id && w.kind == kind)
            return &w;
    }
    return nullptr;
}

QString scalar(const CfnNode &root, const QString &path)
{
    const CfnNode *n = root.path(path);
    return n ? n->scalar : QStringLiteral("<absent>");
}

// A template with one bus, one queue and a rule whose target has the given RetryPolicy.
QByteArray ruleTemplate(const char *retryPolicy)
{
    return QByteArray(R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: orders
  Queue:
    Type: AWS::SQS::Queue
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Ref Bus
      EventPattern:
        detail:
          type: [order]
      Targets:
        - Arn: !GetAtt Queue.Arn
          Id: queue
          RetryPolicy:
)") + retryPolicy;
}

} // namespace

class SamEventBridge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bundledPatternExportsRulesAndEvents();
    void bundledPatternRoundTrips();
    void realTemplateRuleBecomesTargetWire();
    void badRetryPolicyValuesAreReported();
    void unmodelledPatternIsKept();
};

void SamEventBridge::bundledPatternExportsRulesAndEvents()
{
    const Design d = *makePattern(QStringLiteral("eventbridge-routing"));
    const QByteArray text = exportSam(d);
    const CfnNode out = parse(text);
    // The "orders" rule has two targets (the queue and a function): an AWS::Events::Rule.
    const CfnNode *resources = out.get(QStringLiteral("Resources"));
    const CfnNode *rule = nullptr;
    QString ruleId;
    for (const auto &[id, res] : resources->entries) {
        if (scalar(res, QStringLiteral("Type")) == QLatin1String("AWS::Events::Rule")) {
            QVERIFY2(!rule, "one rule resource");
            rule = &res;
            ruleId = id;
        }
    }
    QVERIFY2(rule, text.constData());
    QCOMPARE(scalar(*rule, QStringLiteral("Properties.Name")), QStringLiteral("orders"));
    QCOMPARE(rule->path(QStringLiteral("Properties.EventBusName"))->tag, QStringLiteral("Ref"));
    QCOMPARE(scalar(*rule, QStringLiteral("Properties.EventBusName")),
             QStringLiteral("OrderEventsBus"));
    const CfnNode *values = rule->path(QStringLiteral("Properties.EventPattern.detail.type"));
    QVERIFY(values && values->items.size() == 1);
    QCOMPARE(values->items.front().scalar, QStringLiteral("order"));
    const CfnNode *targets = rule->path(QStringLiteral("Properties.Targets"));
    QVERIFY(targets && targets->items.size() == 2);
    const CfnNode &queue = targets->items[0];
    QCOMPARE(scalar(queue, QStringLiteral("Arn")), QStringLiteral("FulfilmentQueue.Arn"));
    QCOMPARE(scalar(queue, QStringLiteral("RetryPolicy.MaximumEventAgeInSeconds")),
             QStringLiteral("3600"));
    QVERIFY(!queue.path(QStringLiteral("RetryPolicy.MaximumRetryAttempts"))); // AWS default
    QCOMPARE(scalar(queue, QStringLiteral("DeadLetterConfig.Arn")),
             QStringLiteral("OrderEventsBusDlq.Arn"));
    QCOMPARE(scalar(targets->items[1], QStringLiteral("Arn")),
             QStringLiteral("NotifyCustomer.Arn"));
    // EventBridge may invoke the function target: a permission naming the rule.
    bool permitted = false;
    for (const auto &[id, res] : resources->entries) {
        if (scalar(res, QStringLiteral("Type")) == QLatin1String("AWS::Lambda::Permission"))
            permitted = scalar(res, QStringLiteral("Properties.SourceArn"))
                            == ruleId + QStringLiteral(".Arn")
                        && scalar(res, QStringLiteral("Properties.FunctionName"))
                               == QLatin1String("NotifyCustomer")
                        && scalar(res, QStringLiteral("Properties.Principal"))
                               == QLatin1String("events.amazonaws.com");
    }
    QVERIFY2(permitted, text.constData());
    // The "refunds" rule's only target is a SAM function: its EventBridgeRule event.
    const CfnNode *events = out.path(QStringLiteral("Resources.RefundHandler.Properties.Events"));
    QVERIFY2(events && events->entries.size() == 1, text.constData());
    const CfnNode &event = events->entries.front().second;
    QCOMPARE(scalar(event, QStringLiteral("Type")), QStringLiteral("EventBridgeRule"));
    QCOMPARE(scalar(event, QStringLiteral("Properties.RuleName")), QStringLiteral("refunds"));
    QCOMPARE(scalar(event, QStringLiteral("Properties.EventBusName")),
             QStringLiteral("OrderEventsBus"));
    QCOMPARE(event.path(QStringLiteral("Properties.Pattern.detail.type"))->items.front().scalar,
             QStringLiteral("refund"));
    QCOMPARE(scalar(event, QStringLiteral("Properties.DeadLetterConfig.Arn")),
             QStringLiteral("OrderEventsBusDlq.Arn"));
    // Expressed: Metadata repeats none of the targets' parameters.
    const CfnNode *wires = out.path(QStringLiteral("Metadata.ServerlessWorkbench.Wires"));
    for (const CfnNode &w : wires ? wires->items : std::vector<CfnNode>()) {
        if (scalar(w, QStringLiteral("Source")) == QLatin1String("OrderEventsBus"))
            QVERIFY2(!w.get(QStringLiteral("Params"))
                         && scalar(w, QStringLiteral("Expressed")) == QLatin1String("true"),
                     qPrintable(scalar(w, QStringLiteral("Target"))));
    }
}

void SamEventBridge::bundledPatternRoundTrips()
{
    Design d = *makePattern(QStringLiteral("eventbridge-routing"));
    // Values the template holds besides the pattern's: a retry limit and a rule without a name.
    for (Connection &w : d.connections) {
        if (d.component(w.target)->name == QLatin1String("refund-handler")) {
            w.params.insert(eventbridge::target::key::maximumRetryAttempts, qlonglong(3));
            w.params.insert(eventbridge::target::key::rule, QString());
        }
    }
    const QByteArray text = exportSam(d);
    const SamImportResult back = importSamText(text, QDir::tempPath(), QStringLiteral("t"));
    QVERIFY2(back.ok(), qPrintable(back.error));
    const QStringList before = samtest::describe(d, true);
    const QStringList after = samtest::describe(back.design, true);
    QVERIFY2(before == after, qPrintable(samtest::firstDifference(before, after)));
    QCOMPARE(exportSam(back.design), text);
    // The wires came from the rule and the event, not from Metadata.
    const Connection *refund =
        wireTo(back.design, "order-events-bus", "refund-handler", ConnectionKind::Subscription);
    QVERIFY(refund);
    QCOMPARE(refund->extra.value(sam::extra::origin).toString(), QStringLiteral("event"));
    const Connection *queue =
        wireTo(back.design, "order-events-bus", "fulfilment-queue", ConnectionKind::Subscription);
    QVERIFY(queue);
    QCOMPARE(queue->extra.value(sam::extra::origin).toString(), QStringLiteral("rule"));
}

void SamEventBridge::realTemplateRuleBecomesTargetWire()
{
    const QString path =
        QStringLiteral(SWB_SHARED_DIR "/testdata/sam/lambda-eventbridge-stepfunctions-sam-java/"
                                      "template.yml");
    if (!QFile::exists(path))
        QSKIP("../shared/testdata/sam is absent");
    const SamImportResult r = importSamFile(path);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const Connection *target =
        wireTo(r.design, "OrdersEventBus", "StateMachine", ConnectionKind::Subscription);
    QVERIFY2(target, qPrintable(r.report.toText()));
    const eventbridge::target::Params p = eventbridge::target::Params::of(target->params);
    QCOMPARE(p.rule, QStringLiteral("OrdersEventRule"));
    QCOMPARE(p.eventPattern, QStringLiteral("source=com.example"));
    // Exported again: the rule under its own id, with its name, the kept RoleArn and Id.
    const CfnNode out = parse(exportSam(r.design));
    const CfnNode *rule = out.path(QStringLiteral("Resources.OrdersEventRule"));
    QVERIFY(rule);
    QCOMPARE(scalar(*rule, QStringLiteral("Properties.Name")), QStringLiteral("OrdersEventRule"));
    const CfnNode *values = rule->path(QStringLiteral("Properties.EventPattern.source"));
    QVERIFY(values && values->items.size() == 1);
    QCOMPARE(values->items.front().scalar, QStringLiteral("com.example"));
    const CfnNode *targets = rule->path(QStringLiteral("Properties.Targets"));
    QVERIFY(targets && targets->items.size() == 1);
    QCOMPARE(scalar(targets->items[0], QStringLiteral("Id")), QStringLiteral("OrdersEventRule"));
    QCOMPARE(scalar(targets->items[0], QStringLiteral("RoleArn")),
             QStringLiteral("EventBridgeIAMrole.Arn"));
}

void SamEventBridge::badRetryPolicyValuesAreReported()
{
    const SamImportResult r = importSamText(ruleTemplate(R"(            MaximumRetryAttempts: 500
            MaximumEventAgeInSeconds: soon
)"),
                                            QDir::tempPath(), QStringLiteral("t"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    const Connection *w = wireTo(r.design, "Bus", "Queue", ConnectionKind::Subscription);
    QVERIFY(w);
    const eventbridge::target::Params p = eventbridge::target::Params::of(w->params);
    QCOMPARE(p.maximumRetryAttempts, qlonglong(185)); // clamped to AWS's maximum
    QCOMPARE(p.maximumEventAge, qlonglong(86400));    // not a number: AWS's default
    QCOMPARE(p.eventPattern, QStringLiteral("type=order"));
    const QString report = r.report.clamped.join(QLatin1Char('\n'));
    QVERIFY2(report.contains(QStringLiteral("Resources.Rule.Properties.Targets[0].RetryPolicy."
                                            "MaximumRetryAttempts: 500 is outside 0 to 185")),
             qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral("Resources.Rule.Properties.Targets[0].RetryPolicy."
                                            "MaximumEventAgeInSeconds: 'soon'")),
             qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral("60")) && report.contains(QStringLiteral("86400")),
             qPrintable(report));

    // In range: read exactly, nothing reported.
    const SamImportResult ok = importSamText(ruleTemplate(R"(            MaximumRetryAttempts: 4
            MaximumEventAgeInSeconds: 600
)"),
                                             QDir::tempPath(), QStringLiteral("t"));
    const Connection *w2 = wireTo(ok.design, "Bus", "Queue", ConnectionKind::Subscription);
    QVERIFY(w2);
    QCOMPARE(eventbridge::target::Params::of(w2->params).maximumRetryAttempts, qlonglong(4));
    QCOMPARE(eventbridge::target::Params::of(w2->params).maximumEventAge, qlonglong(600));
    QVERIFY2(ok.report.clamped.isEmpty(), qPrintable(ok.report.toText()));
}

void SamEventBridge::unmodelledPatternIsKept()
{
    QByteArray text = ruleTemplate("            MaximumRetryAttempts: 4\n");
    text.replace("        detail:\n          type: [order]\n",
                 "        detail:\n          amount: [{numeric: ['>', 100]}]\n");
    const SamImportResult r = importSamText(text, QDir::tempPath(), QStringLiteral("t"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    const Connection *w = wireTo(r.design, "Bus", "Queue", ConnectionKind::Subscription);
    QVERIFY(w);
    QCOMPARE(eventbridge::target::Params::of(w->params).eventPattern, QString());
    QVERIFY2(r.report.notes.join(QLatin1Char('\n'))
                 .contains(QStringLiteral("Resources.Rule.Properties.EventPattern: only exact")),
             qPrintable(r.report.toText()));
    const CfnNode out = parse(exportSam(r.design));
    const CfnNode *kept = out.path(QStringLiteral("Resources.Rule.Properties.EventPattern.detail."
                                                  "amount"));
    QVERIFY(kept && kept->items.size() == 1 && kept->items[0].get(QStringLiteral("numeric")));
    QCOMPARE(out.path(QStringLiteral("Resources.Rule.Properties.Targets"))->items.size(),
             size_t(1));
}

QTEST_GUILESS_MAIN(SamEventBridge)
#include "sameventbridge.moc"
