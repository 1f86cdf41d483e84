// EventBridge in SAM templates (model/services/eventbridge/eventbridgesam.cpp): the bundled
// eventbridge-routing pattern exports its rules as AWS::Events::Rule resources and an
// EventBridgeRule function event (with RetryPolicy and DeadLetterConfig) and comes back the same;
// real templates' rules become target wires; bad RetryPolicy values get clear messages; every
// target and DLQ gets the permission EventBridge needs (resources/help/aws-behaviour.md §9
// "Permissions"), read back as permissions rather than blocks.

#include "samtestutil.h"

#include "model/patterns.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/samexporter.h"
#include "model/sam/samimporter.h"
#include "model/sam/sammapping.h"
#include "model/sam/samtarget.h"
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
    void targetsGetTheirPermissions();
    void permissionsRoundTrip();
    void foreignPolicyIsKept();
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

namespace {

// The resource of that type whose list property (Queues, Topics) holds !Ref target.
const CfnNode *policyFor(const CfnNode &root, const char *type, const char *list,
                         const char *target)
{
    for (const auto &[id, res] : root.get(QStringLiteral("Resources"))->entries) {
        const CfnNode *blocks = res.path(QStringLiteral("Properties.") + QLatin1String(list));
        if (scalar(res, QStringLiteral("Type")) != QLatin1String(type) || !blocks)
            continue;
        for (const CfnNode &b : blocks->items) {
            if (b.tag == QLatin1String("Ref") && b.scalar == QLatin1String(target))
                return &res;
        }
    }
    return nullptr;
}

// The statements of a policy resource, as "Action Resource <- SourceArn" lines (principal
// checked to be EventBridge's alone).
QStringList statements(const CfnNode &policy)
{
    QStringList out;
    const CfnNode *list = policy.path(QStringLiteral("Properties.PolicyDocument.Statement"));
    for (const CfnNode &st : list ? list->items : std::vector<CfnNode>()) {
        if (scalar(st, QStringLiteral("Principal.Service")) != QLatin1String("events.amazonaws.com")
            || scalar(st, QStringLiteral("Effect")) != QLatin1String("Allow"))
            return {QStringLiteral("a statement not for EventBridge")};
        const CfnNode *source = st.path(QStringLiteral("Condition.ArnEquals.aws:SourceArn"));
        if (!source)
            source = st.path(QStringLiteral("Condition.ArnLike.aws:SourceArn"));
        out.append(QStringLiteral("%1 %2 <- %3")
                       .arg(scalar(st, QStringLiteral("Action")),
                            scalar(st, QStringLiteral("Resource")),
                            source ? source->scalar : QStringLiteral("any")));
    }
    return out;
}

const CfnNode *ruleNamed(const CfnNode &root, const char *name, QString *id)
{
    for (const auto &[logicalId, res] : root.get(QStringLiteral("Resources"))->entries) {
        if (scalar(res, QStringLiteral("Type")) == QLatin1String("AWS::Events::Rule")
            && scalar(res, QStringLiteral("Properties.Name")) == QLatin1String(name)) {
            *id = logicalId;
            return &res;
        }
    }
    return nullptr;
}

} // namespace

