// EventBridge in SAM templates (aws-behaviour.md §9): a bus is an AWS::Events::EventBus; the
// targets of one rule are the Targets of an AWS::Events::Rule on it (with an
// AWS::Lambda::Permission per function target), except a rule whose only target is a SAM function,
// which is that function's EventBridgeRule event. Each target carries its RetryPolicy and
// DeadLetterConfig.
#include "model/design.h"
#include "model/filterpolicy.h"
#include "model/parametercatalogue.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/importreport.h"
#include "model/sam/sammapping.h"
#include "model/sam/samservice.h"
#include "model/services/eventbridge/eventbridge.h"
#include "model/services/eventbridge/eventbridgesam_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <optional>

namespace swb::eventbridge {

namespace samform {

CfnNode str(const QString &text)
{
    return CfnNode::makeString(text);
}

CfnNode parseKept(const QVariant &text)
{
    if (text.toString().isEmpty())
        return CfnNode::makeMap();
    sam::ParseResult parsed = sam::parseCfn(text.toString().toUtf8());
    return parsed.ok && parsed.root.isMap() ? parsed.root : CfnNode::makeMap();
}

QString yamlText(const CfnNode &node)
{
    return QString::fromUtf8(sam::emitCfnYaml(node));
}

const QList<ParamSpec> &targetSpecs()
{
    return catalogue::connectionParams(ConnectionKind::Subscription, ComponentKind::EventBus);
}

namespace {

// A rule's Name (and a SAM event's RuleName): 1 to 64 of [.-_A-Za-z0-9].
bool validRuleName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[.\\-_A-Za-z0-9]{1,64}$"));
    return re.match(name).hasMatch();
}

} // namespace

// --- Event patterns. The model's exact-match pattern "type=order, type=refund" is the event
// pattern {"detail": {"type": ["order", "refund"]}}; a name of the event's envelope (source,
// detail-type, ...) sits at the top level, a dotted name nests under detail. No pattern (the
// match share decides) is a pattern every event matches: a prefix "" on source.

namespace {

bool isEnvelopeField(const QString &name)
{
    static const QStringList fields = {QStringLiteral("source"),    QStringLiteral("detail-type"),
                                       QStringLiteral("account"),   QStringLiteral("region"),
                                       QStringLiteral("resources"), QStringLiteral("id"),
                                       QStringLiteral("time"),      QStringLiteral("version")};
    return fields.contains(name);
}

} // namespace

CfnNode matchAllPattern()
{
    CfnNode prefix = CfnNode::makeMap();
    prefix.set(QStringLiteral("prefix"), CfnNode::makeString(QString()));
    CfnNode values = CfnNode::makeSequence();
    values.items.push_back(prefix);
    CfnNode pattern = CfnNode::makeMap();
    pattern.set(QStringLiteral("source"), values);
    return pattern;
}

// The template pattern of the model's text; nullopt when the text does not parse.
std::optional<CfnNode> patternNode(const QString &text)
{
    if (text.trimmed().isEmpty())
        return matchAllPattern();
    QList<FilterRule> rules;
    QString error;
    if (!parseFilterPolicy(text, &rules, &error))
        return std::nullopt;
    CfnNode pattern = CfnNode::makeMap();
    for (const FilterRule &r : std::as_const(rules)) {
        QStringList path = r.name.split(QLatin1Char('.'));
        if (!isEnvelopeField(r.name))
            path.prepend(QStringLiteral("detail"));
        CfnNode *node = &pattern;
        for (const QString &step : std::as_const(path)) {
            if (!node->get(step))
                node->set(step, step == path.last() ? CfnNode::makeSequence() : CfnNode::makeMap());
            node = node->get(step);
        }
        if (!node->isSequence())
            return std::nullopt; // a name that is also another name's parent
        node->items.push_back(str(r.value));
    }
    return pattern;
}

namespace {

CfnNode fromJson(const QJsonValue &v)
{
    if (v.isObject()) {
        CfnNode n = CfnNode::makeMap();
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            n.set(it.key(), fromJson(it.value()));
        return n;
    }
    if (v.isArray()) {
        CfnNode n = CfnNode::makeSequence();
        for (const QJsonValue &item : v.toArray())
            n.items.push_back(fromJson(item));
        return n;
    }
    if (v.isString())
        return str(v.toString());
    CfnNode n; // a number, boolean or null: not a string value
    n.type = CfnNode::Type::Null;
    return n;
}

// Exact string values of named fields, collected as "name=value" items.
bool collectRules(const CfnNode &node, const QString &prefix, QStringList *items)
{
    if (!node.isMap() || !node.tag.isEmpty())
        return false;
    for (const auto &[key, value] : node.entries) {
        const QString name = prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key;
        if (value.isMap()) {
            if (!collectRules(value, name, items))
                return false;
            continue;
        }
        if (!value.isSequence() || value.items.empty() || !value.tag.isEmpty())
            return false;
        for (const CfnNode &v : value.items) {
            if (!v.isScalar() || !v.tag.isEmpty() || v.scalar.contains(QLatin1Char(','))
                || v.scalar.contains(QLatin1Char('=')))
                return false;
            items->append(name + QLatin1Char('=') + v.scalar.trimmed());
        }
    }
    return true;
}

} // namespace

// The model's pattern text of a template pattern (a map, or JSON in a string); nullopt when it
// uses more than exact values (prefix, numeric, anything-but...): the match share applies then.
std::optional<QString> patternText(const CfnNode &node)
{
    CfnNode pattern = node;
    if (node.isScalar() && node.tag.isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(node.scalar.toUtf8());
        if (!doc.isObject())
            return std::nullopt;
        pattern = fromJson(doc.object());
    }
    const CfnNode *source = pattern.get(QStringLiteral("source"));
    if (pattern.isMap() && pattern.entries.size() == 1 && source && source->isSequence()
        && source->items.size() == 1) {
        const CfnNode *prefix = source->items.front().get(QStringLiteral("prefix"));
        if (source->items.front().entries.size() == 1 && prefix && prefix->isScalar()
            && prefix->scalar.isEmpty())
            return QString(); // the pattern every event matches
    }
    if (!pattern.isMap() || !pattern.tag.isEmpty())
        return std::nullopt;
    QStringList items;
    for (const auto &[key, value] : pattern.entries) {
        if (key == QLatin1String("detail")) {
            // A detail name must not read as an envelope field on the way back.
            for (const auto &entry : value.entries) {
                if (isEnvelopeField(entry.first))
                    return std::nullopt;
            }
            if (!collectRules(value, QString(), &items))
                return std::nullopt;
        } else if (!isEnvelopeField(key) || value.isMap()) {
            return std::nullopt;
        } else {
            CfnNode one = CfnNode::makeMap();
            one.set(key, value);
            if (!collectRules(one, QString(), &items))
                return std::nullopt;
        }
    }
    if (items.isEmpty())
        return std::nullopt;
    return items.join(QStringLiteral(", "));
}

} // namespace samform

