// Reading the targets an AWS service pushes to back into wires (model/sam/samtarget.h): the
// pieces any service module's import of rule targets can call.
#include "model/design.h"
#include "model/sam/importreport.h"
#include "model/sam/sammapping.h"
#include "model/sam/samservice.h"
#include "model/sam/samtarget.h"
#include "model/services/registry.h"

#include <QSet>

namespace swb::sam {

Connection *newTargetWire(ImportContext &x, ComponentId source, ComponentId target,
                          const QString &where, const QVariantMap &extraData)
{
    for (const Connection *c : x.design().outgoing(source)) {
        if (c->target == target && c->kind == ConnectionKind::Subscription) {
            x.report().unresolved.append(
                QStringLiteral("%1: a second rule target %2 of %3; the model has one target wire "
                               "per source and target, so it is kept as written")
                    .arg(where, x.logicalIdOf(target), x.logicalIdOf(source)));
            return nullptr;
        }
    }
    return x.newWire(source, target, ConnectionKind::Subscription, where, extraData);
}

QList<std::pair<CfnNode, ComponentId>> resolveTargets(ImportContext &x, const CfnNode &list,
                                                      const QString &where,
                                                      std::vector<CfnNode> *remaining)
{
    QList<std::pair<CfnNode, ComponentId>> targets;
    for (size_t i = 0; i < list.items.size(); ++i) {
        const CfnNode &entry = list.items[i];
        const CfnNode *arn = entry.get(QStringLiteral("Arn"));
        const ComponentId to = arn ? x.resolve(*arn) : InvalidId;
        if (to) {
            targets.append({entry, to});
            continue;
        }
        x.report().notes.append(
            QStringLiteral("%1[%2]: not a modelled resource; kept as written").arg(where).arg(i));
        remaining->push_back(entry);
    }
    return targets;
}

void readFunctionEvents(
    ImportContext &x, const QString &logicalId, const QString &type,
    const std::function<Connection *(const QString &, CfnNode &, const QString &)> &read)
{
    CfnNode *fn = x.keptResource(logicalId);
    CfnNode *props = fn ? fn->get(QStringLiteral("Properties")) : nullptr;
    CfnNode *events = props ? props->get(QStringLiteral("Events")) : nullptr;
    if (!events || !events->isMap())
        return;
    QStringList consumed;
    for (auto &[eventName, event] : events->entries) {
        const CfnNode *eventType = event.get(QStringLiteral("Type"));
        if (!eventType || eventType->scalar != type)
            continue;
        const QString where =
            QStringLiteral("Resources.%1.Properties.Events.%2").arg(logicalId, eventName);
        CfnNode evProps = event.get(QStringLiteral("Properties"))
                              ? *event.get(QStringLiteral("Properties"))
                              : CfnNode::makeMap();
        Connection *w = read(eventName, evProps, where);
        if (!w)
            continue;
        CfnNode keptEvent = event;
        if (evProps.entries.empty())
            keptEvent.remove(QStringLiteral("Properties"));
        else
            keptEvent.set(QStringLiteral("Properties"), evProps);
        CfnNode stored = CfnNode::makeMap();
        stored.set(eventName, keptEvent);
        w->extra.insert(extra::events, yamlText(stored));
        consumed.append(eventName);
    }
    for (const QString &name : std::as_const(consumed))
        events->remove(name);
    if (events->entries.empty())
        props->remove(QStringLiteral("Events"));
}

QString readTargetRole(ImportContext &x, CfnNode &entry, ComponentId target,
                       const QString &principal)
{
    const CfnNode *arn = entry.get(QStringLiteral("RoleArn"));
    const QStringList names = arn ? referencedNames(*arn) : QStringList();
    const ServiceSam *sam = serviceModule(x.design().component(target)->kind).sam;
    if (names.isEmpty() || !sam || !sam->access || sam->access->policyType)
        return {};
    const QString id = names.first().section(QLatin1Char('.'), 0, 0);
    const CfnNode *role = x.resource(id);
    const CfnNode *props = role ? role->get(QStringLiteral("Properties")) : nullptr;
    if (x.resourceType(id) != QLatin1String("AWS::IAM::Role") || !props
        || !grantsOnly(props->get(QStringLiteral("AssumeRolePolicyDocument")), principal))
        return {};
    const QStringList allowed = roleActions();
    const CfnNode *policies = props->get(QStringLiteral("Policies"));
    for (const auto &[key, value] : props->entries) {
        if (key != QLatin1String("AssumeRolePolicyDocument") && key != QLatin1String("Policies"))
            return {}; // managed policies, a path, a name...: kept as written
    }
    for (const CfnNode &p : policies ? policies->items : std::vector<CfnNode>()) {
        const CfnNode *list = p.path(QStringLiteral("PolicyDocument.Statement"));
        for (const CfnNode &st : list ? list->items : std::vector<CfnNode>()) {
            const CfnNode *action = st.get(QStringLiteral("Action"));
            if (!action || !allowed.contains(action->scalar))
                return {};
        }
    }
    entry.remove(QStringLiteral("RoleArn"));
    return id;
}

ComponentId TargetDlqs::read(ImportContext &x, const Connection &w, CfnNode &entry,
                             const QString &where, const QString &origin)
{
    const ComponentId source = w.source; // `w` is not used once a wire is added
    const ConnectionId wire = w.id;
    const ComponentId queue = readDeadLetterArn(x, source, entry, where, origin);
    m_bySource[source].append({wire, queue, where});
    return queue;
}

void TargetDlqs::assign(ImportContext &x, const QString &key) const
{
    for (auto it = m_bySource.cbegin(); it != m_bySource.cend(); ++it) {
        QSet<ComponentId> queues;
        for (const Entry &t : it.value()) {
            if (t.queue)
                queues.insert(t.queue);
        }
        for (const Entry &t : it.value()) {
            Connection *w = x.connection(t.wire);
            if (t.queue && queues.size() > 1) {
                w->params.insert(key, x.design().component(t.queue)->name);
            } else if (!t.queue && queues.size() == 1) {
                x.report().notes.append(
                    QStringLiteral("%1: no DeadLetterConfig, but in the model every target of "
                                   "%3 without a named dead-letter queue uses its only one, %2")
                        .arg(t.where, x.logicalIdOf(*queues.cbegin()), x.logicalIdOf(it.key())));
            }
        }
    }
}

namespace {

// The permission a consumed rule gives a function target: the export writes it again.
void readPermission(ImportContext &x, const QString &logicalId, const QString &principal,
                    const QSet<QString> &sources)
{
    QString rule;
    const ComponentId fn = readInvokePermission(x, logicalId, principal, &rule);
    if (!fn || !sources.contains(rule))
        return;
    for (const Connection *w : x.design().incoming(fn)) {
        if (w->kind == ConnectionKind::Subscription
            && w->extra.value(extra::name).toString() == rule
            && w->extra.value(extra::origin).toString() == origin::ruleTarget) {
            Connection *target = x.connection(w->id);
            target->extra.insert(extra::permission, logicalId);
            target->extra.insert(extra::permissionNode, yamlText(*x.resource(logicalId)));
            x.consume(logicalId);
            return;
        }
    }
}

// A queue's or topic's policy that only lets `principal` deliver, from consumed rules, to their
// targets and DLQs. Anything else in it keeps it as written.
void readPolicy(ImportContext &x, const QString &logicalId, const char *blocks,
                const QString &principal, const QSet<QString> &sources,
                const QSet<ComponentId> &targets)
{
    const CfnNode *resource = x.resource(logicalId);
    for (const auto &[key, value] : resource->entries) {
        if (key != QLatin1String("Type") && key != QLatin1String("Properties"))
            return; // DependsOn, a Condition...: kept as written
    }
    const CfnNode *props = resource->get(QStringLiteral("Properties"));
    const CfnNode *doc = props ? props->get(QStringLiteral("PolicyDocument")) : nullptr;
    const CfnNode *covered = props ? props->get(QLatin1String(blocks)) : nullptr;
    if (!grantsOnly(doc, principal) || !covered || !covered->isSequence())
        return;
    for (const CfnNode &b : covered->items) {
        if (!targets.contains(x.resolve(b)))
            return;
    }
    for (const CfnNode &st : doc->get(QStringLiteral("Statement"))->items) {
        const CfnNode *source = st.path(QStringLiteral("Condition.ArnEquals.aws:SourceArn"));
        const QStringList names = source ? referencedNames(*source) : QStringList();
        if (source
            && (names.isEmpty()
                || !sources.contains(names.first().section(QLatin1Char('.'), 0, 0))))
            return;
    }
    for (const CfnNode &b : covered->items) {
        for (const Connection *w : x.design().incoming(x.resolve(b))) {
            if (w->kind == ConnectionKind::Subscription || w->kind == ConnectionKind::Redrive)
                x.connection(w->id)->extra.insert(extra::policy, logicalId);
        }
    }
    x.consume(logicalId);
}

} // namespace

void readDeliveryGrants(ImportContext &x, const QString &principal, const QSet<QString> &sources,
                        const QSet<ComponentId> &targets)
{
    for (const QString &id : x.logicalIds()) {
        const QString type = x.resourceType(id);
        if (type == QLatin1String("AWS::Lambda::Permission")) {
            readPermission(x, id, principal, sources);
            continue;
        }
        for (const ServiceModule *m : serviceModules()) {
            const SamAccess *form = m->sam ? m->sam->access : nullptr;
            if (form && form->policyType && type == QLatin1String(form->policyType))
                readPolicy(x, id, form->policyBlocks, principal, sources, targets);
        }
    }
}

} // namespace swb::sam
