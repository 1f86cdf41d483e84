#include "model/sam/samimporter.h"

#include "model/layout.h"
#include "model/parametercatalogue.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/samexporter_p.h"
#include "model/sam/samimporter_p.h"
#include "model/sam/sammapping.h"
#include "model/services/registry.h"

#include <QFileInfo>

#include <cmath>

namespace swb::sam {

namespace {

QString resourceWhere(const QString &logicalId, const QString &property)
{
    return QStringLiteral("Resources.%1.Properties.%2").arg(logicalId, property);
}

// Comment lines before the first section: yaml-cpp drops comments, these are the ones we can
// give back on export (usually a licence or a description of the pattern).
QString leadingComments(const QByteArray &text)
{
    QString header;
    for (const QByteArray &line : text.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.startsWith('#'))
            header += QString::fromUtf8(trimmed) + QLatin1Char('\n');
        else if (!trimmed.isEmpty() && trimmed != "---")
            break;
    }
    return header;
}

int commentLines(const QByteArray &text)
{
    int count = 0;
    for (const QByteArray &line : text.split('\n')) {
        if (line.trimmed().startsWith('#'))
            ++count;
    }
    return count;
}

} // namespace

Importer::Importer(CfnNode root, FileAccess access, QString sourceName)
    : m_root(std::move(root))
    , m_access(std::move(access))
    , m_sourceName(std::move(sourceName))
{}

SamImportResult Importer::run()
{
    SamImportResult result;
    const CfnNode *resources = m_root.get(QStringLiteral("Resources"));
    if (!m_root.isMap() || !resources || !resources->isMap() || resources->entries.empty()) {
        result.status = SamImportResult::Status::NotTemplate;
        result.error = QStringLiteral("%1: not a CloudFormation template: it has no Resources "
                                      "section (a template needs at least one resource)")
                           .arg(m_sourceName);
        return result;
    }
    readWorkbenchMetadata();
    createComponents();
    linkFunctionEvents();
    linkStateMachineEvents();
    linkWireResources();
    linkTopicSubscriptions();
    linkQueueRedrives();
    linkFunctionFailures();
    linkServiceWires();
    linkStateMachineDefinitions();
    releaseGeneratedDefinitions();
    linkApiIntegrations();
    linkEnvironment();
    // After the implicit APIs, so blocks are created in the order the exporter lists them.
    createWorkbenchBlocks();
    linkWorkbenchWires();
    createWorkbenchFaults();
    checkReferencedFiles();
    checkReplayFiles();
    finish();
    result.design = m_design;
    result.report = m_report;
    return result;
}

void Importer::createComponents()
{
    const CfnNode &resources = *m_root.get(QStringLiteral("Resources"));
    for (const auto &[logicalId, resource] : resources.entries) {
        m_order.append(logicalId);
        const CfnNode *typeNode = resource.get(QStringLiteral("Type"));
        const QString type =
            typeNode && typeNode->isScalar() ? typeNode->scalar.trimmed() : QString();
        m_types.insert(logicalId, type);
        if (type.isEmpty()) {
            m_report.unresolved.append(
                QStringLiteral("Resources.%1: no Type; kept as written").arg(logicalId));
            continue;
        }
        ComponentKind kind;
        if (!componentKindForType(type, &kind))
            continue;
        const CfnNode *props = resource.get(QStringLiteral("Properties"));
        QString apiType = QStringLiteral("REST");
        if (type == QLatin1String("AWS::ApiGatewayV2::Api")
            || type == QLatin1String("AWS::Serverless::HttpApi")) {
            const CfnNode *protocol = props ? props->get(QStringLiteral("ProtocolType")) : nullptr;
            if (type == QLatin1String("AWS::ApiGatewayV2::Api")
                && (!protocol || protocol->scalar != QLatin1String("HTTP"))) {
                m_report.notes.append(QStringLiteral("Resources.%1: WebSocket APIs are not "
                                                     "modelled; the API is kept as written")
                                          .arg(logicalId));
                continue;
            }
            apiType = QStringLiteral("HTTP");
        }
        Component c = m_design.makeComponent(kind, logicalId, QPointF());
        c.extra.insert(extra::logicalId, logicalId);
        c.extra.insert(extra::type, type);
        if (kind == ComponentKind::ApiGateway)
            c.params.insert(QStringLiteral("type"), apiType);
        CfnNode kept = resource;
        applyMappedParams(c, kept, type, logicalId);
        m_kept.insert(logicalId, kept);
        if (props) {
            for (const char *key : {"QueueName", "TopicName", "FunctionName", "StreamName",
                                    "StateMachineName", "Name"}) {
                const CfnNode *n = props->get(QLatin1String(key));
                if (n && n->isScalar() && n->tag.isEmpty())
                    m_byPhysicalName.insert(n->scalar, c.id);
            }
        }
        if (const CfnNode *entry = m_workbench.path(QStringLiteral("Components.") + logicalId)) {
            applyWorkbenchComponent(c, *entry);
            detectGeneratedDefinition(c, *entry);
        }
        m_byLogicalId.insert(logicalId, c.id);
        m_design.components.insert(c.id, c);
    }
}