void SamEventBridge::targetsGetTheirPermissions()
{
    const QByteArray text = exportSam(samtest::eventBusWithEveryTarget());
    const CfnNode out = parse(text);
    QString orders, audit;
    QVERIFY2(ruleNamed(out, "orders", &orders), text.constData());
    const CfnNode *auditRule = ruleNamed(out, "audit", &audit);
    QVERIFY2(auditRule, text.constData());
    // SQS target: the queue's policy lets EventBridge send from that rule only.
    const CfnNode *queuePolicy =
        policyFor(out, "AWS::SQS::QueuePolicy", "Queues", "FulfilmentQueue");
    QVERIFY2(queuePolicy, text.constData());
    QCOMPARE(
        statements(*queuePolicy),
        QStringList{QStringLiteral("sqs:SendMessage FulfilmentQueue.Arn <- %1.Arn").arg(orders)});
    // The DLQ: the same grant for each rule whose targets use it; for the function event, whose
    // rule SAM generates and names, any rule on the bus (ArnLike rule/<bus>/*).
    const CfnNode *dlqPolicy =
        policyFor(out, "AWS::SQS::QueuePolicy", "Queues", "OrderEventsBusDlq");
    QVERIFY2(dlqPolicy, text.constData());
    const QStringList dlq = statements(*dlqPolicy);
    QStringList expected = {
        QStringLiteral("sqs:SendMessage OrderEventsBusDlq.Arn <- %1.Arn").arg(orders),
        QStringLiteral("sqs:SendMessage OrderEventsBusDlq.Arn <- %1.Arn").arg(audit),
        QStringLiteral("sqs:SendMessage OrderEventsBusDlq.Arn <- arn:${AWS::Partition}:events:"
                       "${AWS::Region}:${AWS::AccountId}:rule/${OrderEventsBus}/*")};
    QStringList got = dlq;
    got.sort();
    expected.sort();
    QCOMPARE(got, expected); // the audit rule's targets use the bus's only DLQ too
    // SNS target: a topic policy, without a condition (AWS: none for EventBridge).
    const CfnNode *topicPolicy = policyFor(out, "AWS::SNS::TopicPolicy", "Topics", "AuditTopic");
    QVERIFY2(topicPolicy, text.constData());
    QCOMPARE(statements(*topicPolicy),
             QStringList{QStringLiteral("sns:Publish AuditTopic <- any")});
    // State machine and bus targets: the rule's role, which only EventBridge may assume.
    const CfnNode *targets = auditRule->path(QStringLiteral("Properties.Targets"));
    QVERIFY(targets && targets->items.size() == 3);
    QString roleId;
    for (const CfnNode &t : targets->items) {
        const CfnNode *role = t.get(QStringLiteral("RoleArn"));
        if (scalar(t, QStringLiteral("Arn")) == QLatin1String("AuditTopic")) {
            QVERIFY2(!role, "no RoleArn on a topic target (AWS: delivery may fail)");
            continue;
        }
        QVERIFY2(role && role->tag == QLatin1String("GetAtt"), text.constData());
        roleId = role->scalar.section(QLatin1Char('.'), 0, 0);
    }
    const CfnNode *role = out.path(QStringLiteral("Resources.") + roleId);
    QVERIFY2(role && scalar(*role, QStringLiteral("Type")) == QLatin1String("AWS::IAM::Role"),
             text.constData());
    const CfnNode *trust = role->path(QStringLiteral("Properties.AssumeRolePolicyDocument"));
    QVERIFY(trust && grantsOnly(trust, QStringLiteral("events.amazonaws.com")));
    QCOMPARE(
        scalar(trust->get(QStringLiteral("Statement"))->items.front(), QStringLiteral("Action")),
        QStringLiteral("sts:AssumeRole"));
    QStringList allowed;
    const CfnNode *policies = role->path(QStringLiteral("Properties.Policies"));
    QVERIFY(policies && policies->items.size() == 1);
    for (const CfnNode &st :
         policies->items.front().path(QStringLiteral("PolicyDocument.Statement"))->items)
        allowed.append(scalar(st, QStringLiteral("Action")) + QLatin1Char(' ')
                       + scalar(st, QStringLiteral("Resource")));
    allowed.sort();
    QCOMPARE(allowed, QStringList({QStringLiteral("events:PutEvents ArchiveBus.Arn"),
                                   QStringLiteral("states:StartExecution AuditWorkflow")}));
    // The orders rule reaches a queue and a function: no role.
    QString unused;
    for (const CfnNode &t :
         ruleNamed(out, "orders", &unused)->path(QStringLiteral("Properties.Targets"))->items)
        QVERIFY(!t.get(QStringLiteral("RoleArn")));
}

void SamEventBridge::permissionsRoundTrip()
{
    const Design d = samtest::eventBusWithEveryTarget();
    const QByteArray text = exportSam(d);
    const SamImportResult back = importSamText(text, QDir::tempPath(), QStringLiteral("t"));
    QVERIFY2(back.ok(), qPrintable(back.error));
    // Permissions, not blocks: the design is the same, and no policy or role is kept as written
    // (the export writes them again from the wires).
    const QStringList before = samtest::describe(d, true);
    const QStringList after = samtest::describe(back.design, true);
    QVERIFY2(before == after, qPrintable(samtest::firstDifference(before, after)));
    const QString kept = back.report.kept.join(u'\n');
    QVERIFY2(!kept.contains(QLatin1String("Policy")) && !kept.contains(QLatin1String("Role")),
             qPrintable(kept));
    QCOMPARE(exportSam(back.design), text);
}

void SamEventBridge::foreignPolicyIsKept()
{
    // A queue policy that also lets another principal in is the user's: kept as written.
    const QByteArray text = ruleTemplate("            MaximumRetryAttempts: 3\n") + R"(
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: events.amazonaws.com}
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
            Condition: {ArnEquals: {aws:SourceArn: !GetAtt Rule.Arn}}
          - Effect: Allow
            Principal: {Service: sns.amazonaws.com}
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
)";
    const SamImportResult r = importSamText(text, QDir::tempPath(), QStringLiteral("t"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    const CfnNode out = parse(exportSam(r.design));
    QVERIFY2(out.path(QStringLiteral("Resources.QueuePolicy")), "the user's policy is kept");

    // The same template with EventBridge's statement alone: read as the rule's permission, not
    // kept, and written again from the wire.
    QByteArray own = text;
    own.truncate(own.indexOf("          - Effect: Allow\n            Principal: {Service: sns"));
    const SamImportResult mine = importSamText(own, QDir::tempPath(), QStringLiteral("t"));
    QVERIFY2(mine.ok(), qPrintable(mine.error));
    QVERIFY2(mine.report.kept.join(u' ').indexOf(QLatin1String("QueuePolicy")) < 0,
             qPrintable(mine.report.kept.join(u'\n')));
    const CfnNode again = parse(exportSam(mine.design));
    const CfnNode *written = policyFor(again, "AWS::SQS::QueuePolicy", "Queues", "Queue");
    QVERIFY(written);
    QCOMPARE(statements(*written),
             QStringList{QStringLiteral("sqs:SendMessage Queue.Arn <- Rule.Arn")});
}

QTEST_GUILESS_MAIN(SamEventBridge)
#include "sameventbridge.moc"
