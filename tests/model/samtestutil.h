#pragma once

// Helpers shared by the SAM tests (tests/model/sam*.cpp).

#include "model/design.h"
#include "model/document.h"
#include "model/patterns.h"
#include "model/sam/cfnnode.h"

#include <QStringList>

#include <algorithm>

namespace swb::samtest {

// One line per block and wire, sorted, with every parameter and its type: two designs are "the
// same" for the round trip when these lists are equal (ids may differ, names may not).
inline QStringList describe(const Design &d, bool withPositions)
{
    const auto params = [](const QVariantMap &map) {
        QStringList out;
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            out.append(
                QStringLiteral("%1=%2:%3")
                    .arg(it.key(), it.value().toString(), QLatin1String(it.value().typeName())));
        return out.join(QLatin1Char(' '));
    };
    QStringList lines;
    for (const Component &c : d.components) {
        QString line = QStringLiteral("block %1 '%2' %3")
                           .arg(componentKindId(c.kind), c.name, params(c.params));
        if (withPositions)
            line += QStringLiteral(" @%1,%2").arg(c.position.x()).arg(c.position.y());
        lines.append(line);
    }
    for (const Connection &w : d.connections)
        lines.append(QStringLiteral("wire '%1' -> '%2' %3 %4")
                         .arg(d.component(w.source)->name, d.component(w.target)->name,
                              connectionKindId(w.kind), params(w.params)));
    std::sort(lines.begin(), lines.end());
    return lines;
}

// The first line where two descriptions differ, for a readable failure message.
inline QString firstDifference(const QStringList &a, const QStringList &b)
{
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
        const QString x = i < a.size() ? a[i] : QStringLiteral("<none>");
        const QString y = i < b.size() ? b[i] : QStringLiteral("<none>");
        if (x != y)
            return QStringLiteral("\n  before: %1\n  after:  %2").arg(x, y);
    }
    return {};
}

// The bundled eventbridge-routing pattern with a third rule, "audit", whose targets are the
// other kinds a rule can reach: an SNS topic, a Step Functions state machine (with one Task
// state, so it is a complete workflow) and another event bus.
inline Design eventBusWithEveryTarget()
{
    Document doc;
    doc.replaceDesign(*makePattern(QStringLiteral("eventbridge-routing")));
    const Design &d = doc.design();
    const ComponentId bus = d.componentByName(QStringLiteral("order-events-bus"))->id;
    const ComponentId notify = d.componentByName(QStringLiteral("notify-customer"))->id;
    const ComponentId topic =
        doc.addComponent(ComponentKind::SnsTopic, QPointF(0, 600), QStringLiteral("audit-topic"));
    const ComponentId workflow = doc.addComponent(ComponentKind::StepFunctions, QPointF(260, 600),
                                                  QStringLiteral("audit-workflow"));
    const ComponentId archive =
        doc.addComponent(ComponentKind::EventBus, QPointF(520, 600), QStringLiteral("archive-bus"));
    for (ComponentId to : {topic, workflow, archive}) {
        const ConnectionId w = doc.connectComponents(bus, to, ConnectionKind::Subscription);
        doc.setConnectionParam(w, QStringLiteral("rule"), QStringLiteral("audit"));
    }
    doc.connectComponents(workflow, notify, ConnectionKind::ServiceIntegration);
    return doc.design();
}

} // namespace swb::samtest
