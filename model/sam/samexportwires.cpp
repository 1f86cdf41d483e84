#include "model/parametercatalogue.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/samexporter_p.h"
#include "model/sam/sammapping.h"

#include <QCryptographicHash>

#include <algorithm>

namespace swb::sam {

namespace {

CfnNode str(const QString &text)
{
    return CfnNode::makeString(text);
}

CfnNode parseKept(const QVariant &text)
{
    if (text.toString().isEmpty())
        return CfnNode::makeMap();
    ParseResult parsed = parseCfn(text.toString().toUtf8());
    return parsed.ok && parsed.root.isMap() ? parsed.root : CfnNode::makeMap();
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
            expressed =
                m_generatedDefinitions.contains(s.id) && t.kind != ComponentKind::Downstream;
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
        expressed = writeSubscription(w);
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
        ev.set(QStringLiteral("Properties"), evProps);
        props.setPath(QStringLiteral("Events.") + name, ev);
    }
    return true;
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
    QString suffix;
    switch (t.kind) {
    case ComponentKind::Lambda:
        suffix = QStringLiteral("_FUNCTION_NAME");
        break;
    case ComponentKind::SqsQueue:
        suffix = QStringLiteral("_QUEUE_URL");
        break;
    case ComponentKind::SnsTopic:
        suffix = QStringLiteral("_TOPIC_ARN");
        break;
    case ComponentKind::KinesisStream:
        suffix = QStringLiteral("_STREAM_NAME");
        break;
    case ComponentKind::StepFunctions:
        suffix = QStringLiteral("_STATE_MACHINE_ARN");
        break;
    default:
        return false;
    }
    if (w.kind == ConnectionKind::SyncInvoke && t.kind != ComponentKind::Lambda)
        return false;
    propsOf(w.source).setPath(
        QStringLiteral("Environment.Variables.") + m_ids.value(t.id).toUpper() + suffix, ref(t.id));
    return true;
}

void Exporter::writeDefinition(const Component &machine, CfnNode &props)
{
    QList<const Connection *> tasks;
    for (const Connection *c : m_design.outgoing(machine.id)) {
        const ComponentKind k = m_design.component(c->target)->kind;
        if (c->kind == ConnectionKind::ServiceIntegration && k != ComponentKind::Downstream
            && c->extra.value(extra::origin).toString() != origin::metadata)
            tasks.append(c);
    }
    std::stable_sort(tasks.begin(), tasks.end(), [](const Connection *a, const Connection *b) {
        return a->params.value(QStringLiteral("order")).toLongLong()
               < b->params.value(QStringLiteral("order")).toLongLong();
    });
    CfnNode states = CfnNode::makeMap();
    CfnNode subs = CfnNode::makeMap();
    CfnNode policies = CfnNode::makeSequence();
    QStringList names;
    bool anyCatch = false;
    for (const Connection *c : std::as_const(tasks)) {
        const QString target = m_ids.value(c->target);
        const ComponentKind k = m_design.component(c->target)->kind;
        QString resource, field, payload, policy, policyKey;
        CfnNode policyValue = ref(c->target);
        switch (k) {
        case ComponentKind::SqsQueue:
            resource = QStringLiteral("arn:aws:states:::sqs:sendMessage");
            field = QStringLiteral("QueueUrl");
            payload = QStringLiteral("MessageBody.$");
            policy = QStringLiteral("SQSSendMessagePolicy");
            policyKey = QStringLiteral("QueueName");
            policyValue = getAtt(c->target, QStringLiteral("QueueName"));
            subs.set(target + QStringLiteral("Url"), ref(c->target));
            break;
        case ComponentKind::SnsTopic:
            resource = QStringLiteral("arn:aws:states:::sns:publish");
            field = QStringLiteral("TopicArn");
            payload = QStringLiteral("Message.$");
            policy = QStringLiteral("SNSPublishMessagePolicy");
            policyKey = QStringLiteral("TopicName");
            policyValue = getAtt(c->target, QStringLiteral("TopicName"));
            subs.set(target + QStringLiteral("Arn"), ref(c->target));
            break;
        case ComponentKind::StepFunctions:
            resource = QStringLiteral("arn:aws:states:::states:startExecution");
            field = QStringLiteral("StateMachineArn");
            payload = QStringLiteral("Input.$");
            policy = QStringLiteral("StepFunctionsExecutionPolicy");
            policyKey = QStringLiteral("StateMachineName");
            policyValue = getAtt(c->target, QStringLiteral("Name"));
            subs.set(target + QStringLiteral("Arn"), ref(c->target));
            break;
        default:
            resource = QStringLiteral("arn:aws:states:::lambda:invoke");
            field = QStringLiteral("FunctionName");
            payload = QStringLiteral("Payload.$");
            policy = QStringLiteral("LambdaInvokePolicy");
            policyKey = QStringLiteral("FunctionName");
            subs.set(target + QStringLiteral("Arn"), getAtt(c->target, QStringLiteral("Arn")));
            break;
        }
        CfnNode state = CfnNode::makeMap();
        state.set(QStringLiteral("Type"), str(QStringLiteral("Task")));
        state.set(QStringLiteral("Resource"), str(resource));
        CfnNode parameters = CfnNode::makeMap();
        parameters.set(field, str(QStringLiteral("${%1%2}").arg(
                                  target, k == ComponentKind::SqsQueue ? QStringLiteral("Url")
                                                                       : QStringLiteral("Arn"))));
        parameters.set(payload, str(QStringLiteral("$")));
        state.set(QStringLiteral("Parameters"), parameters);
        const QVariantMap &p = c->params;
        if (p.value(QStringLiteral("retryMaxAttempts")).toLongLong() > 0) {
            CfnNode retry = CfnNode::makeMap();
            retry.set(QStringLiteral("ErrorEquals"), list({str(QStringLiteral("States.ALL"))}));
            retry.set(QStringLiteral("IntervalSeconds"),
                      value(p.value(QStringLiteral("retryInterval"))));
            retry.set(QStringLiteral("MaxAttempts"),
                      value(p.value(QStringLiteral("retryMaxAttempts"))));
            retry.set(QStringLiteral("BackoffRate"),
                      value(p.value(QStringLiteral("retryBackoffRate"))));
            if (p.value(QStringLiteral("retryMaxDelay")).toLongLong() > 0)
                retry.set(QStringLiteral("MaxDelaySeconds"),
                          value(p.value(QStringLiteral("retryMaxDelay"))));
            if (p.value(QStringLiteral("retryJitter")).toString() == QLatin1String("FULL"))
                retry.set(QStringLiteral("JitterStrategy"), str(QStringLiteral("FULL")));
            state.set(QStringLiteral("Retry"), list({retry}));
        }
        if (p.value(QStringLiteral("catch")).toBool()) {
            anyCatch = true;
            CfnNode catcher = CfnNode::makeMap();
            catcher.set(QStringLiteral("ErrorEquals"), list({str(QStringLiteral("States.ALL"))}));
            catcher.set(QStringLiteral("Next"), str(QStringLiteral("Fallback")));
            state.set(QStringLiteral("Catch"), list({catcher}));
        }
        QString name = QStringLiteral("Call") + target;
        while (names.contains(name))
            name += QLatin1Char('_');
        names.append(name);
        states.set(name, state);
        CfnNode policyEntry = CfnNode::makeMap();
        CfnNode policyArgs = CfnNode::makeMap();
        policyArgs.set(policyKey, policyValue);
        policyEntry.set(policy, policyArgs);
        policies.items.push_back(policyEntry);
    }
    for (int i = 0; i < names.size(); ++i) {
        CfnNode *state = states.get(names[i]);
        if (i + 1 < names.size())
            state->set(QStringLiteral("Next"), str(names[i + 1]));
        else
            state->set(QStringLiteral("End"), CfnNode::makeBool(true));
    }
    if (names.isEmpty() || anyCatch) {
        CfnNode pass = CfnNode::makeMap();
        pass.set(QStringLiteral("Type"), str(QStringLiteral("Pass")));
        pass.set(QStringLiteral("End"), CfnNode::makeBool(true));
        states.set(names.isEmpty() ? QStringLiteral("Done") : QStringLiteral("Fallback"), pass);
    }
    CfnNode definition = CfnNode::makeMap();
    definition.set(
        QStringLiteral("Comment"),
        str(QStringLiteral("Task chain of '%1' (Serverless Workbench)").arg(machine.name)));
    definition.set(QStringLiteral("StartAt"),
                   str(names.isEmpty() ? QStringLiteral("Done") : names.first()));
    definition.set(QStringLiteral("States"), states);
    props.set(QStringLiteral("Definition"), definition);
    if (!subs.entries.empty())
        props.set(QStringLiteral("DefinitionSubstitutions"), subs);
    QStringList generated = {QStringLiteral("Definition")};
    if (!subs.entries.empty())
        generated.append(QStringLiteral("DefinitionSubstitutions"));
    if (!policies.items.empty() && !props.get(QStringLiteral("Policies"))
        && !props.get(QStringLiteral("Role")) && !props.get(QStringLiteral("RoleArn"))) {
        props.set(QStringLiteral("Policies"), policies);
        generated.append(QStringLiteral("Policies"));
    }
    // Metadata remembers what was generated, so an import can tell it from a definition the user
    // has since edited by hand (then it is kept as written).
    CfnNode marker = CfnNode::makeMap();
    CfnNode keys = CfnNode::makeSequence();
    for (const QString &key : std::as_const(generated))
        keys.items.push_back(str(key));
    marker.set(QStringLiteral("Keys"), keys);
    marker.set(QStringLiteral("Sha1"), str(generatedHash(props, generated)));
    m_definitionMarkers.insert(machine.id, marker);
}

QString generatedHash(const CfnNode &props, const QStringList &keys)
{
    CfnNode subset = CfnNode::makeMap();
    for (const QString &key : keys) {
        if (const CfnNode *n = props.get(key))
            subset.set(key, *n);
    }
    return QString::fromLatin1(
        QCryptographicHash::hash(emitCfnYaml(subset), QCryptographicHash::Sha1).toHex());
}

void Exporter::addWireMetadata(const Connection &w, bool expressed, bool expressedInFlag,
                               const QStringList &expressedKeys, bool allParams)
{
    const ComponentKind sourceKind = m_design.component(w.source)->kind;
    CfnNode params = CfnNode::makeMap();
    for (const ParamSpec &spec : catalogue::connectionParams(w.kind, sourceKind)) {
        const QVariant v = w.params.value(spec.key);
        if (expressedKeys.contains(spec.key) || (!allParams && v == spec.defaultValue))
            continue;
        params.set(spec.key, value(v));
    }
    if (expressed && params.entries.empty())
        return;
    CfnNode entry = CfnNode::makeMap();
    entry.set(QStringLiteral("Source"), str(m_ids.value(w.source)));
    entry.set(QStringLiteral("Target"), str(m_ids.value(w.target)));
    entry.set(QStringLiteral("Kind"), str(connectionKindId(w.kind)));
    entry.set(QStringLiteral("Expressed"), CfnNode::makeBool(expressedInFlag));
    if (!params.entries.empty())
        entry.set(QStringLiteral("Params"), params);
    m_wiresMeta.items.push_back(entry);
}

CfnNode Exporter::workbenchMetadata() const
{
    CfnNode meta = CfnNode::makeMap();
    meta.set(QStringLiteral("Version"), CfnNode::makeInteger(1));
    CfnNode project = CfnNode::makeMap();
    project.set(QStringLiteral("Name"), str(m_design.name));
    CfnNode settings = CfnNode::makeMap();
    for (const ParamSpec &spec : catalogue::projectParams()) {
        const QVariant v = m_design.setting(spec.key);
        if (v != spec.defaultValue)
            settings.set(spec.key, value(v));
    }
    if (!settings.entries.empty())
        project.set(QStringLiteral("Settings"), settings);
    meta.set(QStringLiteral("Project"), project);
    // Resources, then SAM's implicit APIs, then blocks that are not AWS resources: the order in
    // which an import creates them, so a second export writes the same text.
    QList<const Component *> ordered;
    for (int pass = 0; pass < 3; ++pass) {
        for (const Component &c : m_design.components) {
            const bool aws =
                c.kind != ComponentKind::TrafficSource && c.kind != ComponentKind::Downstream;
            if ((pass == 0 && isResource(c)) || (pass == 1 && aws && !isResource(c))
                || (pass == 2 && !aws))
                ordered.append(&c);
        }
    }
    CfnNode components = CfnNode::makeMap();
    for (const Component *block : std::as_const(ordered)) {
        const Component &c = *block;
        const bool aws =
            c.kind != ComponentKind::TrafficSource && c.kind != ComponentKind::Downstream;
        QStringList expressed;
        if (aws) {
            for (const PropertyMapping &m : propertyMappings(isResource(c) ? typeOf(c) : QString()))
                expressed.append(m.key);
            if (c.kind == ComponentKind::ApiGateway)
                expressed.append(QStringLiteral("type"));
            if (c.params.value(QStringLiteral("capacityMode")).toString()
                == QLatin1String("On-demand"))
                expressed.removeAll(QStringLiteral("shards"));
        }
        CfnNode entry = CfnNode::makeMap();
        if (!aws)
            entry.set(QStringLiteral("Kind"), str(componentKindId(c.kind)));
        entry.set(QStringLiteral("Name"), str(c.name));
        entry.set(QStringLiteral("Position"),
                  list({CfnNode::makeNumber(c.position.x()), CfnNode::makeNumber(c.position.y())}));
        CfnNode params = CfnNode::makeMap();
        for (const ParamSpec &spec : catalogue::componentParams(c.kind)) {
            const QVariant v = c.params.value(spec.key);
            if (!expressed.contains(spec.key) && v != spec.defaultValue)
                params.set(spec.key, value(v));
        }
        if (!params.entries.empty())
            entry.set(QStringLiteral("Params"), params);
        if (m_definitionMarkers.contains(c.id))
            entry.set(QStringLiteral("GeneratedDefinition"), m_definitionMarkers.value(c.id));
        components.set(m_ids.value(c.id), entry);
    }
    meta.set(QStringLiteral("Components"), components);
    if (!m_wiresMeta.items.empty())
        meta.set(QStringLiteral("Wires"), m_wiresMeta);
    return meta;
}

} // namespace swb::sam
