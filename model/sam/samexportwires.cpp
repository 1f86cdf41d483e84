#include "model/parametercatalogue.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/samexporter_p.h"
#include "model/sam/sammapping.h"
#include "model/sam/samservice.h"
#include "model/sam/samtarget.h"
#include "model/services/registry.h"

#include <QCryptographicHash>

#include <algorithm>

namespace swb::sam {

namespace {

CfnNode str(const QString &text)
{
    return CfnNode::makeString(text);
}

CfnNode value(const QVariant &v)
{
    return toTemplateValue(Conversion::Plain, v);
}

CfnNode list(std::initializer_list<CfnNode> items)
{
    CfnNode n = CfnNode::makeSequence();
    n.items = items;
    return n;
}

bool isHttp(const Component &api)
{
    return api.params.value(QStringLiteral("type")).toString() == QLatin1String("HTTP");
}

} // namespace

CfnNode &Exporter::propsOf(ComponentId id)
{
    CfnNode &node = m_resources[id];
    if (!node.get(QStringLiteral("Properties")))
        node.set(QStringLiteral("Properties"), CfnNode::makeMap());
    return *node.get(QStringLiteral("Properties"));
}

QString Exporter::uniqueId(const QString &base)
{
    QString id = sanitizeLogicalId(base);
    const QString stem = id;
    for (int n = 2; m_used.contains(id); ++n)
        id = stem + QString::number(n);
    m_used.insert(id);
    return id;
}

bool Exporter::hasKeptDefinition(ComponentId machine) const
{
    auto it = m_resources.constFind(machine);
    const CfnNode *props =
        it == m_resources.cend() ? nullptr : it->get(QStringLiteral("Properties"));
    if (!props)
        return false;
    for (const char *key :
         {"Definition", "DefinitionUri", "DefinitionString", "DefinitionS3Location"}) {
        if (props->get(QLatin1String(key)))
            return true;
    }
    return false;
}

void Exporter::writeWire(const Connection &w)
{
    const Component &s = *m_design.component(w.source);
    const Component &t = *m_design.component(w.target);
    const QString origin = w.extra.value(extra::origin).toString();
    if (origin == origin::kept) {
        // The reference lives in content kept verbatim; Metadata restores edited parameters.
        addWireMetadata(w, true, true, {}, true);
        return;
    }
    if (origin == origin::metadata || s.kind == ComponentKind::TrafficSource
        || s.kind == ComponentKind::Downstream || t.kind == ComponentKind::Downstream) {
        addWireMetadata(w, false, false, {}, false);
        return;
    }
    if (const sam::ServiceSam *own = serviceModule(s.kind).sam; own && own->exportWires) {
        // The source's service wrote its wires itself (Exporter::run).
        const auto written = m_serviceWires.constFind(w.id);
        const bool expressed = written != m_serviceWires.cend();
        addWireMetadata(w, expressed, expressed, expressed ? *written : QStringList(), false);
        return;
    }
    bool expressed = false;
    bool inFlag = true;
    QStringList keys;
    switch (w.kind) {
    case ConnectionKind::SyncInvoke:
    case ConnectionKind::ServiceIntegration:
        if (s.kind == ComponentKind::ApiGateway) {
            expressed = (t.kind == ComponentKind::Lambda || t.kind == ComponentKind::StepFunctions)
                        && writeApiEvent(w);
        } else if (s.kind == ComponentKind::StepFunctions) {
            expressed = m_generatedDefinitions.contains(s.id) && taskForm(t.kind) != nullptr;
            for (const ParamSpec &spec : catalogue::connectionParams(w.kind, s.kind))
                keys.append(spec.key);
        } else if (s.kind == ComponentKind::Lambda) {
            expressed = writeEnvironment(w);
            inFlag = false; // the importer skips a reference to a queue the function reads
        }
        break;
    case ConnectionKind::EventSourceMapping:
        expressed = writeMapping(w);
        for (const WireMapping &m : mappingWireProperties(s.kind))
            keys.append(m.key);
        keys.append(QStringLiteral("reportBatchItemFailures"));
        break;
    case ConnectionKind::Subscription:
        expressed = s.kind == ComponentKind::SnsTopic && writeSubscription(w);
        break;
    case ConnectionKind::OnFailure:
    case ConnectionKind::Redrive:
        expressed = writeFailure(w);
        keys.append(QStringLiteral("maxReceiveCount"));
        break;
    case ConnectionKind::Traffic:
    case ConnectionKind::AsyncInvoke:
        break;
    }
    addWireMetadata(w, expressed, expressed && inFlag, expressed ? keys : QStringList(), false);
}

bool Exporter::writeApiEvent(const Connection &w)
{
    const Component &api = *m_design.component(w.source);
    const Component &target = *m_design.component(w.target);
    const bool machine = target.kind == ComponentKind::StepFunctions;
    if (machine && isHttp(api))
        return false; // SAM state machines take only REST (Api) events
    const bool implicit = api.extra.value(extra::implicitApi).toBool();
    CfnNode events = parseKept(w.extra.value(extra::events));
    CfnNode &props = propsOf(target.id);
    CfnNode *existing = props.get(QStringLiteral("Events"));
    if (events.entries.empty()) {
        CfnNode ev = CfnNode::makeMap();
        ev.set(QStringLiteral("Type"), str(QStringLiteral("Api")));
        CfnNode evProps = CfnNode::makeMap();
        evProps.set(QStringLiteral("Path"),
                    str(machine ? QStringLiteral("/") + m_ids.value(target.id).toLower()
                                : QStringLiteral("/{proxy+}")));
        evProps.set(QStringLiteral("Method"),
                    str(machine ? QStringLiteral("POST") : QStringLiteral("ANY")));
        ev.set(QStringLiteral("Properties"), evProps);
        QString name = m_ids.value(api.id) + QStringLiteral("Event");
        for (int n = 2; existing && existing->get(name); ++n)
            name = m_ids.value(api.id) + QStringLiteral("Event") + QString::number(n);
        events.set(name, ev);
    }
    for (auto &[name, ev] : events.entries) {
        ev.set(QStringLiteral("Type"),
               str(isHttp(api) ? QStringLiteral("HttpApi") : QStringLiteral("Api")));
        CfnNode evProps = ev.get(QStringLiteral("Properties"))
                              ? *ev.get(QStringLiteral("Properties"))
                              : CfnNode::makeMap();
        evProps.remove(QStringLiteral("RestApiId"));
        evProps.remove(QStringLiteral("ApiId"));
        if (!implicit)
            evProps.set(isHttp(api) ? QStringLiteral("ApiId") : QStringLiteral("RestApiId"),
                        ref(api.id));
        if (!machine)
            writeEventTimeout(api, evProps);
        ev.set(QStringLiteral("Properties"), evProps);
        props.setPath(QStringLiteral("Events.") + name, ev);
    }
    return true;
}

// The integration timeout as the event's TimeoutInMillis (SAM Api / HttpApi events of a
// function), written where it differs from what API Gateway would use without it (29 s for REST,
// 30 s for HTTP APIs; aws-behaviour.md, API Gateway), so the deployed API times out where the
// simulated one does. An expression the importer could not evaluate is left as written.
void Exporter::writeEventTimeout(const Component &api, CfnNode &evProps)
{
    const CfnNode *kept = evProps.get(kEventTimeoutProperty);
    if (kept && !kept->tag.isEmpty())
        return;
    const QVariant timeout = api.params.value(kIntegrationTimeoutKey);
    const double awsDefault = isHttp(api) ? 30000 : 29000;
    evProps.remove(kEventTimeoutProperty);
    if (timeout.toDouble() == awsDefault)
        return; // Metadata keeps it when it is not the catalogue default either
    evProps.set(kEventTimeoutProperty, toTemplateValue(Conversion::WholeNumber, timeout));
    if (writtenExactly(Conversion::WholeNumber, timeout))
        m_timeoutOnEvents.insert(api.id);
}

void Exporter::writeMappingParams(const Connection &w, CfnNode &props)
{
    const ComponentKind sourceKind = m_design.component(w.source)->kind;
    for (const WireMapping &m : mappingWireProperties(sourceKind)) {
        const ParamSpec *spec = catalogue::findConnectionParam(w.kind, sourceKind, m.key);
        const QVariant v = w.params.value(m.key);
        if (spec && v != spec->defaultValue)
            props.setPath(m.property, value(v));
    }
    if (w.params.value(QStringLiteral("reportBatchItemFailures")).toBool())
        props.set(QStringLiteral("FunctionResponseTypes"),
                  list({str(QStringLiteral("ReportBatchItemFailures"))}));
    // A stream mapping's on-failure destination belongs to the stream in the model.
    if (sourceKind == ComponentKind::KinesisStream) {
        for (const Connection *f : m_design.outgoing(w.source)) {
            if (f->kind == ConnectionKind::OnFailure)
                props.setPath(QStringLiteral("DestinationConfig.OnFailure.Destination"),
                              arnOf(f->target));
        }
    }
}

bool Exporter::writeMapping(const Connection &w)
{
    const bool kinesis = m_design.component(w.source)->kind == ComponentKind::KinesisStream;
    if (w.extra.value(extra::origin).toString() == origin::esm) {
        CfnNode node = parseKept(w.extra.value(extra::node));
        CfnNode props = node.get(QStringLiteral("Properties"))
                            ? *node.get(QStringLiteral("Properties"))
                            : CfnNode::makeMap();
        props.set(QStringLiteral("EventSourceArn"), getAtt(w.source, QStringLiteral("Arn")));
        props.set(QStringLiteral("FunctionName"), ref(w.target));
        writeMappingParams(w, props);
        node.set(QStringLiteral("Properties"), props);
        m_extraResources.emplace_back(uniqueId(w.extra.value(extra::name).toString()), node);
        return true;
    }
    CfnNode events = parseKept(w.extra.value(extra::events));
    if (events.entries.empty()) {
        CfnNode ev = CfnNode::makeMap();
        ev.set(QStringLiteral("Type"),
               str(kinesis ? QStringLiteral("Kinesis") : QStringLiteral("SQS")));
        CfnNode evProps = CfnNode::makeMap();
        if (kinesis)
            evProps.set(QStringLiteral("StartingPosition"), str(QStringLiteral("LATEST")));
        ev.set(QStringLiteral("Properties"), evProps);
        events.set(m_ids.value(w.source) + QStringLiteral("Event"), ev);
    }
    CfnNode &fnProps = propsOf(w.target);
    for (auto &[name, ev] : events.entries) {
        CfnNode evProps = ev.get(QStringLiteral("Properties"))
                              ? *ev.get(QStringLiteral("Properties"))
                              : CfnNode::makeMap();
        evProps.set(kinesis ? QStringLiteral("Stream") : QStringLiteral("Queue"),
                    getAtt(w.source, QStringLiteral("Arn")));
        writeMappingParams(w, evProps);
        ev.set(QStringLiteral("Properties"), evProps);
        fnProps.setPath(QStringLiteral("Events.") + name, ev);
    }
    return true;
}

bool Exporter::writeSubscription(const Connection &w)
{
    const Component &target = *m_design.component(w.target);
    const QString origin = w.extra.value(extra::origin).toString();
    if (origin == origin::subscription) {
        CfnNode node = parseKept(w.extra.value(extra::node));
        CfnNode props = node.get(QStringLiteral("Properties"))
                            ? *node.get(QStringLiteral("Properties"))
                            : CfnNode::makeMap();
        props.set(QStringLiteral("TopicArn"), ref(w.source));
        props.set(QStringLiteral("Endpoint"), arnOf(w.target));
        node.set(QStringLiteral("Properties"), props);
        m_extraResources.emplace_back(uniqueId(w.extra.value(extra::name).toString()), node);
        return true;
    }
    if (origin == origin::inlineSubscription) {
        CfnNode entry = parseKept(w.extra.value(extra::node));
        entry.set(QStringLiteral("Endpoint"), arnOf(w.target));
        CfnNode &props = propsOf(w.source);
        if (!props.get(QStringLiteral("Subscription")))
            props.set(QStringLiteral("Subscription"), CfnNode::makeSequence());
        props.get(QStringLiteral("Subscription"))->items.push_back(entry);
        return true;
    }
    if (target.kind == ComponentKind::Lambda) {
        CfnNode events = parseKept(w.extra.value(extra::events));
        if (events.entries.empty()) {
            CfnNode ev = CfnNode::makeMap();
            ev.set(QStringLiteral("Type"), str(QStringLiteral("SNS")));
            events.set(m_ids.value(w.source) + QStringLiteral("Event"), ev);
        }
        for (auto &[name, ev] : events.entries) {
            CfnNode evProps = ev.get(QStringLiteral("Properties"))
                                  ? *ev.get(QStringLiteral("Properties"))
                                  : CfnNode::makeMap();
            evProps.set(QStringLiteral("Topic"), ref(w.source));
            ev.set(QStringLiteral("Properties"), evProps);
            propsOf(w.target).setPath(QStringLiteral("Events.") + name, ev);
        }
        return true;
    }
    if (target.kind == ComponentKind::SqsQueue) {
        CfnNode node = CfnNode::makeMap();
        node.set(QStringLiteral("Type"), str(QStringLiteral("AWS::SNS::Subscription")));
        CfnNode props = CfnNode::makeMap();
        props.set(QStringLiteral("Protocol"), str(QStringLiteral("sqs")));
        props.set(QStringLiteral("TopicArn"), ref(w.source));
        props.set(QStringLiteral("Endpoint"), arnOf(w.target));
        node.set(QStringLiteral("Properties"), props);
        m_extraResources.emplace_back(uniqueId(m_ids.value(w.source) + QStringLiteral("To")
                                               + m_ids.value(w.target)
                                               + QStringLiteral("Subscription")),
                                      node);
        return true;
    }
    return false;
}

bool Exporter::writeFailure(const Connection &w)
{
    const Component &s = *m_design.component(w.source);
    const Component &t = *m_design.component(w.target);
    const QString origin = w.extra.value(extra::origin).toString();
    if (w.kind == ConnectionKind::Redrive) {
        if (s.kind != ComponentKind::SqsQueue)
            return false;
        CfnNode &props = propsOf(s.id);
        props.setPath(QStringLiteral("RedrivePolicy.deadLetterTargetArn"), arnOf(t.id));
        props.setPath(QStringLiteral("RedrivePolicy.maxReceiveCount"),
                      value(w.params.value(QStringLiteral("maxReceiveCount"))));
        return true;
    }
    if (s.kind == ComponentKind::KinesisStream) {
        for (const Connection *c : m_design.outgoing(s.id)) {
            if (c->kind == ConnectionKind::EventSourceMapping)
                return true; // written on each mapping by writeMappingParams()
        }
        return false;
    }
    if (s.kind != ComponentKind::Lambda)
        return false;
    const QString type = typeOf(s);
    const QString targetType = t.kind == ComponentKind::SqsQueue   ? QStringLiteral("SQS")
                               : t.kind == ComponentKind::SnsTopic ? QStringLiteral("SNS")
                                                                   : QStringLiteral("Lambda");
    CfnNode &props = propsOf(s.id);
    if (type == QLatin1String("AWS::Lambda::Function") || origin == origin::deadLetterConfig) {
        if (t.kind == ComponentKind::Lambda)
            return false;
        props.setPath(QStringLiteral("DeadLetterConfig.TargetArn"), arnOf(t.id));
        return true;
    }
    if (origin == origin::deadLetterQueue && t.kind != ComponentKind::Lambda) {
        props.setPath(QStringLiteral("DeadLetterQueue.Type"), str(targetType));
        props.setPath(QStringLiteral("DeadLetterQueue.TargetArn"), arnOf(t.id));
        return true;
    }
    props.setPath(QStringLiteral("EventInvokeConfig.DestinationConfig.OnFailure.Type"),
                  str(targetType));
    props.setPath(QStringLiteral("EventInvokeConfig.DestinationConfig.OnFailure.Destination"),
                  arnOf(t.id));
    return true;
}

bool Exporter::writeEnvironment(const Connection &w)
{
    const Component &t = *m_design.component(w.target);
    // The target's service names the variable's suffix (_QUEUE_URL, _TOPIC_ARN, ...).
    const char *suffix = serviceModule(t.kind).samEnvSuffix;
    if (!suffix)
        return false;
    if (w.kind == ConnectionKind::SyncInvoke && t.kind != ComponentKind::Lambda)
        return false;
    propsOf(w.source).setPath(QStringLiteral("Environment.Variables.") + m_ids.value(t.id).toUpper()
                                  + QLatin1String(suffix),
                              ref(t.id));
    return true;
}

} // namespace swb::sam
