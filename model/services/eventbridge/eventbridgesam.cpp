// EventBridge in SAM templates (aws-behaviour.md §9): a bus is an AWS::Events::EventBus; the
// targets of one rule are the Targets of an AWS::Events::Rule on it (with an
// AWS::Lambda::Permission per function target), except a rule whose only target is a SAM function,
// which is that function's EventBridgeRule event. Each target carries its RetryPolicy and
// DeadLetterConfig. On import each modelled target becomes a wire from the bus; what the model
// does not hold stays in the wire's kept resource.
#include "model/design.h"
#include "model/sam/eventpattern.h"
#include "model/sam/importreport.h"
#include "model/sam/sammapping.h"
#include "model/sam/samservice.h"
#include "model/sam/samtarget.h"
#include "model/services/eventbridge/eventbridge.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace swb::eventbridge {

const QList<sam::IntegerProperty> &target::retryPolicy()
{
    static const QList<sam::IntegerProperty> properties = {
        {"RetryPolicy.MaximumEventAgeInSeconds", key::maximumEventAge},
        {"RetryPolicy.MaximumRetryAttempts", key::maximumRetryAttempts}};
    return properties;
}

namespace {

using sam::CfnNode;
using sam::parseKept;
using sam::yamlText;
namespace extra = sam::extra;
namespace origin = sam::origin;

// A rule's Name (and a SAM event's RuleName): 1 to 64 of [.-_A-Za-z0-9].
bool validRuleName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[.\\-_A-Za-z0-9]{1,64}$"));
    return re.match(name).hasMatch();
}

CfnNode str(const QString &text)
{
    return CfnNode::makeString(text);
}

// --- Export

// A target's RetryPolicy and DeadLetterConfig. AWS's defaults (24 h, 185 attempts) are the
// catalogue's, so only other values are written.
void writeTargetOptions(sam::ExportContext &x, const Connection &w, const Connection *dlq,
                        CfnNode &entry, QStringList *keys)
{
    sam::writeIntegerProperties(entry, w.params, target::specs(), target::retryPolicy(), keys);
    if (dlq)
        sam::writeDeadLetterArn(x, entry, dlq->target);
}

// A rule's pattern (`key`: EventPattern, or Pattern of an EventBridgeRule event) from a target's
// pattern text; a kept pattern the import left as written stays when the text is empty. Whether
// the text parses (the template then holds it exactly).
bool writePattern(CfnNode &props, const QString &key, const QString &text, bool kept)
{
    const std::optional<CfnNode> pattern = sam::eventPatternNode(text);
    if (!kept || !text.isEmpty())
        props.set(key, pattern ? *pattern : sam::matchAllEventPattern());
    return pattern.has_value();
}

struct RuleTargets {
    QString rule; // the wires' rule parameter, trimmed (empty: a rule of the target's own)
    QList<const Connection *> wires;
};

struct BusExport {
    sam::ExportContext &x;
    const Component &bus;
    QHash<ConnectionId, const Connection *> dlqs; // target wire -> its DLQ wire
    int dlqQueues = 0;                            // distinct DLQ queues the targets name
    QHash<ConnectionId, QStringList> written;
    // Resource-policy grants (target block, the rule's ARN), written once every rule is: sorted,
    // so a policy shared by several rules reads the same whatever order the wires come in.
    std::vector<std::pair<ComponentId, CfnNode>> grants;

    // Which rule-level parameters the template gives back exactly, per target wire.
    void noteTargetKeys(const Connection &w, const QString &firstPattern, bool patternWritten,
                        bool ruleWritten, QStringList *keys) const
    {
        const target::Params t = target::Params::of(w.params);
        if (patternWritten && t.eventPattern.trimmed() == firstPattern)
            keys->append(target::key::eventPattern);
        if (ruleWritten)
            keys->append(target::key::rule);
        // The importer names a target's DLQ only when the bus's targets use several (an empty
        // name is the bus's only DLQ).
        const Connection *dlq = dlqs.value(w.id);
        const QString named =
            dlq && dlqQueues > 1 ? x.design().component(dlq->target)->name : QString();
        if (t.deadLetterQueue.trimmed() == named)
            keys->append(target::key::deadLetterQueue);
    }