void Importer::applyMappedParams(Component &component, CfnNode &kept, const QString &type,
                                 const QString &logicalId)
{
    CfnNode *props = kept.get(QStringLiteral("Properties"));
    const CfnNode *globals = type == QLatin1String("AWS::Serverless::Function")
                                 ? m_root.path(QStringLiteral("Globals.Function"))
                                 : nullptr;
    const QList<ParamSpec> &specs = catalogue::componentParams(component.kind);
    QStringList present;
    QVariantMap bound;
    for (const PropertyMapping &m : propertyMappings(type)) {
        const CfnNode *node = props ? findProperty(*props, m.property) : nullptr;
        QString where = resourceWhere(logicalId, m.property);
        const bool fromGlobals = !node && globals && globals->path(m.property);
        if (fromGlobals) {
            node = globals->path(m.property);
            where = QStringLiteral("Globals.Function.%1 (for %2)").arg(m.property, logicalId);
        }
        if (!node)
            continue;
        const CfnNode *valueNode = node;
        if (m.conversion == Conversion::FirstOfList) {
            if (!node->isSequence() || node->items.size() != 1) {
                m_report.clamped.append(QStringLiteral("%1: expected a list of one "
                                                       "architecture; the default is used")
                                            .arg(where));
                continue;
            }
            valueNode = &node->items.front();
        }
        QString text;
        bool isBound = false;
        if (!readScalar(valueNode, where, &text, &isBound))
            continue;
        QVariant raw;
        if (!toCatalogueValue(m.conversion, text, &raw)) {
            const ParamSpec *spec = catalogue::findComponentParam(component.kind, m.key);
            m_report.clamped.append(QStringLiteral("%1: '%2' is not understood (allowed: %3); "
                                                   "the default is used and the value is kept")
                                        .arg(where, text, spec ? spec->rangeText() : QString()));
            continue;
        }
        setParam(component.params, m.key, specs, raw, where);
        if (fromGlobals)
            continue;
        present.append(m.key);
        if (isBound)
            bound.insert(m.key, component.params.value(m.key));
        else if (props)
            removeProperty(*props, m.property);
    }
    if (!present.isEmpty())
        component.extra.insert(extra::present, present);
    if (!bound.isEmpty())
        component.extra.insert(extra::bound, bound);
}

bool Importer::readScalar(const CfnNode *node, const QString &where, QString *text, bool *bound)
{
    if (node->isScalar() && node->tag.isEmpty()) {
        *text = node->scalar;
        return true;
    }
    Intrinsic call;
    if (asIntrinsic(*node, &call) && call.name == QLatin1String("Ref")
        && call.argument->isScalar()) {
        const QString name = call.argument->scalar;
        const CfnNode *param = m_root.path(QStringLiteral("Parameters.") + name);
        const CfnNode *def = param ? param->get(QStringLiteral("Default")) : nullptr;
        if (def && def->isScalar()) {
            *text = def->scalar;
            *bound = true;
            return true;
        }
        m_report.unresolved.append(QStringLiteral("%1: !Ref %2 has no Default to read; the "
                                                  "expression is kept and the default is used")
                                       .arg(where, name));
        return false;
    }
    m_report.unresolved.append(QStringLiteral("%1: an expression the importer cannot evaluate; "
                                              "it is kept and the default is used")
                                   .arg(where));
    return false;
}

