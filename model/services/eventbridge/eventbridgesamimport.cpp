// EventBridge rules, their targets and EventBridgeRule function events read from a SAM template
// (aws-behaviour.md §9): each modelled target becomes a wire from the bus, with its RetryPolicy and
// dead-letter queue; what the model does not hold stays in the wire's kept resource.
#include "model/design.h"
#include "model/sam/eventpattern.h"
#include "model/sam/importreport.h"
#include "model/sam/sammapping.h"
#include "model/sam/samservice.h"
#include "model/sam/samtarget.h"
#include "model/services/eventbridge/eventbridge.h"
#include "model/services/registry.h"

#include <QSet>

namespace swb::eventbridge {

namespace {

using sam::CfnNode;
using sam::yamlText;
namespace extra = sam::extra;
namespace origin = sam::origin;

struct TargetDlq {
    ConnectionId wire = InvalidId;
    ComponentId queue = InvalidId;
    QString where;
};

struct Import {
    sam::ImportContext &x;
    QHash<ComponentId, QList<TargetDlq>> dlqs; // bus -> its targets' DLQs
    QSet<QString> rules;      // consumed rules' logical ids (and <function><event> of events)
    QSet<ComponentId> served; // the consumed rules' targets and DLQs
    QSet<QString> roles;      // roles consumed rule targets name, to consume

    void report(QStringList sam::ImportReport::*list, const QString &line)
    {
        (x.report().*list).append(line);
    }

    // The bus an EventBusName names; InvalidId (reported) for the default bus or another.
    ComponentId bus(const CfnNode *name, const QString &where)
    {
        const ComponentId id = name ? x.resolve(*name) : InvalidId;
        if (id && x.design().component(id)->kind == ComponentKind::EventBus)
            return id;
        report(&sam::ImportReport::notes,
               QStringLiteral("%1: a rule on the default event bus or on a bus outside this "
                              "template is not modelled; kept as written")
                   .arg(where));
        return InvalidId;
    }

    // A new target wire; nullptr when refused or when the bus already has a wire to the target
    // (the model has one per bus and target).
    Connection *target(ComponentId bus, ComponentId to, const QString &where,
                       const QVariantMap &extraData)
    {
        const Design &d = x.design();
        for (const Connection *c : d.outgoing(bus)) {
            if (c->target == to && c->kind == ConnectionKind::Subscription) {
                report(&sam::ImportReport::unresolved,
                       QStringLiteral("%1: a second rule target %2 on the same bus; the model has "
                                      "one target wire per bus and target, so it is kept as "
                                      "written")
                           .arg(where, x.logicalIdOf(to)));
                return nullptr;
            }
        }
        return x.newWire(bus, to, ConnectionKind::Subscription, where, extraData);
    }

    // RetryPolicy and DeadLetterConfig of a target entry or an EventBridgeRule event; what is
    // read leaves `node`.
    void readOptions(Connection &w, CfnNode &node, const QString &where)
    {
        sam::readIntegerProperties(x, node, w.params, target::specs(), target::retryPolicy(),
                                   where);
        const ComponentId bus = w.source;
        const ConnectionId wire = w.id;
        const ComponentId queue = sam::readDeadLetterArn(x, bus, node, where, origin::ruleTarget);
        dlqs[bus].append({wire, queue, where});
        served.insert(queue);
    }

    // The rule's pattern into each target's parameter; false when it is not exact values.
    bool readPattern(const CfnNode *pattern, const QString &where, QString *text)
    {
        const std::optional<QString> read =
            pattern ? sam::eventPatternText(*pattern) : std::nullopt;
        if (read) {
            *text = *read;
            return true;
        }
        report(&sam::ImportReport::notes,
               QStringLiteral("%1: only exact values of event fields are modelled; the pattern is "
                              "kept as written and the targets' pattern match share (1) applies")
                   .arg(where));
        return false;
    }

    // The target's RoleArn when it names a role the export writes again: one that only
    // EventBridge may assume, allowed only what a target reached through a role needs, for a
    // target of such a service (aws-behaviour.md §9 "Permissions"). It leaves `entry`.
    void readRole(CfnNode &entry, ComponentId to)
    {
        const CfnNode *arn = entry.get(QStringLiteral("RoleArn"));
        const QStringList names = arn ? sam::referencedNames(*arn) : QStringList();
        const sam::ServiceSam *sam = serviceModule(x.design().component(to)->kind).sam;
        if (names.isEmpty() || !sam || !sam->access || sam->access->policyType)
            return;
        const QString id = names.first().section(QLatin1Char('.'), 0, 0);
        const CfnNode *role = x.resource(id);
        const CfnNode *props = role ? role->get(QStringLiteral("Properties")) : nullptr;
        if (x.resourceType(id) != QLatin1String("AWS::IAM::Role") || !props
            || !sam::grantsOnly(props->get(QStringLiteral("AssumeRolePolicyDocument")),
                                QLatin1String(kPrincipal)))
            return;
        const QStringList allowed = sam::roleActions();
        const CfnNode *policies = props->get(QStringLiteral("Policies"));
        for (const auto &[key, value] : props->entries) {
            if (key != QLatin1String("AssumeRolePolicyDocument")
                && key != QLatin1String("Policies"))
                return; // managed policies, a path, a name...: kept as written
        }
        for (const CfnNode &p : policies ? policies->items : std::vector<CfnNode>()) {
            const CfnNode *list = p.path(QStringLiteral("PolicyDocument.Statement"));
            for (const CfnNode &st : list ? list->items : std::vector<CfnNode>()) {
                const CfnNode *action = st.get(QStringLiteral("Action"));
                if (!action || !allowed.contains(action->scalar))
                    return;
            }
        }
        entry.remove(QStringLiteral("RoleArn"));
        roles.insert(id);
    }