    void markDlq(const Connection &w)
    {
        if (const Connection *dlq = dlqs.value(w.id))
            written.insert(dlq->id, {});
    }

    // Any rule on the bus, for a grant's aws:SourceArn (ArnLike; Ref of a bus is its name).
    CfnNode busRules() const
    {
        return CfnNode::makeTagged(
            QStringLiteral("Sub"),
            str(QStringLiteral("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:"
                               "rule/${%1}/*")
                    .arg(x.logicalId(bus.id))));
    }

    void writeRule(const RuleTargets &r);
    void writeFunctionEvent(const RuleTargets &r);
};

void BusExport::writeRule(const RuleTargets &r)
{
    const Connection &first = *r.wires.first();
    const bool imported = first.extra.value(extra::origin).toString() == origin::ruleTarget;
    CfnNode node = imported ? parseKept(first.extra.value(extra::resource)) : CfnNode::makeMap();
    node.set(QStringLiteral("Type"), str(QStringLiteral("AWS::Events::Rule")));
    CfnNode props = node.get(QStringLiteral("Properties")) ? *node.get(QStringLiteral("Properties"))
                                                           : CfnNode::makeMap();
    const QString keptId = first.extra.value(extra::name).toString();
    const QString base =
        imported && !keptId.isEmpty()
            ? keptId
            : x.logicalId(bus.id)
                  + sam::sanitizeLogicalId(r.rule.isEmpty() ? x.logicalId(first.target) : r.rule)
                  + QStringLiteral("Rule");
    // The rule's name is its Name. The importer names a rule without one after its logical id
    // when it has several targets, and gives a single target a rule of its own (no name).
    const CfnNode *keptName = props.get(QStringLiteral("Name"));
    const bool literalName = keptName && keptName->isScalar() && keptName->tag.isEmpty();
    bool ruleWritten = false;
    if (keptName && !literalName) {
        ruleWritten = r.rule == (r.wires.size() > 1 ? keptId : QString()); // an expression
    } else if (!r.rule.isEmpty() && validRuleName(r.rule)
               && (literalName || !imported || r.rule != keptId)) {
        props.set(QStringLiteral("Name"), str(r.rule));
        ruleWritten = true;
    } else {
        props.remove(QStringLiteral("Name"));
        ruleWritten = r.rule == (r.wires.size() > 1 && imported ? keptId : QString());
    }
    props.set(QStringLiteral("EventBusName"), x.ref(bus.id)); // after Name, as an import keeps it
    const QString firstPattern = target::Params::of(first.params).eventPattern.trimmed();
    const bool pattern = writePattern(props, QStringLiteral("EventPattern"), firstPattern,
                                      props.get(QStringLiteral("EventPattern")));
    CfnNode targets = props.get(QStringLiteral("Targets")) ? *props.get(QStringLiteral("Targets"))
                                                           : CfnNode::makeSequence();
    QStringList ids;
    for (const CfnNode &t : targets.items) {
        if (const CfnNode *id = t.get(QStringLiteral("Id")))
            ids.append(id->scalar);
    }
    // Targets reached through a role EventBridge assumes (a state machine, another bus) share one
    // role per rule, unless an imported target names a role of its own (aws-behaviour.md §9
    // "Permissions").
    const QHash<ConnectionId, CfnNode> roles =
        sam::addTargetsRole(x, base, QLatin1String(kPrincipal), r.wires);
    for (const Connection *w : r.wires) {
        CfnNode ordered =
            sam::targetEntry(x, w->target,
                             w->extra.value(extra::origin).toString() == origin::ruleTarget
                                 ? parseKept(w->extra.value(extra::node))
                                 : CfnNode::makeMap(),
                             &ids);
        if (roles.contains(w->id))
            ordered.set(QStringLiteral("RoleArn"), roles.value(w->id));
        const Component &target = *x.design().component(w->target);
        // A FIFO queue target needs a message group (the rule's, one ordered group).
        if (target.kind == ComponentKind::SqsQueue && isFifo(target)
            && !ordered.path(QStringLiteral("SqsParameters.MessageGroupId")))
            ordered.setPath(QStringLiteral("SqsParameters.MessageGroupId"), str(base));
        QStringList keys;
        writeTargetOptions(x, *w, dlqs.value(w->id), ordered, &keys);
        noteTargetKeys(*w, firstPattern, pattern, ruleWritten, &keys);
        targets.items.push_back(ordered);
        written.insert(w->id, keys);
        markDlq(*w);
    }
    props.set(QStringLiteral("Targets"), targets);
    node.set(QStringLiteral("Properties"), props);
    const QString ruleId = x.addResource(base, node);
    // EventBridge may deliver to each target and its DLQ: the resource-based policies naming the
    // rule (a function's permission, a queue's or topic's policy).
    const CfnNode ruleArn =
        CfnNode::makeTagged(QStringLiteral("GetAtt"), str(ruleId + QStringLiteral(".Arn")));
    for (const Connection *w : r.wires) {
        sam::writeTargetPermission(x, *w, QLatin1String(kPrincipal), ruleArn,
                                   ruleId + x.logicalId(w->target) + QStringLiteral("Permission"));
        grants.emplace_back(w->target, ruleArn);
        if (const Connection *dlq = dlqs.value(w->id))
            grants.emplace_back(dlq->target, ruleArn);
    }
}