namespace {

using namespace samform;
namespace extra = sam::extra;
namespace origin = sam::origin;

// --- Export

// A target's RetryPolicy and DeadLetterConfig. AWS's defaults (24 h, 185 attempts) are the
// catalogue's, so only other values are written. A value kept as an expression (a !Ref to a
// template parameter) stays and Metadata keeps the model's value.
void writeTargetOptions(sam::ExportContext &x, const Connection &w, const Connection *dlq,
                        CfnNode &entry, QStringList *keys)
{
    const std::pair<const char *, QString> retry[] = {
        {"MaximumEventAgeInSeconds", target::key::maximumEventAge},
        {"MaximumRetryAttempts", target::key::maximumRetryAttempts}};
    for (const auto &[property, key] : retry) {
        const QString path = QStringLiteral("RetryPolicy.") + QLatin1String(property);
        const CfnNode *kept = entry.path(path);
        if (kept && !kept->tag.isEmpty())
            continue;
        entry.removePath(path);
        const qlonglong value = w.params.value(key).toLongLong();
        const ParamSpec *spec = catalogue::findConnectionParam(ConnectionKind::Subscription,
                                                               ComponentKind::EventBus, key);
        if (spec && value != spec->defaultValue.toLongLong())
            entry.setPath(path, CfnNode::makeInteger(value));
        keys->append(key);
    }
    if (dlq)
        entry.setPath(QStringLiteral("DeadLetterConfig.Arn"),
                      x.getAtt(dlq->target, QStringLiteral("Arn")));
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

    void writeRule(const RuleTargets &r);
    void writeFunctionEvent(const RuleTargets &r);
};

void BusExport::writeRule(const RuleTargets &r)
{
    const Connection &first = *r.wires.first();
    const bool imported = first.extra.value(extra::origin).toString() == kRuleOrigin;
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
    const std::optional<CfnNode> pattern = patternNode(firstPattern);
    const bool keptPattern = props.get(QStringLiteral("EventPattern")) && firstPattern.isEmpty();
    if (pattern && !keptPattern)
        props.set(QStringLiteral("EventPattern"), *pattern);
    else if (!keptPattern)
        props.set(QStringLiteral("EventPattern"), matchAllPattern());
    CfnNode targets = props.get(QStringLiteral("Targets")) ? *props.get(QStringLiteral("Targets"))
                                                           : CfnNode::makeSequence();
    QStringList ids;
    for (const CfnNode &t : targets.items) {
        if (const CfnNode *id = t.get(QStringLiteral("Id")))
            ids.append(id->scalar);
    }
    QList<ComponentId> functions;
    QHash<ComponentId, QString> permissionIds; // function -> its imported permission's id
    for (const Connection *w : r.wires) {
        CfnNode entry = w->extra.value(extra::origin).toString() == kRuleOrigin
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
        if (target.kind == ComponentKind::Lambda) {
            functions.append(w->target);
            permissionIds.insert(w->target, w->extra.value(kPermissionKey).toString());
        }
    }
    props.set(QStringLiteral("Targets"), targets);
    node.set(QStringLiteral("Properties"), props);
    const QString ruleId = x.addResource(base, node);
    // EventBridge may invoke each function target: a resource-based policy naming the rule.
    for (ComponentId fn : std::as_const(functions)) {
        CfnNode perm = CfnNode::makeMap();
        perm.set(QStringLiteral("Type"), str(QStringLiteral("AWS::Lambda::Permission")));
        CfnNode p = CfnNode::makeMap();
        // An imported permission keeps its id and what else it said (SourceAccount...).
        for (const Connection *w : r.wires) {
            if (w->target == fn && !w->extra.value(kPermissionNode).toString().isEmpty()) {
                const CfnNode kept = parseKept(w->extra.value(kPermissionNode));
                for (const auto &[key, value] : kept.entries)
                    perm.set(key, value);
                if (const CfnNode *keptProps = perm.get(QStringLiteral("Properties")))
                    p = *keptProps;
            }
        }
        p.set(QStringLiteral("Action"), str(QStringLiteral("lambda:InvokeFunction")));
        p.set(QStringLiteral("FunctionName"), x.ref(fn));
        p.set(QStringLiteral("Principal"), str(kLambdaPrincipal));
        p.set(QStringLiteral("SourceArn"),
              CfnNode::makeTagged(QStringLiteral("GetAtt"), str(ruleId + QStringLiteral(".Arn"))));
        perm.set(QStringLiteral("Properties"), p);
        const QString keptId = permissionIds.value(fn);
        x.addResource(keptId.isEmpty() ? ruleId + x.logicalId(fn) + QStringLiteral("Permission")
                                       : keptId,
                      perm);
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
    const std::optional<CfnNode> patternValue = patternNode(pattern);
    QStringList keys;
    for (auto &[name, ev] : events.entries) {
        CfnNode kept = ev.get(QStringLiteral("Properties")) ? *ev.get(QStringLiteral("Properties"))
                                                            : CfnNode::makeMap();
        CfnNode props = CfnNode::makeMap();
        props.set(QStringLiteral("EventBusName"), x.ref(bus.id));
        const bool keptPattern = kept.get(QStringLiteral("Pattern")) && pattern.isEmpty();
        if (!keptPattern)
            props.set(QStringLiteral("Pattern"), patternValue ? *patternValue : matchAllPattern());
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
    }
    written.insert(w.id, keys);
    markDlq(w);
}

QHash<ConnectionId, QStringList> exportWires(sam::ExportContext &x, const Component &bus)
{
    const Design &d = x.design();
    BusExport out{x, bus, {}, 0, {}};
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
            && first.extra.value(extra::origin).toString() != kRuleOrigin)
            out.writeFunctionEvent(r);
        else
            out.writeRule(r);
    }
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

const sam::ServiceSam &samMapping()
{
    static const sam::ServiceSam mapping{
        .exportWires = exportWires,
        .completeResource = completeResource,
        .importWires = samform::importWires,
    };
    return mapping;
}

} // namespace swb::eventbridge
