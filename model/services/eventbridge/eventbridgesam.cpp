// EventBridge in SAM templates (aws-behaviour.md §9): a bus is an AWS::Events::EventBus; the
// targets of one rule are the Targets of an AWS::Events::Rule on it (with an
// AWS::Lambda::Permission per function target), except a rule whose only target is a SAM function,
// which is that function's EventBridgeRule event. Each target carries its RetryPolicy and
// DeadLetterConfig.
#include "model/design.h"
#include "model/sam/eventpattern.h"
#include "model/sam/sammapping.h"
#include "model/sam/samservice.h"
#include "model/sam/samtarget.h"
#include "model/services/eventbridge/eventbridge.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace swb::eventbridge {

namespace {

using sam::CfnNode;
using sam::parseKept;
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
    const std::optional<CfnNode> pattern = sam::eventPatternNode(firstPattern);
    const bool keptPattern = props.get(QStringLiteral("EventPattern")) && firstPattern.isEmpty();
    if (pattern && !keptPattern)
        props.set(QStringLiteral("EventPattern"), *pattern);
    else if (!keptPattern)
        props.set(QStringLiteral("EventPattern"), sam::matchAllEventPattern());
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
    std::vector<CfnNode> roleStatements;
    QSet<ConnectionId> roleTargets;
    for (const Connection *w : r.wires) {
        if (!parseKept(w->extra.value(extra::node)).get(QStringLiteral("RoleArn"))
            && sam::grantByRole(x, w->target, &roleStatements))
            roleTargets.insert(w->id);
    }
    const QString roleId = roleStatements.empty()
                               ? QString()
                               : sam::addServiceRole(x, base + QStringLiteral("Role"),
                                                     QLatin1String(kPrincipal), roleStatements);
    for (const Connection *w : r.wires) {
        CfnNode entry = w->extra.value(extra::origin).toString() == origin::ruleTarget
                            ? parseKept(w->extra.value(extra::node))
                            : CfnNode::makeMap();
        CfnNode ordered = CfnNode::makeMap();
        ordered.set(QStringLiteral("Arn"), x.arnOf(w->target));
        if (!entry.get(QStringLiteral("Id"))) {
            // Id: 1 to 64 of [.-_A-Za-z0-9], unique within the rule.
            const QString stem = x.logicalId(w->target).left(60);
            QString id = stem;
            for (int n = 2; ids.contains(id); ++n)
                id = stem + QString::number(n);
            ids.append(id);
            ordered.set(QStringLiteral("Id"), str(id));
        }
        for (const auto &[key, value] : entry.entries)
            ordered.set(key, value);
        if (roleTargets.contains(w->id))
            ordered.set(QStringLiteral("RoleArn"),
                        CfnNode::makeTagged(QStringLiteral("GetAtt"),
                                            str(roleId + QStringLiteral(".Arn"))));
        const Component &target = *x.design().component(w->target);
        // A FIFO queue target needs a message group (the rule's, one ordered group).
        if (target.kind == ComponentKind::SqsQueue && isFifo(target)
            && !ordered.path(QStringLiteral("SqsParameters.MessageGroupId")))
            ordered.setPath(QStringLiteral("SqsParameters.MessageGroupId"), str(base));
        QStringList keys;
        writeTargetOptions(x, *w, dlqs.value(w->id), ordered, &keys);
        noteTargetKeys(*w, firstPattern, pattern.has_value(), ruleWritten, &keys);
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
        if (x.design().component(w->target)->kind == ComponentKind::Lambda)
            sam::writeInvokePermission(
                x, w->target, QLatin1String(kPrincipal), ruleArn,
                w->extra.value(extra::permission).toString(), w->extra.value(extra::permissionNode),
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
    const std::optional<CfnNode> patternValue = sam::eventPatternNode(pattern);
    QStringList keys;
    for (auto &[name, ev] : events.entries) {
        CfnNode kept = ev.get(QStringLiteral("Properties")) ? *ev.get(QStringLiteral("Properties"))
                                                            : CfnNode::makeMap();
        CfnNode props = CfnNode::makeMap();
        props.set(QStringLiteral("EventBusName"), x.ref(bus.id));
        const bool keptPattern = kept.get(QStringLiteral("Pattern")) && pattern.isEmpty();
        if (!keptPattern)
            props.set(QStringLiteral("Pattern"),
                      patternValue ? *patternValue : sam::matchAllEventPattern());
        bool ruleWritten = r.rule.isEmpty();
        if (!r.rule.isEmpty() && validRuleName(r.rule) && !kept.get(QStringLiteral("RuleName"))) {
            props.set(QStringLiteral("RuleName"), str(r.rule));
            ruleWritten = true;
        }
        for (const auto &[key, value] : kept.entries)
            props.set(key, value);
        keys.clear();
        writeTargetOptions(x, w, dlqs.value(w.id), props, &keys);
        noteTargetKeys(w, pattern, patternValue.has_value(), ruleWritten, &keys);
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
    const auto key = [&](const std::pair<ComponentId, CfnNode> &g) {
        return x.logicalId(g.first) + QLatin1Char(' ') + sam::yamlText(g.second);
    };
    std::stable_sort(out.grants.begin(), out.grants.end(),
                     [&](const auto &a, const auto &b) { return key(a) < key(b); });
    for (const auto &[target, source] : out.grants)
        sam::grantByPolicy(x, target, QLatin1String(kPrincipal), source);
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

} // namespace

const QList<sam::IntegerProperty> &target::retryPolicy()
{
    static const QList<sam::IntegerProperty> properties = {
        {"RetryPolicy.MaximumEventAgeInSeconds", key::maximumEventAge},
        {"RetryPolicy.MaximumRetryAttempts", key::maximumRetryAttempts}};
    return properties;
}

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
