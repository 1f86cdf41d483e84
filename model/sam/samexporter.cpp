#include "model/sam/samexporter.h"

#include "model/atomicfile.h"
#include "model/parametercatalogue.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/samexporter_p.h"
#include "model/sam/samimporter.h"
#include "model/sam/sammapping.h"
#include "model/sam/samservice.h"
#include "model/sam/samtarget.h"
#include "model/services/registry.h"

namespace swb::sam {

namespace {

CfnNode str(const QString &text)
{
    return CfnNode::makeString(text);
}

} // namespace

CfnNode Exporter::ref(ComponentId id) const
{
    return CfnNode::makeTagged(QStringLiteral("Ref"), str(m_ids.value(id)));
}

CfnNode Exporter::getAtt(ComponentId id, const QString &attribute) const
{
    return CfnNode::makeTagged(QStringLiteral("GetAtt"),
                               str(m_ids.value(id) + QLatin1Char('.') + attribute));
}

// The value AWS wants where an ARN is expected: topics and state machines return it from Ref.
CfnNode Exporter::arnOf(ComponentId id) const
{
    const ComponentKind kind = m_design.component(id)->kind;
    if (kind == ComponentKind::SnsTopic || kind == ComponentKind::StepFunctions)
        return ref(id);
    return getAtt(id, QStringLiteral("Arn"));
}

Exporter::Exporter(const Design &design)
    : m_design(design)
{
    m_root = parseKept(design.extra.value(extra::templateText));
    QSet<QString> &used = m_used;
    if (const CfnNode *resources = m_root.get(QStringLiteral("Resources"))) {
        for (const auto &entry : resources->entries)
            used.insert(entry.first);
    }
    for (const Component &c : design.components) {
        QString id = c.extra.value(extra::logicalId).toString();
        if (id.isEmpty())
            id = sanitizeLogicalId(c.name);
        const QString base = id;
        for (int n = 2; used.contains(id); ++n)
            id = base + QString::number(n);
        used.insert(id);
        m_ids.insert(c.id, id);
    }
}

QString Exporter::resourceType(ComponentId id) const
{
    const Component *c = m_design.component(id);
    return c && isResource(*c) ? typeOf(*c) : QString();
}

QString Exporter::addResource(const QString &base, const CfnNode &node)
{
    const QString id = uniqueId(base);
    m_extraResources.emplace_back(id, node);
    return id;
}

bool Exporter::isResource(const Component &c) const
{
    return c.kind != ComponentKind::TrafficSource && c.kind != ComponentKind::Downstream
           && !c.extra.value(extra::implicitApi).toBool();
}

QString Exporter::typeOf(const Component &c) const
{
    const QString kept = c.extra.value(extra::type).toString();
    ComponentKind kind;
    if (!kept.isEmpty() && componentKindForType(kept, &kind) && kind == c.kind) {
        if (c.kind != ComponentKind::ApiGateway)
            return kept;
        const bool keptHttp = kept == QLatin1String("AWS::Serverless::HttpApi")
                              || kept == QLatin1String("AWS::ApiGatewayV2::Api");
        if (keptHttp
            == (c.params.value(QStringLiteral("type")).toString() == QLatin1String("HTTP")))
            return kept;
    }
    return defaultTypeFor(c.kind, c.params);
}

QByteArray Exporter::run()
{
    CfnNode resources = CfnNode::makeMap();
    for (const Component &c : m_design.components) {
        if (!isResource(c))
            continue;
        CfnNode node = CfnNode::makeMap();
        node.set(QStringLiteral("Type"), str(typeOf(c)));
        const CfnNode kept = parseKept(c.extra.value(extra::resource));
        for (const auto &[key, value] : kept.entries)
            node.set(key, value);
        if (!node.get(QStringLiteral("Properties")))
            node.set(QStringLiteral("Properties"), CfnNode::makeMap());
        m_resources.insert(c.id, node);
        if (c.kind == ComponentKind::StepFunctions && !hasKeptDefinition(c.id))
            m_generatedDefinitions.insert(c.id);
    }
    // Order matters for a stable round trip: what an import keeps (including the required
    // properties added here) comes first, then the modelled parameters and the wires, which an
    // import removes and the next export appends again.
    for (const Component &c : m_design.components) {
        if (isResource(c))
            completeRequired(c, m_resources[c.id]);
    }
    for (const Component &c : m_design.components) {
        if (isResource(c))
            writeParams(c, *m_resources[c.id].get(QStringLiteral("Properties")), typeOf(c));
    }
    // Services with template forms of their own write their wires first; writeWire() then
    // records which ones the template expresses.
    for (const Component &c : m_design.components) {
        const sam::ServiceSam *own = serviceModule(c.kind).sam;
        if (own && own->exportWires)
            m_serviceWires.insert(own->exportWires(*this, c));
    }
    for (const Connection &w : m_design.connections)
        writeWire(w);
    for (CfnNode &node : m_resources) {
        const CfnNode *props = node.get(QStringLiteral("Properties"));
        if (props && props->isMap() && props->entries.empty())
            node.remove(QStringLiteral("Properties"));
    }
    for (const Component &c : m_design.components) {
        if (isResource(c))
            resources.set(m_ids.value(c.id), m_resources.value(c.id));
    }
    for (const auto &[id, node] : m_extraResources)
        resources.set(id, node);
    if (const CfnNode *kept = m_root.get(QStringLiteral("Resources"))) {
        for (const auto &entry : kept->entries)
            resources.set(entry.first, entry.second);
    }
    assemble(resources);
    QByteArray text = emitCfnYaml(m_root);
    const QString header = m_design.extra.value(extra::header).toString();
    if (!header.isEmpty())
        text.prepend(header.toUtf8());
    return text;
}

void Exporter::assemble(const CfnNode &resources)
{
    CfnNode out = CfnNode::makeMap();
    const CfnNode *version = m_root.get(QStringLiteral("AWSTemplateFormatVersion"));
    out.set(QStringLiteral("AWSTemplateFormatVersion"),
            version ? *version : CfnNode::makeString(QStringLiteral("2010-09-09")));
    // SAM resources need the Serverless transform; keep any other transform the user listed.
    const QString samTransform = QStringLiteral("AWS::Serverless-2016-10-31");
    CfnNode transform = m_root.get(QStringLiteral("Transform"))
                            ? *m_root.get(QStringLiteral("Transform"))
                            : str(samTransform);
    if (transform.isScalar() && transform.scalar != samTransform) {
        CfnNode list = CfnNode::makeSequence();
        list.items = {str(samTransform), transform};
        transform = list;
    } else if (transform.isSequence()) {
        bool has = false;
        for (const CfnNode &t : transform.items)
            has = has || t.scalar == samTransform;
        if (!has)
            transform.items.insert(transform.items.begin(), str(samTransform));
    }
    out.set(QStringLiteral("Transform"), transform);
    if (!m_root.get(QStringLiteral("Description")) && !m_design.name.isEmpty())
        out.set(QStringLiteral("Description"), str(m_design.name));
    for (const auto &[key, value] : m_root.entries) {
        if (key == QLatin1String("Resources"))
            out.set(key, resources);
        else if (key != QLatin1String("Metadata"))
            out.set(key, value);
    }
    CfnNode metadata = m_root.get(QStringLiteral("Metadata"))
                           ? *m_root.get(QStringLiteral("Metadata"))
                           : CfnNode::makeMap();
    metadata.set(kMetadataKey, workbenchMetadata());
    // Metadata before Resources, as templates usually have it.
    std::vector<std::pair<QString, CfnNode>> ordered;
    for (auto &entry : out.entries) {
        if (entry.first == QLatin1String("Resources"))
            ordered.emplace_back(QStringLiteral("Metadata"), metadata);
        ordered.push_back(entry);
    }
    out.entries = ordered;
    if (!out.get(QStringLiteral("Resources"))) {
        out.set(QStringLiteral("Metadata"), metadata);
        out.set(QStringLiteral("Resources"), resources);
    }
    m_root = out;
}

void Exporter::writeParams(const Component &c, CfnNode &props, const QString &type)
{
    const QStringList present = c.extra.value(extra::present).toStringList();
    const QVariantMap bound = c.extra.value(extra::bound).toMap();
    const CfnNode *globals = type == QLatin1String("AWS::Serverless::Function")
                                 ? m_root.path(QStringLiteral("Globals.Function"))
                                 : nullptr;
    for (const PropertyMapping &m : propertyMappings(type)) {
        const ParamSpec *spec = catalogue::findComponentParam(c.kind, m.key);
        const QVariant value = c.params.value(m.key);
        if (!spec)
            continue;
        if (bound.contains(m.key) && bound.value(m.key) == value)
            continue; // the !Ref to a template parameter still gives this value
        if (findProperty(props, m.property) && value == spec->defaultValue)
            continue; // an expression the importer could not evaluate, left as written
        bool write = value != spec->defaultValue || present.contains(m.key);
        if (globals && !present.contains(m.key)) {
            // Globals.Function gives every function this property: write only a difference.
            const CfnNode *g = globals->path(m.property);
            if (g) {
                const CfnNode *scalar = m.conversion == Conversion::FirstOfList && !g->items.empty()
                                            ? &g->items.front()
                                            : g;
                QVariant raw;
                QString error;
                std::optional<QVariant> inherited;
                if (toCatalogueValue(m.conversion, scalar->scalar, &raw))
                    inherited = normalizeValue(*spec, raw, &error);
                write = !inherited || *inherited != value;
            }
        }
        if (c.kind == ComponentKind::KinesisStream && m.key == QLatin1String("shards"))
            write = c.params.value(QStringLiteral("capacityMode")).toString()
                    != QLatin1String("On-demand");
        if (c.kind == ComponentKind::SqsQueue && m.key == QLatin1String("highThroughput"))
            write = write && isFifo(c); // CloudFormation refuses the FIFO properties otherwise
        if (write)
            setProperty(props, m.property, toTemplateValue(m.conversion, value));
    }
    if (type == QLatin1String("AWS::Serverless::Function")
        && c.params.value(QStringLiteral("provisionedConcurrency")).toLongLong() > 0
        && !props.get(QStringLiteral("AutoPublishAlias")))
        props.set(QStringLiteral("AutoPublishAlias"), str(QStringLiteral("live")));
}

void Exporter::completeRequired(const Component &c, CfnNode &node)
{
    CfnNode &props = *node.get(QStringLiteral("Properties"));
    const QString type = node.get(QStringLiteral("Type"))->scalar;
    const auto inherited = [this](const char *section, const char *key) {
        return m_root.path(
                   QStringLiteral("Globals.%1.%2").arg(QLatin1String(section), QLatin1String(key)))
               != nullptr;
    };
    if (const sam::ServiceSam *own = serviceModule(c.kind).sam; own && own->completeResource)
        own->completeResource(*this, c, props);
    if (type == QLatin1String("AWS::Serverless::Function")) {
        const bool image =
            props.get(QStringLiteral("PackageType"))
            && props.get(QStringLiteral("PackageType"))->scalar == QLatin1String("Image");
        if (!image && !props.get(QStringLiteral("CodeUri"))
            && !props.get(QStringLiteral("InlineCode")) && !inherited("Function", "CodeUri"))
            props.set(QStringLiteral("InlineCode"),
                      str(QStringLiteral("def handler(event, context):\n    return {}\n")));
        if (!image && !props.get(QStringLiteral("Handler")) && !inherited("Function", "Handler"))
            props.set(QStringLiteral("Handler"), str(QStringLiteral("index.handler")));
        if (!image && !props.get(QStringLiteral("Runtime")) && !inherited("Function", "Runtime"))
            props.set(QStringLiteral("Runtime"), str(QStringLiteral("python3.12")));
    } else if (type == QLatin1String("AWS::Serverless::Api")) {
        if (!props.get(QStringLiteral("StageName")) && !inherited("Api", "StageName"))
            props.set(QStringLiteral("StageName"), str(QStringLiteral("Prod")));
    } else if (type == QLatin1String("AWS::Serverless::StateMachine")
               || type == QLatin1String("AWS::StepFunctions::StateMachine")) {
        if (m_generatedDefinitions.contains(c.id))
            writeDefinition(c, props);
    }
}

QByteArray exportSam(const Design &design)
{
    Exporter exporter(design);
    return exporter.run();
}

bool exportSamFile(const Design &design, const QString &path, QString *error, bool force)
{
    // What this writes, the importer reads back: its size bound applies here, same message.
    const QByteArray text = exportSam(design);
    if (text.size() > ParseLimits().maxBytes) {
        if (error)
            *error = QStringLiteral("Cannot save %1").arg(templateSizeMessage(path, text.size()));
        return false;
    }
    return writeFileAtomically(path, text, OutputKind::Template, force, error);
}

} // namespace swb::sam
