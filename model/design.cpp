#include "model/design.h"

#include "model/checkednumbers.h"
#include "model/faulttarget.h"
#include "model/parametercatalogue.h"
#include "model/services/registry.h"
#include "model/services/servicemodule.h"
#include "model/wording.h"

namespace swb {

namespace {

struct FaultKindInfo {
    FaultKind kind;
    const char *id;
    const char *name;
    ComponentKind target;
};

constexpr FaultKindInfo kFaultKinds[] = {
    {FaultKind::BadDeploy, "bad-deploy", "Bad deploy", ComponentKind::Lambda},
    {FaultKind::Outage, "outage", "Outage", ComponentKind::Downstream},
    {FaultKind::TrafficSpike, "traffic-spike", "Traffic spike", ComponentKind::TrafficSource},
    {FaultKind::Throttle, "throttle", "Throttle", ComponentKind::Lambda},
};

// The window and the factors, for a fault whose target is valid (named in the messages).
QString validateFaultWindow(const Fault &fault, const QString &targetName);

} // namespace

QString faultKindId(FaultKind kind)
{
    return QLatin1String(kFaultKinds[int(kind)].id);
}

QString faultKindName(FaultKind kind)
{
    return QLatin1String(kFaultKinds[int(kind)].name);
}

bool faultKindFromId(const QString &id, FaultKind *kind)
{
    // Files written before outages applied to every block name the kind "downstream-outage".
    if (id == QLatin1String("downstream-outage")) {
        *kind = FaultKind::Outage;
        return true;
    }
    for (const auto &info : kFaultKinds) {
        if (id == QLatin1String(info.id)) {
            *kind = info.kind;
            return true;
        }
    }
    return false;
}

ComponentKind faultTargetKind(FaultKind kind)
{
    return kFaultKinds[int(kind)].target;
}

bool faultAppliesTo(FaultKind kind, ComponentKind target)
{
    // An outage is the target's API answering 5xx: any AWS service block and a downstream
    // dependency can have one; a traffic source is load, not a service.
    if (kind == FaultKind::Outage)
        return target != ComponentKind::TrafficSource;
    // A throttle lowers a limit the simulator models; the service declares which
    // (ServiceModule::throttles; for some, only some blocks: faultAppliesTo(kind, component)).
    if (kind == FaultKind::Throttle)
        return serviceModule(target).throttles != nullptr;
    return target == faultTargetKind(kind);
}

bool faultAppliesToWire(FaultKind kind, ConnectionKind wire, ComponentKind source)
{
    // One subscription's endpoint failing, where the source's service declares it
    // (ServiceModule::subscriptionOutage).
    return kind == FaultKind::Outage && wire == ConnectionKind::Subscription
           && serviceModule(source).subscriptionOutage;
}

QString faultTargetName(const Fault &fault, const Design &design)
{
    if (const Component *c = design.component(fault.target))
        return c->name;
    const Connection *w = design.connection(fault.target);
    if (!w)
        return {};
    const Component *from = design.component(w->source);
    const Component *to = design.component(w->target);
    return QStringLiteral("%1 -> %2")
        .arg(from ? from->name : QStringLiteral("?"), to ? to->name : QStringLiteral("?"));
}

ConnectionId wireByName(const Design &design, const QString &name, ConnectionKind kind)
{
    const qsizetype arrow = name.indexOf(QLatin1String("->"));
    if (arrow < 0)
        return InvalidId;
    const Component *from = design.componentByName(name.left(arrow).trimmed());
    const Component *to = design.componentByName(name.mid(arrow + 2).trimmed());
    if (!from || !to)
        return InvalidId;
    for (const Connection *w : design.outgoing(from->id)) {
        if (w->target == to->id && w->kind == kind)
            return w->id;
    }
    return InvalidId;
}

bool faultAppliesTo(FaultKind kind, const Component &target)
{
    if (kind == FaultKind::Throttle) {
        const auto throttles = serviceModule(target.kind).throttles;
        return throttles && throttles(target);
    }
    return faultAppliesTo(kind, target.kind);
}

QString validateFault(const Fault &fault, const Design &design)
{
    if (const Connection *wire = design.connection(fault.target)) {
        const Component *source = design.component(wire->source);
        if (!source || !faultAppliesToWire(fault.kind, wire->kind, source->kind))
            return QStringLiteral("%1 applies to a block%2, not to the wire '%3' (%4 from %5)")
                .arg(faultKindName(fault.kind),
                     fault.kind == FaultKind::Outage ? QStringLiteral(" or an SNS subscription")
                                                     : QString(),
                     faultTargetName(fault, design), connectionKindName(wire->kind).toLower(),
                     source ? withArticle(componentKindName(source->kind)) : QStringLiteral("?"));
        return validateFaultWindow(fault, faultTargetName(fault, design));
    }
    const Component *target = design.component(fault.target);
    if (!target)
        return QStringLiteral("%1: its target block does not exist").arg(faultKindName(fault.kind));
    if (fault.kind == FaultKind::Outage && !faultAppliesTo(fault.kind, target->kind))
        return QStringLiteral("%1 applies to a service block, not to '%2' (%3)")
            .arg(faultKindName(fault.kind), target->name, componentKindName(target->kind));
    if (fault.kind == FaultKind::Throttle && !faultAppliesTo(fault.kind, target->kind))
        return QStringLiteral("%1 applies to a Lambda function, a Kinesis stream, a Step Functions "
                              "state machine, an API Gateway API, an SNS topic or a FIFO SQS "
                              "queue, not to '%2' (%3)")
            .arg(faultKindName(fault.kind), target->name, componentKindName(target->kind));
    if (fault.kind == FaultKind::Throttle && !faultAppliesTo(fault.kind, *target))
        return QStringLiteral("%1 on '%2': a standard SQS queue has no documented request quota "
                              "to lower (nearly unlimited API calls per action); throttle a "
                              "FIFO queue (300 calls/s per action) instead")
            .arg(faultKindName(fault.kind), target->name);
    if (fault.kind == FaultKind::Throttle && !(fault.rateFactor >= 0 && fault.rateFactor <= 1))
        return QStringLiteral("%1 on '%2': limit factor %3 must be between 0 and 1")
            .arg(faultKindName(fault.kind), target->name)
            .arg(fault.rateFactor);
    if (!faultAppliesTo(fault.kind, target->kind))
        return QStringLiteral("%1 applies to %2, not to '%3' (%4)")
            .arg(faultKindName(fault.kind),
                 withArticle(componentKindName(faultTargetKind(fault.kind))), target->name,
                 componentKindName(target->kind));
    return validateFaultWindow(fault, target->name);
}

namespace {
QString validateFaultWindow(const Fault &fault, const QString &targetName)
{
    // Times are checked finite and within a year (checkednumbers.h): an infinite start once
    // passed "start >= 0".
    if (!(fault.start >= 0 && fault.start <= checked::kMaxSeconds))
        return QStringLiteral("%1 on '%2': start %3 s must be from 0 to %4 s")
            .arg(faultKindName(fault.kind), targetName)
            .arg(fault.start)
            .arg(checked::kMaxSeconds, 0, 'f', 0);
    if (!(fault.duration > 0 && fault.duration <= checked::kMaxSeconds))
        return QStringLiteral("%1 on '%2': duration %3 s must be above 0 and at most %4 s")
            .arg(faultKindName(fault.kind), targetName)
            .arg(fault.duration)
            .arg(checked::kMaxSeconds, 0, 'f', 0);
    if (!(fault.errorRate >= 0 && fault.errorRate <= 1))
        return QStringLiteral("%1 on '%2': error rate %3 must be between 0 and 1")
            .arg(faultKindName(fault.kind), targetName)
            .arg(fault.errorRate);
    if (!(fault.durationFactor > 0 && fault.durationFactor <= 1000))
        return QStringLiteral("%1 on '%2': duration factor %3 must be above 0 and at most 1000")
            .arg(faultKindName(fault.kind), targetName)
            .arg(fault.durationFactor);
    if (!(fault.rateFactor >= 0 && fault.rateFactor <= 1000))
        return QStringLiteral("%1 on '%2': rate factor %3 must be between 0 and 1000")
            .arg(faultKindName(fault.kind), targetName)
            .arg(fault.rateFactor);
    return {};
}
} // namespace

Design::Design()
    : settings(catalogue::defaultProjectParams())
{}

const Component *Design::component(ComponentId id) const
{
    auto it = components.constFind(id);
    return it == components.cend() ? nullptr : &it.value();
}

const Connection *Design::connection(ConnectionId id) const
{
    auto it = connections.constFind(id);
    return it == connections.cend() ? nullptr : &it.value();
}

const Component *Design::componentByName(const QString &componentName) const
{
    for (const Component &c : components) {
        if (c.name == componentName)
            return &c;
    }
    return nullptr;
}

QList<ConnectionId> Design::connectionsOf(ComponentId id) const
{
    QList<ConnectionId> ids;
    for (const Connection &c : connections) {
        if (c.source == id || c.target == id)
            ids.append(c.id);
    }
    return ids;
}

QList<const Connection *> Design::outgoing(ComponentId id) const
{
    QList<const Connection *> list;
    for (const Connection &c : connections) {
        if (c.source == id)
            list.append(&c);
    }
    return list;
}

QList<const Connection *> Design::incoming(ComponentId id) const
{
    QList<const Connection *> list;
    for (const Connection &c : connections) {
        if (c.target == id)
            list.append(&c);
    }
    return list;
}

QString Design::uniqueName(const QString &base) const
{
    const QString stem = base.trimmed().isEmpty() ? QStringLiteral("block") : base.trimmed();
    if (!componentByName(stem))
        return stem;
    for (int n = 2;; ++n) {
        const QString candidate = stem + QLatin1Char(' ') + QString::number(n);
        if (!componentByName(candidate))
            return candidate;
    }
}

Component Design::makeComponent(ComponentKind kind, const QString &componentName, QPointF position)
{
    Component c;
    c.id = allocateId();
    c.kind = kind;
    c.name = uniqueName(componentName.isEmpty() ? componentKindName(kind) : componentName);
    c.position = position;
    c.params = catalogue::defaultComponentParams(kind);
    return c;
}

QVariant Design::setting(const QString &key) const
{
    auto it = settings.constFind(key);
    if (it != settings.cend())
        return it.value();
    const ParamSpec *spec = catalogue::findProjectParam(key);
    return spec ? spec->defaultValue : QVariant();
}

} // namespace swb