void Importer::setParam(QVariantMap &params, const QString &key, const QList<ParamSpec> &specs,
                        const QVariant &raw, const QString &where)
{
    const ParamSpec *spec = nullptr;
    for (const ParamSpec &s : specs) {
        if (s.key == key)
            spec = &s;
    }
    if (!spec) {
        m_report.clamped.append(
            QStringLiteral("%1: '%2' is not a known parameter; ignored").arg(where, key));
        return;
    }
    QString error;
    if (auto value = normalizeValue(*spec, raw, &error)) {
        params.insert(key, *value);
        return;
    }
    bool numeric = false;
    const double d = raw.toString().toDouble(&numeric);
    if (numeric && std::isfinite(d)
        && (spec->type == ParamType::Integer || spec->type == ParamType::Real)) {
        const double clamped = std::clamp(d, spec->minimum, spec->maximum);
        const QVariant value = spec->type == ParamType::Integer
                                   ? QVariant(qlonglong(std::llround(clamped)))
                                   : QVariant(clamped);
        if (auto v = normalizeValue(*spec, value, &error)) {
            params.insert(key, *v);
            m_report.clamped.append(
                QStringLiteral("%1: %2 is outside %3; clamped to %4")
                    .arg(where, raw.toString(), spec->rangeText(), formatValue(*spec, *v)));
            return;
        }
    }
    m_report.clamped.append(QStringLiteral("%1: '%2' %3 (%4); the default %5 is used")
                                .arg(where, raw.toString(), error, spec->rangeText(),
                                     formatValue(*spec, spec->defaultValue)));
    params.insert(key, spec->defaultValue);
}

ComponentId Importer::implicitApi(const QString &logicalId)
{
    if (ComponentId id = m_byLogicalId.value(logicalId))
        return id;
    Component c = m_design.makeComponent(ComponentKind::ApiGateway, logicalId, QPointF());
    c.params.insert(QStringLiteral("type"), logicalId == QLatin1String("ServerlessHttpApi")
                                                ? QStringLiteral("HTTP")
                                                : QStringLiteral("REST"));
    c.extra.insert(extra::logicalId, logicalId);
    c.extra.insert(extra::implicitApi, true);
    if (const CfnNode *entry = m_workbench.path(QStringLiteral("Components.") + logicalId))
        applyWorkbenchComponent(c, *entry);
    m_byLogicalId.insert(logicalId, c.id);
    m_design.components.insert(c.id, c);
    m_report.notes.append(QStringLiteral("Created the implicit API '%1' that SAM generates for "
                                         "events without an explicit API id")
                              .arg(logicalId));
    return c.id;
}

const CfnNode *Importer::resource(const QString &logicalId) const
{
    const CfnNode *resources = m_root.get(QStringLiteral("Resources"));
    return resources ? resources->get(logicalId) : nullptr;
}

CfnNode *Importer::keptResource(const QString &logicalId)
{
    auto it = m_kept.find(logicalId);
    return it == m_kept.end() ? nullptr : &*it;
}

void Importer::linkServiceWires()
{
    for (const ServiceModule *m : serviceModules()) {
        if (m->sam && m->sam->importWires)
            m->sam->importWires(*this);
    }
}

QString Importer::logicalIdOf(ComponentId id) const
{
    const Component *c = m_design.component(id);
    return c ? c->extra.value(extra::logicalId).toString() : QString();
}

void Importer::finish()
{
    listKept();
    for (Component &c : m_design.components) {
        const QString logicalId = c.extra.value(extra::logicalId).toString();
        auto it = m_kept.find(logicalId);
        if (it == m_kept.end())
            continue;
        CfnNode *props = it->get(QStringLiteral("Properties"));
        if (props && props->isMap() && props->entries.empty())
            it->remove(QStringLiteral("Properties"));
        it->remove(QStringLiteral("Type"));
        if (!it->entries.empty())
            c.extra.insert(extra::resource, QString::fromUtf8(emitCfnYaml(*it)));
    }
    CfnNode *resources = m_root.get(QStringLiteral("Resources"));
    for (const QString &logicalId : m_kept.keys())
        resources->remove(logicalId);
    for (const QString &logicalId : m_consumed)
        resources->remove(logicalId);
    m_design.extra.insert(extra::templateText, QString::fromUtf8(emitCfnYaml(m_root)));
    if (m_design.name.isEmpty())
        m_design.name = m_sourceName.isEmpty() ? QStringLiteral("Imported template")
                                               : QFileInfo(m_sourceName).completeBaseName();
    bool hasTraffic = false;
    QStringList entries;
    for (const Component &c : m_design.components) {
        hasTraffic = hasTraffic || c.kind == ComponentKind::TrafficSource;
        if (m_design.incoming(c.id).isEmpty() && c.kind != ComponentKind::Downstream)
            entries.append(c.name);
    }
    if (!hasTraffic && !entries.isEmpty())
        m_report.notes.append(QStringLiteral("No traffic source was created (a template has "
                                             "none): add one in front of %1 to simulate load")
                                  .arg(entries.join(QStringLiteral(", "))));
    layout();
}

