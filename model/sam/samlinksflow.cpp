#include "model/parametercatalogue.h"
#include "model/referencedfile.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/samimporter_p.h"
#include "model/sam/sammapping.h"
#include "model/sfnretriers.h"
#include "model/wiringrules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <functional>

// Wires read from state machine definitions, API integrations, environment variables and
// Metadata.ServerlessWorkbench. Unlike samlinks.cpp, these references stay in content kept
// verbatim (origin "kept"), so the exporter writes nothing for them.

namespace swb::sam {

namespace {

ConnectionKind naturalKindTo(ComponentKind target)
{
    return target == ComponentKind::Lambda ? ConnectionKind::SyncInvoke
                                           : ConnectionKind::ServiceIntegration;
}

// A value of a Retry array as JSON: plain scalars that read as numbers become numbers, the rest
// strings (quoted YAML stays a string), so sfnretriers.h checks every field with its range.
QJsonValue retryValue(const CfnNode &node)
{
    switch (node.type) {
    case CfnNode::Type::Null:
        return QJsonValue::Null;
    case CfnNode::Type::Scalar: {
        bool isNumber = false;
        const double v = node.scalar.toDouble(&isNumber);
        if (isNumber && !node.quoted && node.tag.isEmpty())
            return v;
        return node.scalar;
    }
    case CfnNode::Type::Sequence: {
        QJsonArray array;
        for (const CfnNode &item : node.items)
            array.append(retryValue(item));
        return array;
    }
    case CfnNode::Type::Map: {
        QJsonObject object;
        for (const auto &[key, value] : node.entries)
            object.insert(key, retryValue(value));
        return object;
    }
    }
    return QJsonValue::Null;
}

// A Retry array that is more than one States.ALL retrier is kept whole in the wire's "retriers"
// parameter (model/sfnretriers.h); one AWS would refuse is reported and left out. The array is
// checked by the parameter's own parser, never converted here.
void importRetriers(const CfnNode &retry, const QString &where, Connection *c, QStringList *notes)
{
    const QString text = QString::fromUtf8(
        QJsonDocument(retryValue(retry).toArray()).toJson(QJsonDocument::Compact));
    QList<RetrierSpec> specs;
    QString why;
    if (!parseRetriers(text, &specs, &why)) {
        notes->append(
            QStringLiteral("%1.Retry: %2; only its first retrier is used").arg(where, why));
        return;
    }
    if (specs.size() == 1 && specs[0].errorEquals == QStringList{QStringLiteral("States.ALL")})
        return; // the single retry fields hold it
    c->params.insert(QStringLiteral("retriers"), retriersToJson(specs));
}

} // namespace

namespace {

// The text of a DefinitionString: a plain string, !Sub "..." (its variables become
// substitutions) or !Join ["", [...]] (non-text parts become ${__partN} substitutions).
QString definitionText(const CfnNode &node, CfnNode *subs)
{
    if (node.isScalar() && node.tag.isEmpty())
        return node.scalar;
    Intrinsic call;
    if (!asIntrinsic(node, &call))
        return {};
    const CfnNode &arg = *call.argument;
    if (call.name == QLatin1String("Sub")) {
        if (arg.isScalar())
            return arg.scalar;
        if (arg.isSequence() && !arg.items.empty()) {
            if (arg.items.size() > 1 && arg.items[1].isMap()) {
                for (const auto &[key, value] : arg.items[1].entries)
                    subs->set(key, value);
            }
            return arg.items.front().scalar;
        }
    }
    if (call.name == QLatin1String("Join") && arg.isSequence() && arg.items.size() == 2) {
        QStringList parts;
        int n = 0;
        for (const CfnNode &part : arg.items[1].items) {
            if (part.isScalar() && part.tag.isEmpty()) {
                parts.append(part.scalar);
            } else {
                const QString key = QStringLiteral("__part%1").arg(n++);
                subs->set(key, part);
                parts.append(QStringLiteral("${%1}").arg(key));
            }
        }
        return parts.join(arg.items[0].scalar);
    }
    return {};
}

// Task state Resource -> the Parameters field naming what it calls, for the optimised
// integrations the workbench models (Step Functions "Call other AWS services").
QString targetField(const QString &resource)
{
    if (resource.startsWith(QLatin1String("arn:aws:states:::lambda:invoke")))
        return QStringLiteral("FunctionName");
    if (resource.startsWith(QLatin1String("arn:aws:states:::sqs:sendMessage")))
        return QStringLiteral("QueueUrl");
    if (resource.startsWith(QLatin1String("arn:aws:states:::sns:publish")))
        return QStringLiteral("TopicArn");
    if (resource.startsWith(QLatin1String("arn:aws:states:::states:startExecution")))
        return QStringLiteral("StateMachineArn");
    return {};
}

} // namespace

void Importer::walkStates(ComponentId machine, const CfnNode &states, const CfnNode *subs,
                          const QString &where, int *order)
{
    for (const auto &[stateName, state] : states.entries) {
        const CfnNode *type = state.get(QStringLiteral("Type"));
        const QString stateWhere = where + QStringLiteral(".States.") + stateName;
        if (type && type->scalar == QLatin1String("Parallel")) {
            if (const CfnNode *branches = state.get(QStringLiteral("Branches"))) {
                for (const CfnNode &branch : branches->items) {
                    if (const CfnNode *s = branch.get(QStringLiteral("States")))
                        walkStates(machine, *s, subs, stateWhere, order);
                }
            }
            continue;
        }
        if (type && type->scalar == QLatin1String("Map")) {
            for (const char *key : {"Iterator.States", "ItemProcessor.States"}) {
                if (const CfnNode *s = state.path(QLatin1String(key)))
                    walkStates(machine, *s, subs, stateWhere, order);
            }
            continue;
        }
        if (!type || type->scalar != QLatin1String("Task"))
            continue;
        const CfnNode *resource = state.get(QStringLiteral("Resource"));
        if (!resource)
            continue;
        const CfnNode *targetNode = resource;
        if (resource->isScalar() && resource->tag.isEmpty()) {
            const QString field = targetField(resource->scalar);
            if (!field.isEmpty()) {
                targetNode = state.path(QStringLiteral("Parameters.") + field);
                if (!targetNode) {
                    m_report.unresolved.append(QStringLiteral("%1: Parameters.%2 is computed "
                                                              "at run time; no wire")
                                                   .arg(stateWhere, field));
                    continue;
                }
            } else if (resource->scalar.startsWith(QLatin1String("arn:aws:states:::"))) {
                continue; // another service integration (DynamoDB, PutEvents to a bus...): kept
            }
        }
        const ComponentId target = resolve(*targetNode, subs);
        if (!target) {
            m_report.unresolved.append(QStringLiteral("%1: calls something that is not a "
                                                      "resource of this template; no wire")
                                           .arg(stateWhere));
            continue;
        }
        const ComponentId before =
            m_design.connections.isEmpty() ? InvalidId : m_design.connections.lastKey();
        const ConnectionId id =
            addWire(machine, target, ConnectionKind::ServiceIntegration, stateWhere,
                    {{extra::origin, origin::kept}, {extra::name, stateName}});
        if (!id)
            continue;
        if (id <= before) {
            m_report.notes.append(QStringLiteral("%1 calls %2 again; one wire stands for both "
                                                 "states")
                                      .arg(stateWhere, logicalIdOf(target)));
            continue;
        }
        Connection *c = wire(id);
        const ComponentKind sourceKind = ComponentKind::StepFunctions;
        const QList<ParamSpec> &specs = catalogue::connectionParams(c->kind, sourceKind);
        setParam(c->params, QStringLiteral("order"), specs, ++*order, stateWhere);
        const CfnNode *retry = state.get(QStringLiteral("Retry"));
        if (retry && retry->isSequence() && !retry->items.empty()) {
            const CfnNode &r = retry->items.front();
            const std::pair<const char *, const char *> fields[] = {
                {"IntervalSeconds", "retryInterval"}, {"MaxAttempts", "retryMaxAttempts"},
                {"BackoffRate", "retryBackoffRate"},  {"MaxDelaySeconds", "retryMaxDelay"},
                {"JitterStrategy", "retryJitter"},
            };
            for (const auto &[field, key] : fields) {
                const CfnNode *v = r.get(QLatin1String(field));
                if (v && v->isScalar())
                    setParam(c->params, QLatin1String(key), specs, v->scalar,
                             stateWhere + QStringLiteral(".Retry[0].") + QLatin1String(field));
            }
            importRetriers(*retry, stateWhere, c, &m_report.notes);
        } else {
            c->params.insert(QStringLiteral("retryMaxAttempts"), qlonglong(0));
        }
        const CfnNode *catchers = state.get(QStringLiteral("Catch"));
        c->params.insert(QStringLiteral("catch"),
                         catchers && catchers->isSequence() && !catchers->items.empty());
    }
}

void Importer::linkStateMachineDefinitions()
{
    for (const QString &logicalId : std::as_const(m_order)) {
        const QString type = m_types.value(logicalId);
        if (type != QLatin1String("AWS::Serverless::StateMachine")
            && type != QLatin1String("AWS::StepFunctions::StateMachine"))
            continue;
        const CfnNode *props = m_kept[logicalId].get(QStringLiteral("Properties"));
        if (!props)
            continue;
        const QString where = QStringLiteral("Resources.%1.Properties").arg(logicalId);
        CfnNode subs = props->get(QStringLiteral("DefinitionSubstitutions"))
                           ? *props->get(QStringLiteral("DefinitionSubstitutions"))
                           : CfnNode::makeMap();
        CfnNode definition;
        if (const CfnNode *inlineDef = props->get(QStringLiteral("Definition"))) {
            definition = *inlineDef;
        } else if (const CfnNode *text = props->get(QStringLiteral("DefinitionString"))) {
            ParseResult parsed = parseCfn(definitionText(*text, &subs).toUtf8());
            if (!parsed.ok) {
                m_report.unresolved.append(QStringLiteral("%1.DefinitionString: not readable "
                                                          "(%2); no Task wires")
                                               .arg(where, parsed.error));
                continue;
            }
            definition = parsed.root;
        } else if (const CfnNode *uri = props->get(QStringLiteral("DefinitionUri"))) {
            // A local definition file is read when it is a regular file inside the template's
            // folder, up to the template size bound (referencedfile.h); a missing or outside one
            // is reported by checkReferencedFiles(), anything else here.
            QByteArray bytes;
            QString why;
            const ResolvedReference ref =
                uri->isScalar() && uri->tag.isEmpty() && isLocalPath(uri->scalar)
                    ? resolveReference(uri->scalar.trimmed(), m_access)
                    : ResolvedReference();
            if (ref.status != ResolvedReference::Status::Inside) {
                linkSubstitutionsOnly(m_byLogicalId.value(logicalId), subs, where);
                continue;
            }
            if (!readReferencedFile(uri->scalar.trimmed(), m_access, &bytes, &why)) {
                m_report.unresolved.append(
                    QStringLiteral("%1.DefinitionUri: %2; no Task wires").arg(where, why));
                linkSubstitutionsOnly(m_byLogicalId.value(logicalId), subs, where);
                continue;
            }
            ParseResult parsed = parseCfn(bytes);
            if (!parsed.ok) {
                m_report.unresolved.append(
                    QStringLiteral("%1.DefinitionUri: %2").arg(where, parsed.error));
                continue;
            }
            definition = parsed.root;
        } else {
            continue;
        }
        const CfnNode *states = definition.get(QStringLiteral("States"));
        int order = 0;
        if (states)
            walkStates(m_byLogicalId.value(logicalId), *states, &subs,
                       where + QStringLiteral(".Definition"), &order);
    }
}

// The definition file is not available: the functions, queues, topics and state machines its
// DefinitionSubstitutions name are what its Task states call. Their order is assumed to be the
// substitutions' order (reported).
void Importer::linkSubstitutionsOnly(ComponentId machine, const CfnNode &subs, const QString &where)
{
    int order = 0;
    for (const auto &[name, value] : subs.entries) {
        for (ComponentId target : resolveAll(value)) {
            const ComponentKind kind = m_design.component(target)->kind;
            if (kind != ComponentKind::Lambda && kind != ComponentKind::SqsQueue
                && kind != ComponentKind::SnsTopic && kind != ComponentKind::StepFunctions)
                continue;
            const ComponentId before =
                m_design.connections.isEmpty() ? InvalidId : m_design.connections.lastKey();
            const ConnectionId id =
                addWire(machine, target, ConnectionKind::ServiceIntegration,
                        where + QStringLiteral(".DefinitionSubstitutions.") + name,
                        {{extra::origin, origin::kept}});
            if (!id || id <= before)
                continue;
            wire(id)->params.insert(QStringLiteral("order"), qlonglong(++order));
        }
    }
    if (order > 0)
        m_report.notes.append(QStringLiteral("%1.DefinitionUri: the definition is not available; "
                                             "%2 Task wire(s) inferred from "
                                             "DefinitionSubstitutions, in their order")
                                  .arg(where)
                                  .arg(order));
}

void Importer::linkApiIntegrations()
{
    const auto link = [this](ComponentId api, const CfnNode &integration, const QString &where) {
        CfnNode scan = integration;
        for (const char *key : {"credentials", "Credentials", "CredentialsArn"})
            scan.remove(QLatin1String(key));
        for (ComponentId target : resolveAll(scan)) {
            if (target == api || m_design.component(target)->kind == ComponentKind::ApiGateway)
                continue;
            addWire(api, target, naturalKindTo(m_design.component(target)->kind), where,
                    {{extra::origin, origin::kept}});
        }
    };
    // OpenAPI bodies: every x-amazon-apigateway-integration object.
    const std::function<void(ComponentId, const CfnNode &, const QString &, int)> scanBody =
        [&](ComponentId api, const CfnNode &node, const QString &where, int depth) {
            if (depth > 64)
                return;
            for (const auto &[key, child] : node.entries) {
                if (key == QLatin1String("x-amazon-apigateway-integration"))
                    link(api, child, where);
                else
                    scanBody(api, child, where + QLatin1Char('.') + key, depth + 1);
            }
            for (const CfnNode &child : node.items)
                scanBody(api, child, where, depth + 1);
        };
    const CfnNode &resources = *m_root.get(QStringLiteral("Resources"));
    for (const auto &[logicalId, resource] : resources.entries) {
        const QString type = m_types.value(logicalId);
        const CfnNode *props = resource.get(QStringLiteral("Properties"));
        if (!props)
            continue;
        const QString where = QStringLiteral("Resources.%1.Properties").arg(logicalId);
        if (const ComponentId api = m_byLogicalId.value(logicalId);
            api && m_design.component(api)->kind == ComponentKind::ApiGateway) {
            for (const char *key : {"DefinitionBody", "Body"}) {
                if (const CfnNode *body = props->get(QLatin1String(key)))
                    scanBody(api, *body, where + QLatin1Char('.') + QLatin1String(key), 0);
            }
            continue;
        }
        QString apiKey;
        QStringList integrationKeys;
        if (type == QLatin1String("AWS::ApiGateway::Method")) {
            apiKey = QStringLiteral("RestApiId");
            integrationKeys = {QStringLiteral("Integration")};
        } else if (type == QLatin1String("AWS::ApiGatewayV2::Integration")) {
            apiKey = QStringLiteral("ApiId");
            integrationKeys = {QStringLiteral("IntegrationUri"),
                               QStringLiteral("RequestParameters"),
                               QStringLiteral("RequestTemplates")};
        } else {
            continue;
        }
        const CfnNode *apiRef = props->get(apiKey);
        const ComponentId api = apiRef ? resolve(*apiRef) : InvalidId;
        if (!api || m_design.component(api)->kind != ComponentKind::ApiGateway)
            continue; // e.g. a WebSocket API, kept as written
        CfnNode integration = CfnNode::makeMap();
        for (const QString &key : std::as_const(integrationKeys)) {
            if (const CfnNode *n = props->get(key))
                integration.set(key, *n);
        }
        link(api, integration, QStringLiteral("Resources.%1").arg(logicalId));
    }
}

void Importer::linkEnvironment()
{
    for (const QString &logicalId : std::as_const(m_order)) {
        const QString type = m_types.value(logicalId);
        if (type != QLatin1String("AWS::Serverless::Function")
            && type != QLatin1String("AWS::Lambda::Function"))
            continue;
        const CfnNode *props = m_kept[logicalId].get(QStringLiteral("Properties"));
        const CfnNode *vars =
            props ? props->path(QStringLiteral("Environment.Variables")) : nullptr;
        if (!vars)
            continue;
        const ComponentId function = m_byLogicalId.value(logicalId);
        for (const auto &[name, value] : vars->entries) {
            for (ComponentId target : resolveAll(value)) {
                const ComponentKind kind = m_design.component(target)->kind;
                if (target == function || kind == ComponentKind::ApiGateway)
                    continue;
                // A function told the name of the queue or stream it reads from does not send
                // to it: skip targets already wired into this function.
                bool feedsFunction = false;
                for (const Connection *c : m_design.incoming(function))
                    feedsFunction = feedsFunction || c->source == target;
                if (feedsFunction)
                    continue;
                addWire(function, target, naturalKindTo(kind),
                        QStringLiteral("Resources.%1.Properties.Environment.Variables.%2")
                            .arg(logicalId, name),
                        {{extra::origin, origin::kept}});
            }
        }
    }
}

void Importer::linkWorkbenchWires()
{
    const CfnNode *wires = m_workbench.get(QStringLiteral("Wires"));
    if (!wires)
        return;
    for (size_t i = 0; i < wires->items.size(); ++i) {
        const CfnNode &entry = wires->items[i];
        const QString where = QStringLiteral("Metadata.%1.Wires[%2]").arg(kMetadataKey).arg(i);
        const CfnNode *s = entry.get(QStringLiteral("Source"));
        const CfnNode *t = entry.get(QStringLiteral("Target"));
        const CfnNode *k = entry.get(QStringLiteral("Kind"));
        ConnectionKind kind;
        const ComponentId source = s ? m_byLogicalId.value(s->scalar) : InvalidId;
        const ComponentId target = t ? m_byLogicalId.value(t->scalar) : InvalidId;
        if (!source || !target || !k || !connectionKindFromId(k->scalar, &kind)) {
            m_report.unresolved.append(QStringLiteral("%1: source, target or kind unknown; "
                                                      "ignored")
                                           .arg(where));
            continue;
        }
        ConnectionId id = InvalidId;
        for (const Connection &c : std::as_const(m_design.connections)) {
            if (c.source == source && c.target == target && c.kind == kind)
                id = c.id;
        }
        const CfnNode *expressed = entry.get(QStringLiteral("Expressed"));
        if (!id && expressed && expressed->scalar == QLatin1String("true"))
            continue; // its template expression was removed by hand: the wire goes too
        if (!id)
            id = addWire(source, target, kind, where, {{extra::origin, origin::metadata}});
        if (!id)
            continue;
        Connection *c = wire(id);
        const QList<ParamSpec> &specs =
            catalogue::connectionParams(kind, m_design.component(source)->kind);
        if (const CfnNode *params = entry.get(QStringLiteral("Params"))) {
            for (const auto &[key, value] : params->entries)
                setParam(c->params, key, specs, value.scalar,
                         where + QStringLiteral(".Params.") + key);
        }
    }
}

} // namespace swb::sam