void BusExport::writeFunctionEvent(const RuleTargets &r)
{
    const Connection &w = *r.wires.first();
    const bool imported = w.extra.value(extra::origin).toString() == origin::event;
    CfnNode events = imported ? parseKept(w.extra.value(extra::events)) : CfnNode::makeMap();
    CfnNode &fnProps = x.propsOf(w.target);
    if (events.entries.empty()) {
        const QString stem = x.logicalId(bus.id) + QStringLiteral("Event");
        QString name = stem;
        for (int n = 2; fnProps.path(QStringLiteral("Events.") + name); ++n)
            name = stem + QString::number(n);
        CfnNode ev = CfnNode::makeMap();
        ev.set(QStringLiteral("Type"), str(QStringLiteral("EventBridgeRule")));
        events.set(name, ev);
    }
    const QString pattern = target::Params::of(w.params).eventPattern.trimmed();
    QStringList keys;
    for (auto &[name, ev] : events.entries) {
        CfnNode kept = ev.get(QStringLiteral("Properties")) ? *ev.get(QStringLiteral("Properties"))
                                                            : CfnNode::makeMap();
        CfnNode props = CfnNode::makeMap();
        props.set(QStringLiteral("EventBusName"), x.ref(bus.id));
        const bool patternWritten = writePattern(props, QStringLiteral("Pattern"), pattern,
                                                 kept.get(QStringLiteral("Pattern")));
        bool ruleWritten = r.rule.isEmpty();
        if (!r.rule.isEmpty() && validRuleName(r.rule) && !kept.get(QStringLiteral("RuleName"))) {
            props.set(QStringLiteral("RuleName"), str(r.rule));
            ruleWritten = true;
        }
        for (const auto &[key, value] : kept.entries)
            props.set(key, value);
        keys.clear();
        writeTargetOptions(x, w, dlqs.value(w.id), props, &keys);
        noteTargetKeys(w, pattern, patternWritten, ruleWritten, &keys);
        ev.set(QStringLiteral("Type"), str(QStringLiteral("EventBridgeRule")));
        ev.set(QStringLiteral("Properties"), props);
        fnProps.setPath(QStringLiteral("Events.") + name, ev);
        // SAM writes the function's permission, but no policy for a DLQ given by Arn: the DLQ's
        // statement names the bus's rules (SAM generates the event's rule and its name;
        // aws-behaviour.md §9), as arn:...:rule/<bus name>/*.
        if (const Connection *dlq = dlqs.value(w.id))
            grants.emplace_back(dlq->target, busRules());
    }
    written.insert(w.id, keys);
    markDlq(w);
}