void Importer::listKept()
{
    for (const auto &[section, node] : m_root.entries) {
        if (section == QLatin1String("Resources")
            || section == QLatin1String("AWSTemplateFormatVersion"))
            continue;
        m_report.kept.append(
            node.isMap() ? QStringLiteral("%1 (%2 entries)").arg(section).arg(node.entries.size())
                         : section);
    }
    for (const QString &logicalId : std::as_const(m_order)) {
        if (m_consumed.contains(logicalId))
            continue;
        if (!m_kept.contains(logicalId)) {
            m_report.kept.append(QStringLiteral("Resources.%1 (%2): not modelled")
                                     .arg(logicalId, m_types.value(logicalId)));
            continue;
        }
        const CfnNode &kept = m_kept[logicalId];
        QStringList keys;
        if (const CfnNode *props = kept.get(QStringLiteral("Properties"))) {
            for (const auto &entry : props->entries)
                keys.append(entry.first);
        }
        for (const auto &entry : kept.entries) {
            if (entry.first != QLatin1String("Type") && entry.first != QLatin1String("Properties"))
                keys.append(entry.first);
        }
        if (!keys.isEmpty())
            m_report.kept.append(QStringLiteral("Resources.%1: %2 kept as written")
                                     .arg(logicalId, keys.join(QStringLiteral(", "))));
    }
}

void Importer::layout()
{
    if (m_placed.size() == m_design.components.size())
        return;
    const QHash<ComponentId, QPointF> positions = autoLayout(m_design);
    for (Component &c : m_design.components) {
        if (!m_placed.contains(c.id))
            c.position = positions.value(c.id, c.position);
    }
}

SamImportResult importSamText(const QByteArray &text, const QString &baseDir,
                              const QString &sourceName, const QStringList &allowedDirs)
{
    const QString source = sourceName.isEmpty() ? QStringLiteral("template") : sourceName;
    ParseResult parsed = parseCfn(text);
    if (!parsed.ok) {
        SamImportResult result;
        result.status = SamImportResult::Status::NotTemplate;
        result.error = QStringLiteral("%1: %2").arg(source, parsed.error);
        return result;
    }
    FileAccess access;
    access.baseDir = baseDir;
    access.allowedDirs = allowedDirs;
    access.maxBytes = ParseLimits().maxBytes;
    access.owner = QStringLiteral("the template");
    Importer importer(std::move(parsed.root), access, source);
    SamImportResult result = importer.run();
    if (!result.ok())
        return result;
    const QString header = leadingComments(text);
    if (!header.isEmpty())
        result.design.extra.insert(extra::header, header);
    const int comments = commentLines(text) - int(header.count(QLatin1Char('\n')));
    if (comments > 0)
        result.report.notes.append(QStringLiteral("%1 comment line(s) inside the template are "
                                                  "not kept (the YAML reader drops comments; "
                                                  "the leading comment block is kept)")
                                       .arg(comments));
    return result;
}

QString templateSizeMessage(const QString &path, qint64 bytes)
{
    return QStringLiteral("%1 is %2 MB; templates above %3 MB are refused (CloudFormation itself "
                          "accepts at most 1 MB)")
        .arg(path)
        .arg(double(bytes) / (1024 * 1024), 0, 'f', 1)
        .arg(ParseLimits().maxBytes / (1024 * 1024));
}

SamImportResult importSamFile(const QString &path, const QStringList &allowedDirs)
{
    SamImportResult result;
    result.status = SamImportResult::Status::Unreadable;
    const ParseLimits limits;
    const QFileInfo info(path);
    if (info.isFile() && info.size() > limits.maxBytes) {
        result.error = templateSizeMessage(path, info.size());
        return result;
    }
    QByteArray text;
    QString why;
    if (!readRegularFile(path, limits.maxBytes, &text, &why)) {
        result.error = why;
        return result;
    }
    return importSamText(text, QFileInfo(path).absolutePath(), path, allowedDirs);
}

} // namespace swb::sam