    void readRule(const QString &logicalId);
    void readPolicy(const QString &logicalId, const char *blocks);
    void readFunctionEvents(const QString &logicalId);
    void readPermission(const QString &logicalId);
    void assignDlqs();
};

void Import::readRule(const QString &logicalId)
{
    const QString where = QStringLiteral("Resources.%1").arg(logicalId);
    CfnNode kept = *x.resource(logicalId);
    CfnNode *props = kept.get(QStringLiteral("Properties"));
    const CfnNode *list = props ? props->get(QStringLiteral("Targets")) : nullptr;
    if (!list || !list->isSequence() || !props->get(QStringLiteral("EventPattern"))) {
        report(&sam::ImportReport::notes,
               where
                   + QStringLiteral(": a rule without an event pattern or targets (a schedule) "
                                    "is not modelled; kept as written"));
        return;
    }
    const ComponentId bus = this->bus(props->get(QStringLiteral("EventBusName")),
                                      where + QStringLiteral(".Properties.EventBusName"));
    if (!bus)
        return;
    QList<std::pair<CfnNode, ComponentId>> targets;
    std::vector<CfnNode> remaining;
    for (size_t i = 0; i < list->items.size(); ++i) {
        const CfnNode &entry = list->items[i];
        const CfnNode *arn = entry.get(QStringLiteral("Arn"));
        const ComponentId to = arn ? x.resolve(*arn) : InvalidId;
        if (to) {
            targets.append({entry, to});
            continue;
        }
        report(&sam::ImportReport::notes,
               QStringLiteral("%1.Properties.Targets[%2]: not a modelled resource; kept as written")
                   .arg(where)
                   .arg(i));
        remaining.push_back(entry);
    }
    QString rule = targets.size() > 1 ? logicalId : QString();
    const CfnNode *name = props->get(QStringLiteral("Name"));
    if (name && name->isScalar() && name->tag.isEmpty())
        rule = name->scalar;
    QString pattern;
    const bool patternRead =
        readPattern(props->get(QStringLiteral("EventPattern")),
                    where + QStringLiteral(".Properties.EventPattern"), &pattern);
    QList<ConnectionId> made;
    for (qsizetype i = 0; i < targets.size(); ++i) {
        auto [entry, to] = targets[i];
        const QString at = QStringLiteral("%1.Properties.Targets[%2]").arg(where).arg(i);
        Connection *w =
            target(bus, to, at, {{extra::origin, origin::ruleTarget}, {extra::name, logicalId}});
        if (!w) {
            remaining.push_back(entry);
            continue;
        }
        w->params.insert(target::key::rule, rule);
        w->params.insert(target::key::eventPattern, pattern);
        entry.remove(QStringLiteral("Arn"));
        readRole(entry, to);
        readOptions(*w, entry, at);
        served.insert(to);
        w->extra.insert(extra::node, yamlText(entry));
        made.append(w->id);
    }
    if (made.isEmpty())
        return;
    props->remove(QStringLiteral("EventBusName"));
    if (patternRead)
        props->remove(QStringLiteral("EventPattern"));
    CfnNode rest = CfnNode::makeSequence();
    rest.items = remaining;
    props->set(QStringLiteral("Targets"), rest);
    if (remaining.empty())
        props->remove(QStringLiteral("Targets"));
    for (ConnectionId id : std::as_const(made))
        x.connection(id)->extra.insert(extra::resource, yamlText(kept));
    x.consume(logicalId);
    rules.insert(logicalId);
}

void Import::readFunctionEvents(const QString &logicalId)
{
    CfnNode *fn = x.keptResource(logicalId);
    CfnNode *props = fn ? fn->get(QStringLiteral("Properties")) : nullptr;
    CfnNode *events = props ? props->get(QStringLiteral("Events")) : nullptr;
    if (!events || !events->isMap())
        return;
    QStringList consumed;
    for (auto &[eventName, event] : events->entries) {
        const CfnNode *type = event.get(QStringLiteral("Type"));
        if (!type || type->scalar != QLatin1String("EventBridgeRule"))
            continue;
        const QString where =
            QStringLiteral("Resources.%1.Properties.Events.%2").arg(logicalId, eventName);
        CfnNode evProps = event.get(QStringLiteral("Properties"))
                              ? *event.get(QStringLiteral("Properties"))
                              : CfnNode::makeMap();
        const ComponentId bus = this->bus(evProps.get(QStringLiteral("EventBusName")),
                                          where + QStringLiteral(".Properties.EventBusName"));
        if (!bus)
            continue;
        Connection *w = target(bus, x.block(logicalId), where, {{extra::origin, origin::event}});
        if (!w)
            continue;
        rules.insert(logicalId + eventName); // the rule SAM generates for the event
        served.insert(x.block(logicalId));
        QString rule;
        const CfnNode *name = evProps.get(QStringLiteral("RuleName"));
        if (name && name->isScalar() && name->tag.isEmpty()) {
            rule = name->scalar;
            evProps.remove(QStringLiteral("RuleName"));
        }
        w->params.insert(target::key::rule, rule);
        QString pattern;
        if (readPattern(evProps.get(QStringLiteral("Pattern")),
                        where + QStringLiteral(".Properties.Pattern"), &pattern))
            evProps.remove(QStringLiteral("Pattern"));
        w->params.insert(target::key::eventPattern, pattern);
        evProps.remove(QStringLiteral("EventBusName"));
        readOptions(*w, evProps, where + QStringLiteral(".Properties"));
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

// The permission a consumed rule gives a function target: the export writes it again.
void Import::readPermission(const QString &logicalId)
{
    QString rule;
    const ComponentId fn =
        sam::readInvokePermission(x, logicalId, QLatin1String(kPrincipal), &rule);
    if (!fn || !rules.contains(rule))
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

// A queue's or topic's policy that only lets EventBridge deliver, from consumed rules, to their
// targets and DLQs: the export writes it again from the wires (aws-behaviour.md §9 "Permissions").
// Anything else in it keeps it as written.
void Import::readPolicy(const QString &logicalId, const char *blocks)
{
    const CfnNode *resource = x.resource(logicalId);
    for (const auto &[key, value] : resource->entries) {
        if (key != QLatin1String("Type") && key != QLatin1String("Properties"))
            return; // DependsOn, a Condition...: kept as written
    }
    const CfnNode *props = resource->get(QStringLiteral("Properties"));
    const CfnNode *doc = props ? props->get(QStringLiteral("PolicyDocument")) : nullptr;
    const CfnNode *covered = props ? props->get(QLatin1String(blocks)) : nullptr;
    if (!sam::grantsOnly(doc, QLatin1String(kPrincipal)) || !covered || !covered->isSequence())
        return;
    for (const CfnNode &b : covered->items) {
        if (!served.contains(x.resolve(b)))
            return;
    }
    for (const CfnNode &st : doc->get(QStringLiteral("Statement"))->items) {
        const CfnNode *source = st.path(QStringLiteral("Condition.ArnEquals.aws:SourceArn"));
        const QStringList names = source ? sam::referencedNames(*source) : QStringList();
        if (source
            && (names.isEmpty() || !rules.contains(names.first().section(QLatin1Char('.'), 0, 0))))
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

// A target's DLQ parameter: empty is the bus's only DLQ, so a name is needed only when the
// bus's targets use several.
void Import::assignDlqs()
{
    for (auto it = dlqs.cbegin(); it != dlqs.cend(); ++it) {
        QSet<ComponentId> queues;
        for (const TargetDlq &t : it.value()) {
            if (t.queue)
                queues.insert(t.queue);
        }
        for (const TargetDlq &t : it.value()) {
            Connection *w = x.connection(t.wire);
            if (t.queue && queues.size() > 1) {
                w->params.insert(target::key::deadLetterQueue, x.design().component(t.queue)->name);
            } else if (!t.queue && queues.size() == 1) {
                report(&sam::ImportReport::notes,
                       QStringLiteral("%1: no DeadLetterConfig, but in the model every target of "
                                      "the bus without a named dead-letter queue uses the bus's "
                                      "only one, %2")
                           .arg(t.where, x.logicalIdOf(*queues.cbegin())));
            }
        }
    }
}

} // namespace

void importSamWires(sam::ImportContext &x)
{
    Import in{x, {}, {}, {}, {}};
    for (const QString &id : x.logicalIds()) {
        if (x.resourceType(id) == QLatin1String("AWS::Events::Rule"))
            in.readRule(id);
        else if (x.resourceType(id) == QLatin1String("AWS::Serverless::Function"))
            in.readFunctionEvents(id);
    }
    for (const QString &id : x.logicalIds()) {
        const QString type = x.resourceType(id);
        if (type == QLatin1String("AWS::Lambda::Permission"))
            in.readPermission(id);
        else if (type == QLatin1String("AWS::SQS::QueuePolicy"))
            in.readPolicy(id, "Queues");
        else if (type == QLatin1String("AWS::SNS::TopicPolicy"))
            in.readPolicy(id, "Topics");
    }
    for (const QString &id : std::as_const(in.roles))
        x.consume(id);
    in.assignDlqs();
}

} // namespace swb::eventbridge
