#include "model/parametercatalogue.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/samexporter_p.h"
#include "model/sam/sammapping.h"
#include "model/sam/samservice.h"
#include "model/services/registry.h"
#include "model/sfnretriers.h"

#include <QCryptographicHash>
#include <QLocale>

#include <algorithm>
#include <cmath>

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

// Template Metadata holds strings, integers, booleans, lists and maps only (cfn-lint E4002): a
// whole number is written as an integer, any other number as its shortest exact text, which the
// importer reads back as the same number.
CfnNode metadataNumber(double v)
{
    if (std::isfinite(v) && v == std::round(v) && std::fabs(v) < 9e15)
        return CfnNode::makeInteger(qlonglong(v));
    return str(QString::number(v, 'g', QLocale::FloatingPointShortest));
}

CfnNode metadataValue(const QVariant &v)
{
    if (v.typeId() == QMetaType::Double || v.typeId() == QMetaType::Float)
        return metadataNumber(v.toDouble());
    return value(v);
}

CfnNode list(std::initializer_list<CfnNode> items)
{
    CfnNode n = CfnNode::makeSequence();
    n.items = items;
    return n;
}

} // namespace

void Exporter::writeDefinition(const Component &machine, CfnNode &props)
{
    QList<const Connection *> tasks;
    for (const Connection *c : m_design.outgoing(machine.id)) {
        // Targets a Task state can call (a downstream dependency is simulated only).
        if (c->kind == ConnectionKind::ServiceIntegration
            && taskForm(m_design.component(c->target)->kind)
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
        QString resource, field, payload, policy, policyKey, substitution;
        CfnNode policyValue = ref(c->target);
        const sam::SamTask &task = *serviceModule(k).sam->task;
        resource = QLatin1String(task.resource);
        field = QLatin1String(task.targetField);
        payload = QLatin1String(task.payloadField);
        policy = QLatin1String(task.policy);
        policyKey = QLatin1String(task.policyKey);
        if (task.policyAttribute)
            policyValue = getAtt(c->target, QLatin1String(task.policyAttribute));
        substitution = QLatin1String(task.substitution);
        subs.set(target + substitution, task.substitutionAttribute ? getAtt(
                                            c->target, QLatin1String(task.substitutionAttribute))
                                                                   : ref(c->target));
        CfnNode state = CfnNode::makeMap();
        state.set(QStringLiteral("Type"), str(QStringLiteral("Task")));
        state.set(QStringLiteral("Resource"), str(resource));
        CfnNode parameters = CfnNode::makeMap();
        parameters.set(field, str(QStringLiteral("${%1%2}").arg(target, substitution)));
        parameters.set(payload, str(QStringLiteral("$")));
        state.set(QStringLiteral("Parameters"), parameters);
        const QVariantMap &p = c->params;
        QList<RetrierSpec> retriers;
        QString retriersError;
        if (parseRetriers(p.value(QStringLiteral("retriers")).toString(), &retriers, &retriersError)
            && !retriers.isEmpty()) {
            // The Task's own Retry array (model/sfnretriers.h) replaces the single retrier.
            CfnNode array = CfnNode::makeSequence();
            for (const RetrierSpec &r : retriers) {
                CfnNode retry = CfnNode::makeMap();
                CfnNode names = CfnNode::makeSequence();
                for (const QString &n : r.errorEquals)
                    names.items.push_back(str(n));
                retry.set(QStringLiteral("ErrorEquals"), names);
                retry.set(QStringLiteral("IntervalSeconds"),
                          CfnNode::makeNumber(r.intervalSeconds));
                retry.set(QStringLiteral("MaxAttempts"), CfnNode::makeInteger(r.maxAttempts));
                retry.set(QStringLiteral("BackoffRate"), CfnNode::makeNumber(r.backoffRate));
                if (r.maxDelaySeconds > 0)
                    retry.set(QStringLiteral("MaxDelaySeconds"),
                              CfnNode::makeNumber(r.maxDelaySeconds));
                if (r.fullJitter)
                    retry.set(QStringLiteral("JitterStrategy"), str(QStringLiteral("FULL")));
                array.items.push_back(retry);
            }
            state.set(QStringLiteral("Retry"), array);
        } else if (p.value(QStringLiteral("retryMaxAttempts")).toLongLong() > 0) {
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
        params.set(spec.key, metadataValue(v));
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
            settings.set(spec.key, metadataValue(v));
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
            for (const PropertyMapping &m :
                 propertyMappings(isResource(c) ? typeOf(c) : QString())) {
                if (writtenExactly(m.conversion, c.params.value(m.key)))
                    expressed.append(m.key);
            }
            if (m_timeoutOnEvents.contains(c.id))
                expressed.append(kIntegrationTimeoutKey);
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
                  list({metadataNumber(c.position.x()), metadataNumber(c.position.y())}));
        CfnNode params = CfnNode::makeMap();
        for (const ParamSpec &spec : catalogue::componentParams(c.kind)) {
            const QVariant v = c.params.value(spec.key);
            if (!expressed.contains(spec.key) && v != spec.defaultValue)
                params.set(spec.key, metadataValue(v));
        }
        if (!params.entries.empty())
            entry.set(QStringLiteral("Params"), params);
        if (m_definitionMarkers.contains(c.id))
            entry.set(QStringLiteral("GeneratedDefinition"), m_definitionMarkers.value(c.id));
        components.set(m_ids.value(c.id), entry);
    }
    meta.set(QStringLiteral("Components"), components);
    // Fault injection windows are simulation-only: kept here so a round trip restores them.
    CfnNode faults = CfnNode::makeSequence();
    for (const Fault &f : m_design.faults) {
        CfnNode entry = CfnNode::makeMap();
        entry.set(QStringLiteral("Kind"), str(faultKindId(f.kind)));
        if (const Connection *wire = m_design.connection(f.target)) {
            // An outage of one SNS subscription: its topic, and the endpoint that fails.
            entry.set(QStringLiteral("Target"), str(m_ids.value(wire->source)));
            entry.set(QStringLiteral("Endpoint"), str(m_ids.value(wire->target)));
        } else {
            entry.set(QStringLiteral("Target"), str(m_ids.value(f.target)));
        }
        entry.set(QStringLiteral("Start"), metadataNumber(f.start));
        entry.set(QStringLiteral("Duration"), metadataNumber(f.duration));
        entry.set(QStringLiteral("ErrorRate"), metadataNumber(f.errorRate));
        entry.set(QStringLiteral("DurationFactor"), metadataNumber(f.durationFactor));
        entry.set(QStringLiteral("RateFactor"), metadataNumber(f.rateFactor));
        faults.items.push_back(entry);
    }
    if (!faults.items.empty())
        meta.set(QStringLiteral("Faults"), faults);
    if (!m_wiresMeta.items.empty())
        meta.set(QStringLiteral("Wires"), m_wiresMeta);
    return meta;
}

} // namespace swb::sam