QHash<ConnectionId, QStringList> exportWires(sam::ExportContext &x, const Component &bus)
{
    const Design &d = x.design();
    BusExport out{x, bus, {}, 0, {}, {}};
    QList<RuleTargets> rules;
    QSet<ComponentId> queues;
    for (const Connection *w : d.outgoing(bus.id)) {
        const QString from = w->extra.value(extra::origin).toString();
        if (w->kind != ConnectionKind::Subscription || from == origin::kept
            || from == origin::metadata || x.resourceType(w->target).isEmpty())
            continue;
        const QString rule = target::Params::of(w->params).rule.trimmed();
        const QString key = ruleName(*w);
        auto it = std::find_if(rules.begin(), rules.end(), [&](const RuleTargets &r) {
            return ruleName(*r.wires.first()) == key;
        });
        if (it == rules.end())
            rules.append({rule, {w}});
        else
            it->wires.append(w);
        if (const Connection *dlq = deadLetterWire(d, *w)) {
            out.dlqs.insert(w->id, dlq);
            queues.insert(dlq->target);
        }
    }
    out.dlqQueues = int(queues.size());
    for (const RuleTargets &r : std::as_const(rules)) {
        const Connection &first = *r.wires.first();
        const bool samFunction =
            x.resourceType(first.target) == QLatin1String("AWS::Serverless::Function");
        if (r.wires.size() == 1 && samFunction
            && first.extra.value(extra::origin).toString() != origin::ruleTarget)
            out.writeFunctionEvent(r);
        else
            out.writeRule(r);
    }
    sam::grantAllByPolicy(x, std::move(out.grants), QLatin1String(kPrincipal));
    return out.written;
}

// Name is required; a custom bus name allows [/.-_A-Za-z0-9] and is not "default".
void completeResource(sam::ExportContext &, const Component &bus, CfnNode &props)
{
    if (props.get(QStringLiteral("Name")))
        return;
    QString name = bus.name;
    name.replace(QRegularExpression(QStringLiteral("[^/.\\-_A-Za-z0-9]")), QStringLiteral("-"));
    props.set(QStringLiteral("Name"),
              str(name == QLatin1String("default") ? QStringLiteral("default-bus") : name));
}

// --- Import

struct Import {
    sam::ImportContext &x;
    sam::TargetDlqs dlqs;
    QSet<QString> rules;      // consumed rules' logical ids (and <function><event> of events)
    QSet<ComponentId> served; // the consumed rules' targets and DLQs
    QSet<QString> roles;      // roles consumed rule targets name, to consume

    void note(const QString &line) { x.report().notes.append(line); }

    // The bus an EventBusName names; InvalidId (reported) for the default bus or another.
    ComponentId bus(const CfnNode *name, const QString &where)
    {
        const ComponentId id = name ? x.resolve(*name) : InvalidId;
        if (id && x.design().component(id)->kind == ComponentKind::EventBus)
            return id;
        note(QStringLiteral("%1: a rule on the default event bus or on a bus outside this "
                            "template is not modelled; kept as written")
                 .arg(where));
        return InvalidId;
    }

    // A target wire's rule and pattern, and the RetryPolicy and DeadLetterConfig of its target
    // entry or EventBridgeRule event; what is read leaves `node`.
    void readTarget(Connection &w, const QString &rule, const std::optional<QString> &pattern,
                    CfnNode &node, const QString &where)
    {
        w.params.insert(target::key::rule, rule);
        w.params.insert(target::key::eventPattern, pattern.value_or(QString()));
        sam::readIntegerProperties(x, node, w.params, target::specs(), target::retryPolicy(),
                                   where);
        served.insert(w.target);
        served.insert(dlqs.read(x, w, node, where, origin::ruleTarget));
    }

    void readRule(const QString &logicalId);
    Connection *readFunctionEvent(const QString &fnId, const QString &eventName, CfnNode &evProps,
                                  const QString &where);
};

