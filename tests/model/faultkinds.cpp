// Fault kinds in the model: an outage applies to every block but a traffic source, is refused on
// a traffic source with a message naming the block, is written as "outage" in the design text
// format, and files that name it "downstream-outage" (before outages applied to every block)
// still load. A throttle applies to the blocks whose limit the simulator models, with a limit
// factor from 0 to 1. An outage may also take one SNS subscription's endpoint out: it targets the
// subscription wire, is refused on other wires, names the wire in the text format and goes with
// the wire when it is deleted (one undo step brings both back).
#include "model/design.h"
#include "model/document.h"
#include "model/faulttarget.h"
#include "model/kinds.h"
#include "model/textformat.h"

#include <QtTest>

using namespace swb;

class TestFaultKinds : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void outageAppliesToEveryServiceBlock()
    {
        for (ComponentKind k : allComponentKinds()) {
            Design d;
            Component c = d.makeComponent(k, QStringLiteral("target"), QPointF());
            d.components.insert(c.id, c);
            Fault f;
            f.kind = FaultKind::Outage;
            f.target = c.id;
            const QString why = validateFault(f, d);
            if (k == ComponentKind::TrafficSource) {
                QVERIFY(!faultAppliesTo(FaultKind::Outage, k));
                QCOMPARE(why, QStringLiteral("Outage applies to a service block, not to "
                                             "'target' (%1)")
                                  .arg(componentKindName(k)));
            } else {
                QVERIFY(faultAppliesTo(FaultKind::Outage, k));
                QVERIFY2(why.isEmpty(), qPrintable(why));
            }
            // The other kinds keep their one target kind.
            QCOMPARE(faultAppliesTo(FaultKind::BadDeploy, k), k == ComponentKind::Lambda);
            QCOMPARE(faultAppliesTo(FaultKind::TrafficSpike, k), k == ComponentKind::TrafficSource);
        }
    }

    void throttleAppliesToModelledLimits()
    {
        const QList<ComponentKind> limited = {
            ComponentKind::Lambda,     ComponentKind::KinesisStream, ComponentKind::StepFunctions,
            ComponentKind::ApiGateway, ComponentKind::SnsTopic,      ComponentKind::SqsQueue};
        for (ComponentKind k : allComponentKinds()) {
            Design d;
            Component c = d.makeComponent(k, QStringLiteral("target"), QPointF());
            d.components.insert(c.id, c);
            Fault f;
            f.kind = FaultKind::Throttle;
            f.target = c.id;
            f.rateFactor = 0.25;
            const QString why = validateFault(f, d);
            QCOMPARE(faultAppliesTo(FaultKind::Throttle, k), limited.contains(k));
            if (!limited.contains(k)) {
                QVERIFY2(why.startsWith(QStringLiteral("Throttle applies to a Lambda function, a "
                                                       "Kinesis stream, a Step Functions state "
                                                       "machine, an API Gateway API, an SNS topic "
                                                       "or a FIFO SQS queue, not to 'target'")),
                         qPrintable(why));
                continue;
            }
            if (k == ComponentKind::SqsQueue) {
                // A standard queue has no documented API quota to lower (aws-behaviour.md §4);
                // the dock offers only FIFO queues.
                QVERIFY(!faultAppliesTo(FaultKind::Throttle, c));
                QCOMPARE(why, QStringLiteral("Throttle on 'target': a standard SQS queue has no "
                                             "documented request quota to lower (nearly "
                                             "unlimited API calls per action); throttle a FIFO "
                                             "queue (300 calls/s per action) instead"));
                d.components[c.id].params.insert(QStringLiteral("type"), QStringLiteral("FIFO"));
                QVERIFY(faultAppliesTo(FaultKind::Throttle, d.components[c.id]));
            }
            QVERIFY2(validateFault(f, d).isEmpty(), qPrintable(validateFault(f, d)));
            f.rateFactor = 1.5;
            QCOMPARE(validateFault(f, d),
                     QStringLiteral("Throttle on 'target': limit factor 1.5 must be between 0 "
                                    "and 1"));
            f.rateFactor = 0;
            QVERIFY(validateFault(f, d).isEmpty()); // 0 = every request refused
        }
    }

    void textFormatWritesOutageAndReadsTheOldName()
    {
        Design d;
        Component q = d.makeComponent(ComponentKind::SqsQueue, QStringLiteral("jobs"), QPointF());
        d.components.insert(q.id, q);
        Fault f;
        f.id = d.allocateId();
        f.kind = FaultKind::Outage;
        f.target = q.id;
        f.start = 30;
        f.duration = 90;
        d.faults.insert(f.id, f);
        QByteArray text = TextFormat::toYaml(d);
        QVERIFY2(text.contains("kind: outage\n"), text.constData());
        Design back;
        QString error;
        QVERIFY2(TextFormat::fromYaml(text, QStringLiteral("d.swb.yaml"), &back, &error),
                 qPrintable(error));
        QCOMPARE(back.faults.value(f.id), f);

        text.replace("kind: outage\n", "kind: downstream-outage\n");
        Design old;
        QVERIFY2(TextFormat::fromYaml(text, QStringLiteral("d.swb.yaml"), &old, &error),
                 qPrintable(error));
        QCOMPARE(old.faults.value(f.id).kind, FaultKind::Outage);

        text.replace("kind: downstream-outage\n", "kind: outtage\n");
        QVERIFY(!TextFormat::fromYaml(text, QStringLiteral("d.swb.yaml"), &old, &error));
        QVERIFY2(error.contains(QStringLiteral("unknown fault kind 'outtage' (known kinds: "))
                     && error.contains(QStringLiteral("outage"))
                     && error.contains(QStringLiteral("throttle")),
                 qPrintable(error));
    }

    void outageOnASubscriptionWire()
    {
        Document doc;
        const ComponentId topic = doc.addComponent(ComponentKind::SnsTopic, QPointF(), {});
        const ComponentId queue = doc.addComponent(ComponentKind::SqsQueue, QPointF(), {});
        const ComponentId fn = doc.addComponent(ComponentKind::Lambda, QPointF(), {});
        QString error;
        const ConnectionId sub =
            doc.connectComponents(topic, queue, ConnectionKind::Subscription, &error);
        const ConnectionId esm =
            doc.connectComponents(queue, fn, ConnectionKind::EventSourceMapping, &error);
        QVERIFY2(sub != InvalidId && esm != InvalidId, qPrintable(error));
        const Design &d = doc.design();
        const QString wire =
            d.component(topic)->name + QStringLiteral(" -> ") + d.component(queue)->name;
        Fault f;
        f.kind = FaultKind::Outage;
        f.target = sub;
        QVERIFY(faultAppliesToWire(FaultKind::Outage, ConnectionKind::Subscription,
                                   ComponentKind::SnsTopic));
        QCOMPARE(faultTargetName(f, d), wire);
        QVERIFY2(validateFault(f, d).isEmpty(), qPrintable(validateFault(f, d)));
        f.duration = -1;
        QCOMPARE(validateFault(f, d),
                 QStringLiteral("Outage on '%1': duration -1 s must be above 0 and at most "
                                "31536000 s")
                     .arg(wire));
        f.duration = 60;
        f.target = esm; // only a subscription's endpoint fails alone
        QVERIFY(!faultAppliesToWire(FaultKind::Outage, ConnectionKind::EventSourceMapping,
                                    ComponentKind::SqsQueue));
        QVERIFY2(validateFault(f, d).startsWith(QStringLiteral(
                     "Outage applies to a block or an SNS subscription, not to the wire '")),
                 qPrintable(validateFault(f, d)));
        // An event bus's rule target is a Subscription wire too, but its retries are
        // EventBridge's (aws-behaviour.md §9), which this fault does not model: refused.
        QVERIFY(!faultAppliesToWire(FaultKind::Outage, ConnectionKind::Subscription,
                                    ComponentKind::EventBus));
        const ComponentId bus = doc.addComponent(ComponentKind::EventBus, QPointF(), {});
        const ConnectionId rule =
            doc.connectComponents(bus, fn, ConnectionKind::Subscription, &error);
        QVERIFY2(rule != InvalidId, qPrintable(error));
        f.target = rule;
        QVERIFY2(validateFault(f, d).startsWith(QStringLiteral(
                     "Outage applies to a block or an SNS subscription, not to the wire '")),
                 qPrintable(validateFault(f, d)));
        QVERIFY2(validateFault(f, d).endsWith(
                     QStringLiteral("(subscription from an EventBridge event bus)")),
                 qPrintable(validateFault(f, d)));
        f.kind = FaultKind::BadDeploy;
        f.target = sub;
        QVERIFY2(
            validateFault(f, d).startsWith(
                QStringLiteral("Bad deploy applies to a block, not to the wire '%1'").arg(wire)),
            qPrintable(validateFault(f, d)));

        f.kind = FaultKind::Outage;
        const FaultId id = doc.addFault(f, &error);
        QVERIFY2(id != InvalidId, qPrintable(error));
        const QByteArray text = TextFormat::toYaml(d);
        QVERIFY2(text.contains(QStringLiteral("target: %1  # %2").arg(sub).arg(wire).toUtf8()),
                 text.constData());
        Design back;
        QVERIFY2(TextFormat::fromYaml(text, QStringLiteral("d.swb.yaml"), &back, &error),
                 qPrintable(error));
        QCOMPARE(back.faults.value(id).target, sub);

        // Deleting the wire deletes its fault in the same step; undo brings both back. Deleting
        // the topic (and with it the wire) does the same.
        doc.removeItems({}, {sub});
        QVERIFY(d.faults.isEmpty());
        doc.undoStack()->undo();
        QCOMPARE(d.faults.value(id).target, sub);
        doc.removeItems({topic}, {});
        QVERIFY(d.faults.isEmpty());
        doc.undoStack()->undo();
        QCOMPARE(d.faults.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestFaultKinds)
#include "faultkinds.moc"
