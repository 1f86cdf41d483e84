// Fault kinds in the model: an outage applies to every block but a traffic source, is refused on
// a traffic source with a message naming the block, is written as "outage" in the design text
// format, and files that name it "downstream-outage" (before outages applied to every block)
// still load. A throttle applies to the blocks whose limit the simulator models, with a limit
// factor from 0 to 1.
#include "model/design.h"
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
        const QList<ComponentKind> limited = {ComponentKind::Lambda, ComponentKind::KinesisStream,
                                              ComponentKind::StepFunctions,
                                              ComponentKind::ApiGateway};
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
                                                       "machine or an API Gateway API, not to "
                                                       "'target'")),
                         qPrintable(why));
                continue;
            }
            QVERIFY2(why.isEmpty(), qPrintable(why));
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
};

QTEST_APPLESS_MAIN(TestFaultKinds)
#include "faultkinds.moc"