void Import::readRule(const QString &logicalId)
{
    const QString where = QStringLiteral("Resources.%1").arg(logicalId);
    CfnNode kept = *x.resource(logicalId);
    CfnNode *props = kept.get(QStringLiteral("Properties"));
    const CfnNode *list = props ? props->get(QStringLiteral("Targets")) : nullptr;
    if (!list || !list->isSequence() || !props->get(QStringLiteral("EventPattern"))) {
        note(where
             + QStringLiteral(": a rule without an event pattern or targets (a schedule) is not "
                              "modelled; kept as written"));
        return;
    }
    const ComponentId bus = this->bus(props->get(QStringLiteral("EventBusName")),
                                      where + QStringLiteral(".Properties.EventBusName"));
    if (!bus)
        return;
    std::vector<CfnNode> remaining;
    const auto targets =
        sam::resolveTargets(x, *list, where + QStringLiteral(".Properties.Targets"), &remaining);
    QString rule = targets.size() > 1 ? logicalId : QString();
    const CfnNode *name = props->get(QStringLiteral("Name"));
    if (name && name->isScalar() && name->tag.isEmpty())
        rule = name->scalar;
    const std::optional<QString> pattern =
        sam::readEventPattern(x, props->get(QStringLiteral("EventPattern")),
                              where + QStringLiteral(".Properties.EventPattern"));
    QList<ConnectionId> made;
    for (qsizetype i = 0; i < targets.size(); ++i) {
        auto [entry, to] = targets[i];
        const QString at = QStringLiteral("%1.Properties.Targets[%2]").arg(where).arg(i);
        Connection *w = sam::newTargetWire(
            x, bus, to, at, {{extra::origin, origin::ruleTarget}, {extra::name, logicalId}});
        if (!w) {
            remaining.push_back(entry);
            continue;
        }
        entry.remove(QStringLiteral("Arn"));
        if (const QString role = sam::readTargetRole(x, entry, to, QLatin1String(kPrincipal));
            !role.isEmpty())
            roles.insert(role);
        readTarget(*w, rule, pattern, entry, at);
        w->extra.insert(extra::node, yamlText(entry));
        made.append(w->id);
    }
    if (made.isEmpty())
        return;
    props->remove(QStringLiteral("EventBusName"));
    if (pattern)
        props->remove(QStringLiteral("EventPattern"));
    props->get(QStringLiteral("Targets"))->items = remaining;
    if (remaining.empty())
        props->remove(QStringLiteral("Targets"));
    for (ConnectionId id : std::as_const(made))
        x.connection(id)->extra.insert(extra::resource, yamlText(kept));
    x.consume(logicalId);
    rules.insert(logicalId);
}

Connection *Import::readFunctionEvent(const QString &fnId, const QString &eventName,
                                      CfnNode &evProps, const QString &where)
{
    const ComponentId fn = x.block(fnId);
    const ComponentId bus = this->bus(evProps.get(QStringLiteral("EventBusName")),
                                      where + QStringLiteral(".Properties.EventBusName"));
    Connection *w =
        bus ? sam::newTargetWire(x, bus, fn, where, {{extra::origin, origin::event}}) : nullptr;
    if (!w)
        return nullptr;
    rules.insert(fnId + eventName); // the rule SAM generates for the event
    QString rule;
    const CfnNode *name = evProps.get(QStringLiteral("RuleName"));
    if (name && name->isScalar() && name->tag.isEmpty()) {
        rule = name->scalar;
        evProps.remove(QStringLiteral("RuleName"));
    }
    const std::optional<QString> pattern = sam::readEventPattern(
        x, evProps.get(QStringLiteral("Pattern")), where + QStringLiteral(".Properties.Pattern"));
    if (pattern)
        evProps.remove(QStringLiteral("Pattern"));
    evProps.remove(QStringLiteral("EventBusName"));
    readTarget(*w, rule, pattern, evProps, where + QStringLiteral(".Properties"));
    return w;
}

void importSamWires(sam::ImportContext &x)
{
    Import in{x, {}, {}, {}, {}};
    for (const QString &id : x.logicalIds()) {
        if (x.resourceType(id) == QLatin1String("AWS::Events::Rule"))
            in.readRule(id);
        else if (x.resourceType(id) == QLatin1String("AWS::Serverless::Function"))
            sam::readFunctionEvents(x, id, QStringLiteral("EventBridgeRule"),
                                    [&](const QString &name, CfnNode &props, const QString &where) {
                                        return in.readFunctionEvent(id, name, props, where);
                                    });
    }
    sam::readDeliveryGrants(x, QLatin1String(kPrincipal), in.rules, in.served);
    for (const QString &id : std::as_const(in.roles))
        x.consume(id);
    in.dlqs.assign(x, target::key::deadLetterQueue);
}

} // namespace

const sam::ServiceSam &samMapping()
{
    // A rule sending to this bus (bus to bus) does it through a role allowed PutEvents on it
    // (aws-behaviour.md §9 "Permissions").
    static const sam::SamAccess access{nullptr, nullptr, "events:PutEvents", "Arn", false};
    static const sam::ServiceSam mapping{
        .exportWires = exportWires,
        .completeResource = completeResource,
        .importWires = importSamWires,
        .access = &access,
    };
    return mapping;
}

} // namespace swb::eventbridge
