#include "model/parametercatalogue.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/samimporter_p.h"
#include "model/sam/sammapping.h"
#include "model/sam/samtarget.h"
#include "model/wiringrules.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>
#include <functional>

// How references between resources become wires. Each rule names the AWS feature it reads; what a
// rule consumes (an Events entry, a RedrivePolicy) leaves the kept properties and is written back
// from the wire on export, so deleting the wire in the editor deletes it from the template.

namespace swb::sam {


ConnectionId Importer::addWire(ComponentId source, ComponentId target, ConnectionKind kind,
                               const QString &where, const QVariantMap &extraData)
{
    for (const Connection &c : std::as_const(m_design.connections)) {
        if (c.source == source && c.target == target && c.kind == kind)
            return c.id;
    }
    const WiringVerdict verdict = checkWire(m_design, source, target, kind);
    if (!verdict.allowed) {
        m_report.unresolved.append(QStringLiteral("%1: no %2 wire from %3 to %4: %5; kept as "
                                                  "written")
                                       .arg(where, connectionKindName(kind), logicalIdOf(source),
                                            logicalIdOf(target), verdict.reason));
        return InvalidId;
    }
    Connection c;
    c.id = m_design.allocateId();
    c.source = source;
    c.target = target;
    c.kind = kind;
    c.params = catalogue::defaultConnectionParams(kind, m_design.component(source)->kind);
    c.extra = extraData;
    m_design.connections.insert(c.id, c);
    return c.id;
}

QList<ComponentId> Importer::resolveAll(const CfnNode &node, const CfnNode *subs) const
{
    QList<ComponentId> ids;
    const auto add = [&ids](ComponentId id) {
        if (id && !ids.contains(id))
            ids.append(id);
    };
    QStringList names = referencedNames(node);
    if (node.isScalar() && node.tag.isEmpty())
        names += subPlaceholders(node.scalar);
    for (const QString &full : std::as_const(names)) {
        const QString name = full.section(QLatin1Char('.'), 0, 0);
        if (ComponentId id = m_byLogicalId.value(name)) {
            add(id);
        } else if (subs) {
            if (const CfnNode *value = subs->get(name)) {
                for (ComponentId sub : resolveAll(*value, nullptr))
                    add(sub);
            }
        }
    }
    Intrinsic call;
    const bool sub =
        asIntrinsic(node, &call) && call.name == QLatin1String("Sub") && call.argument->isScalar();
    if (ids.isEmpty() && node.isScalar() && (node.tag.isEmpty() || sub)) {
        // arn:aws:sqs:region:account:Name, https://sqs.../account/Name, ...:function:Name,
        // literal or inside !Sub with only pseudo parameters around the name.
        const QString text = node.scalar.trimmed();
        const QString last = text.section(QRegularExpression(QStringLiteral("[:/]")), -1);
        add(m_byPhysicalName.value(last));
    }
    return ids;
}

ComponentId Importer::resolve(const CfnNode &node, const CfnNode *subs) const
{
    const QList<ComponentId> ids = resolveAll(node, subs);
    return ids.isEmpty() ? InvalidId : ids.first();
}

void Importer::readMappingParams(Connection &connection, CfnNode &props, const QString &where)
{
    const ComponentKind sourceKind = m_design.component(connection.source)->kind;
    const QList<ParamSpec> &specs = catalogue::connectionParams(connection.kind, sourceKind);
    for (const WireMapping &m : mappingWireProperties(sourceKind)) {
        const CfnNode *node = props.path(m.property);
        if (!node)
            continue;
        QString text;
        bool bound = false;
        const QString at = where + QLatin1Char('.') + m.property;
        if (!readScalar(node, at, &text, &bound))
            continue;
        setParam(connection.params, m.key, specs, text, at);
        if (!bound)
            props.removePath(m.property);
    }
    const CfnNode *types = props.get(QStringLiteral("FunctionResponseTypes"));
    if (types && types->isSequence() && types->items.size() == 1
        && types->items.front().scalar == QLatin1String("ReportBatchItemFailures")) {
        connection.params.insert(QStringLiteral("reportBatchItemFailures"), true);
        props.remove(QStringLiteral("FunctionResponseTypes"));
    }
}

// TimeoutInMillis of a function's Api / HttpApi event is the API's integration timeout (see
// kIntegrationTimeoutKey). The model keeps one per API: events that disagree get the longest.
// An exact value in Metadata (a fraction the integer property rounds) wins.
void Importer::readEventTimeout(ComponentId api, CfnNode &eventProps, const QString &where)
{
    const CfnNode *node = eventProps.get(kEventTimeoutProperty);
    QString text;
    bool bound = false;
    const QString at = where + QLatin1Char('.') + kEventTimeoutProperty;
    if (!node || !readScalar(node, at, &text, &bound))
        return;
    if (!bound)
        eventProps.remove(kEventTimeoutProperty);
    QVariantMap read;
    setParam(read, kIntegrationTimeoutKey, catalogue::componentParams(ComponentKind::ApiGateway),
             text, at);
    const double value = read.value(kIntegrationTimeoutKey).toDouble();
    const auto seen = m_eventTimeouts.constFind(api);
    if (seen != m_eventTimeouts.cend() && *seen != value)
        m_report.clamped.append(QStringLiteral("%1: %2 ms differs from another event of the "
                                               "same API (%3 ms); the model has one integration "
                                               "timeout per API and uses the longer one")
                                    .arg(at)
                                    .arg(value)
                                    .arg(*seen));
    const double longest = seen == m_eventTimeouts.cend() ? value : std::max(*seen, value);
    m_eventTimeouts.insert(api, longest);
    const bool exactInMetadata =
        m_workbench.path(
            QStringLiteral("Components.%1.Params.%2").arg(logicalIdOf(api), kIntegrationTimeoutKey))
        != nullptr;
    if (!exactInMetadata)
        m_design.components[api].params.insert(kIntegrationTimeoutKey, longest);
}

void Importer::linkStreamDestination(ComponentId stream, CfnNode &props, const QString &where)
{
    const CfnNode *dest = props.path(QStringLiteral("DestinationConfig.OnFailure.Destination"));
    if (!dest || m_design.component(stream)->kind != ComponentKind::KinesisStream)
        return;
    const ComponentId target = resolve(*dest);
    if (!target) {
        m_report.unresolved.append(QStringLiteral("%1.DestinationConfig.OnFailure: the "
                                                  "destination is not a resource of this "
                                                  "template; kept as written")
                                       .arg(where));
        return;
    }
    if (addWire(stream, target, ConnectionKind::OnFailure,
                where + QStringLiteral(".DestinationConfig"),
                {{extra::origin, origin::streamDestination}}))
        props.removePath(QStringLiteral("DestinationConfig.OnFailure.Destination"));
}

void Importer::linkFunctionEvents()
{
    for (const QString &logicalId : std::as_const(m_order)) {
        if (m_types.value(logicalId) != QLatin1String("AWS::Serverless::Function"))
            continue;
        const ComponentId function = m_byLogicalId.value(logicalId);
        CfnNode *props = m_kept[logicalId].get(QStringLiteral("Properties"));
        CfnNode *events = props ? props->get(QStringLiteral("Events")) : nullptr;
        if (!events || !events->isMap())
            continue;
        QStringList consumed;
        for (auto &[eventName, event] : events->entries) {
            const QString where =
                QStringLiteral("Resources.%1.Properties.Events.%2").arg(logicalId, eventName);
            const QString type = event.get(QStringLiteral("Type"))
                                     ? event.get(QStringLiteral("Type"))->scalar
                                     : QString();
            CfnNode eventProps = event.get(QStringLiteral("Properties"))
                                     ? *event.get(QStringLiteral("Properties"))
                                     : CfnNode::makeMap();
            ComponentId source = InvalidId;
            ConnectionKind kind = ConnectionKind::SyncInvoke;
            QString refKey;
            if (type == QLatin1String("Api") || type == QLatin1String("HttpApi")) {
                refKey = type == QLatin1String("Api") ? QStringLiteral("RestApiId")
                                                      : QStringLiteral("ApiId");
                const CfnNode *ref = eventProps.get(refKey);
                source = ref ? resolve(*ref)
                             : implicitApi(type == QLatin1String("Api")
                                               ? QStringLiteral("ServerlessRestApi")
                                               : QStringLiteral("ServerlessHttpApi"));
            } else if (type == QLatin1String("SQS") || type == QLatin1String("Kinesis")) {
                refKey = type == QLatin1String("SQS") ? QStringLiteral("Queue")
                                                      : QStringLiteral("Stream");
                kind = ConnectionKind::EventSourceMapping;
                if (const CfnNode *ref = eventProps.get(refKey))
                    source = resolve(*ref);
            } else if (type == QLatin1String("SNS")) {
                refKey = QStringLiteral("Topic");
                kind = ConnectionKind::Subscription;
                if (const CfnNode *ref = eventProps.get(refKey))
                    source = resolve(*ref);
            } else {
                continue; // Schedule, S3, DynamoDB...: kept as written (or read by the
                          // source service's own SAM mapping, ServiceModule::sam)
            }
            if (!source) {
                m_report.unresolved.append(QStringLiteral("%1.Properties.%2: not a resource of "
                                                          "this template; the event is kept")
                                               .arg(where, refKey));
                continue;
            }
            const ConnectionId id =
                addWire(source, function, kind, where, {{extra::origin, origin::event}});
            if (!id)
                continue;
            Connection *c = wire(id);
            eventProps.remove(refKey);
            if (kind == ConnectionKind::SyncInvoke)
                readEventTimeout(source, eventProps, where + QStringLiteral(".Properties"));
            if (kind == ConnectionKind::EventSourceMapping) {
                readMappingParams(*c, eventProps, where + QStringLiteral(".Properties"));
                linkStreamDestination(source, eventProps, where + QStringLiteral(".Properties"));
            }
            CfnNode stored;
            if (!c->extra.value(extra::events).toString().isEmpty())
                stored = parseCfn(c->extra.value(extra::events).toString().toUtf8()).root;
            CfnNode keptEvent = event;
            if (eventProps.entries.empty())
                keptEvent.remove(QStringLiteral("Properties"));
            else
                keptEvent.set(QStringLiteral("Properties"), eventProps);
            stored.set(eventName, keptEvent);
            c->extra.insert(extra::events, yamlText(stored));
            consumed.append(eventName);
        }
        for (const QString &name : std::as_const(consumed))
            events->remove(name);
        if (events->entries.empty())
            props->remove(QStringLiteral("Events"));
    }
}

void Importer::linkStateMachineEvents()
{
    for (const QString &logicalId : std::as_const(m_order)) {
        if (m_types.value(logicalId) != QLatin1String("AWS::Serverless::StateMachine"))
            continue;
        const ComponentId machine = m_byLogicalId.value(logicalId);
        CfnNode *props = m_kept[logicalId].get(QStringLiteral("Properties"));
        CfnNode *events = props ? props->get(QStringLiteral("Events")) : nullptr;
        if (!events || !events->isMap())
            continue;
        QStringList consumed;
        for (auto &[eventName, event] : events->entries) {
            const CfnNode *type = event.get(QStringLiteral("Type"));
            if (!type || type->scalar != QLatin1String("Api"))
                continue;
            const QString where =
                QStringLiteral("Resources.%1.Properties.Events.%2").arg(logicalId, eventName);
            CfnNode eventProps = event.get(QStringLiteral("Properties"))
                                     ? *event.get(QStringLiteral("Properties"))
                                     : CfnNode::makeMap();
            const CfnNode *ref = eventProps.get(QStringLiteral("RestApiId"));
            const ComponentId api =
                ref ? resolve(*ref) : implicitApi(QStringLiteral("ServerlessRestApi"));
            if (!api) {
                m_report.unresolved.append(QStringLiteral("%1.Properties.RestApiId: not a "
                                                          "resource of this template")
                                               .arg(where));
                continue;
            }
            const ConnectionId id = addWire(api, machine, ConnectionKind::ServiceIntegration, where,
                                            {{extra::origin, origin::event}});
            if (!id)
                continue;
            Connection *c = wire(id);
            eventProps.remove(QStringLiteral("RestApiId"));
            CfnNode stored;
            if (!c->extra.value(extra::events).toString().isEmpty())
                stored = parseCfn(c->extra.value(extra::events).toString().toUtf8()).root;
            CfnNode keptEvent = event;
            keptEvent.set(QStringLiteral("Properties"), eventProps);
            stored.set(eventName, keptEvent);
            c->extra.insert(extra::events, yamlText(stored));
            consumed.append(eventName);
        }
        for (const QString &name : std::as_const(consumed))
            events->remove(name);
        if (events->entries.empty())
            props->remove(QStringLiteral("Events"));
    }
}

void Importer::linkWireResources()
{
    const CfnNode &resources = *m_root.get(QStringLiteral("Resources"));
    for (const auto &[logicalId, resource] : resources.entries) {
        const QString type = m_types.value(logicalId);
        const bool esm = type == QLatin1String("AWS::Lambda::EventSourceMapping");
        const bool subscription = type == QLatin1String("AWS::SNS::Subscription");
        if (!esm && !subscription)
            continue;
        const QString where = QStringLiteral("Resources.%1").arg(logicalId);
        CfnNode kept = resource;
        CfnNode *props = kept.get(QStringLiteral("Properties"));
        if (!props)
            continue;
        const QString sourceKey =
            esm ? QStringLiteral("EventSourceArn") : QStringLiteral("TopicArn");
        const QString targetKey = esm ? QStringLiteral("FunctionName") : QStringLiteral("Endpoint");
        const CfnNode *sourceRef = props->get(sourceKey);
        const CfnNode *targetRef = props->get(targetKey);
        const ComponentId source = sourceRef ? resolve(*sourceRef) : InvalidId;
        const ComponentId target = targetRef ? resolve(*targetRef) : InvalidId;
        if (!source || !target) {
            m_report.unresolved.append(QStringLiteral("%1: %2 or %3 is not a modelled resource "
                                                      "of this template; kept as written")
                                           .arg(where, sourceKey, targetKey));
            continue;
        }
        const ConnectionKind kind =
            esm ? ConnectionKind::EventSourceMapping : ConnectionKind::Subscription;
        const bool existed = [&] {
            for (const Connection &c : std::as_const(m_design.connections)) {
                if (c.source == source && c.target == target && c.kind == kind)
                    return true;
            }
            return false;
        }();
        if (existed) {
            m_report.notes.append(QStringLiteral("%1 duplicates another link from %2 to %3; "
                                                 "kept as written")
                                      .arg(where, logicalIdOf(source), logicalIdOf(target)));
            continue;
        }
        const ConnectionId id = addWire(
            source, target, kind, where,
            {{extra::origin, esm ? origin::esm : origin::subscription}, {extra::name, logicalId}});
        if (!id)
            continue;
        props->remove(sourceKey);
        props->remove(targetKey);
        if (esm) {
            readMappingParams(*wire(id), *props, where + QStringLiteral(".Properties"));
            linkStreamDestination(source, *props, where + QStringLiteral(".Properties"));
        } else if (const CfnNode *dlq =
                       props->path(QStringLiteral("RedrivePolicy.deadLetterTargetArn"))) {
            // A subscription DLQ (SNS redrive policy): the reference stays in the kept resource.
            if (ComponentId queue = resolve(*dlq))
                addWire(source, queue, ConnectionKind::Redrive,
                        where + QStringLiteral(".Properties.RedrivePolicy"),
                        {{extra::origin, origin::kept}});
        }
        wire(id)->extra.insert(extra::node, yamlText(kept));
        m_consumed.insert(logicalId);
    }
}

void Importer::linkTopicSubscriptions()
{
    for (const QString &logicalId : std::as_const(m_order)) {
        if (m_types.value(logicalId) != QLatin1String("AWS::SNS::Topic"))
            continue;
        CfnNode *props = m_kept[logicalId].get(QStringLiteral("Properties"));
        CfnNode *list = props ? props->get(QStringLiteral("Subscription")) : nullptr;
        if (!list || !list->isSequence())
            continue;
        std::vector<CfnNode> remaining;
        for (size_t i = 0; i < list->items.size(); ++i) {
            CfnNode entry = list->items[i];
            const QString where =
                QStringLiteral("Resources.%1.Properties.Subscription[%2]").arg(logicalId).arg(i);
            const CfnNode *endpoint = entry.get(QStringLiteral("Endpoint"));
            const ComponentId target = endpoint ? resolve(*endpoint) : InvalidId;
            const ConnectionId id = target ? addWire(m_byLogicalId.value(logicalId), target,
                                                     ConnectionKind::Subscription, where,
                                                     {{extra::origin, origin::inlineSubscription}})
                                           : InvalidId;
            if (!id) {
                if (!target)
                    m_report.notes.append(QStringLiteral("%1: the endpoint is not a modelled "
                                                         "resource; kept as written")
                                              .arg(where));
                remaining.push_back(entry);
                continue;
            }
            entry.remove(QStringLiteral("Endpoint"));
            wire(id)->extra.insert(extra::node, yamlText(entry));
        }
        list->items = remaining;
        if (remaining.empty())
            props->remove(QStringLiteral("Subscription"));
    }
}

void Importer::linkQueueRedrives()
{
    for (const QString &logicalId : std::as_const(m_order)) {
        if (m_types.value(logicalId) != QLatin1String("AWS::SQS::Queue"))
            continue;
        CfnNode *props = m_kept[logicalId].get(QStringLiteral("Properties"));
        CfnNode *policy = props ? props->get(QStringLiteral("RedrivePolicy")) : nullptr;
        if (!policy)
            continue;
        const QString where =
            QStringLiteral("Resources.%1.Properties.RedrivePolicy").arg(logicalId);
        const CfnNode *target = policy->get(QStringLiteral("deadLetterTargetArn"));
        const ComponentId dlq = target ? resolve(*target) : InvalidId;
        if (!dlq) {
            m_report.unresolved.append(QStringLiteral("%1.deadLetterTargetArn: not a queue of "
                                                      "this template; kept as written")
                                           .arg(where));
            continue;
        }
        const ConnectionId id =
            addWire(m_byLogicalId.value(logicalId), dlq, ConnectionKind::Redrive, where,
                    {{extra::origin, origin::redrive}});
        if (!id)
            continue;
        policy->remove(QStringLiteral("deadLetterTargetArn"));
        if (const CfnNode *count = policy->get(QStringLiteral("maxReceiveCount"))) {
            QString text;
            bool bound = false;
            if (readScalar(count, where + QStringLiteral(".maxReceiveCount"), &text, &bound)) {
                setParam(
                    wire(id)->params, QStringLiteral("maxReceiveCount"),
                    catalogue::connectionParams(ConnectionKind::Redrive, ComponentKind::SqsQueue),
                    text, where + QStringLiteral(".maxReceiveCount"));
                policy->remove(QStringLiteral("maxReceiveCount"));
            }
        }
        if (policy->isMap() && policy->entries.empty())
            props->remove(QStringLiteral("RedrivePolicy"));
    }
}

void Importer::linkFunctionFailures()
{
    for (const QString &logicalId : std::as_const(m_order)) {
        const QString type = m_types.value(logicalId);
        if (type != QLatin1String("AWS::Serverless::Function")
            && type != QLatin1String("AWS::Lambda::Function"))
            continue;
        const ComponentId function = m_byLogicalId.value(logicalId);
        CfnNode *props = m_kept[logicalId].get(QStringLiteral("Properties"));
        if (!props)
            continue;
        struct Source {
            QString path;
            QString origin;
        };
        const Source sources[] = {
            {QStringLiteral("DeadLetterQueue.TargetArn"), origin::deadLetterQueue},
            {QStringLiteral("DeadLetterConfig.TargetArn"), origin::deadLetterConfig},
            {QStringLiteral("EventInvokeConfig.DestinationConfig.OnFailure.Destination"),
             origin::destination},
        };
        for (const Source &s : sources) {
            const CfnNode *ref = props->path(s.path);
            if (!ref)
                continue;
            const QString where =
                QStringLiteral("Resources.%1.Properties.%2").arg(logicalId, s.path);
            const ComponentId target = resolve(*ref);
            if (!target) {
                m_report.unresolved.append(QStringLiteral("%1: not a resource of this template; "
                                                          "kept as written")
                                               .arg(where));
                continue;
            }
            if (!addWire(function, target, ConnectionKind::OnFailure, where,
                         {{extra::origin, s.origin}}))
                continue;
            const QString parent = s.path.section(QLatin1Char('.'), 0, -2);
            props->removePath(s.path);
            // SAM's DeadLetterQueue.Type and the destination's Type are implied by the target.
            if (s.origin != origin::deadLetterConfig)
                props->removePath(parent + QStringLiteral(".Type"));
        }
    }
}

} // namespace swb::sam
