#include "model/parametercatalogue.h"
#include "model/sam/samexporter_p.h"
#include "model/sam/samimporter_p.h"
#include "model/sam/sammapping.h"

#include <cmath>

// What Metadata.ServerlessWorkbench gives back on import: project name and settings, block
// names, positions and simulation-only parameters, blocks that are not AWS resources, and which
// state machine definitions the exporter generated.

namespace swb::sam {

void Importer::readWorkbenchMetadata()
{
    CfnNode *metadata = m_root.get(QStringLiteral("Metadata"));
    if (!metadata || !metadata->get(kMetadataKey))
        return;
    m_workbench = *metadata->get(kMetadataKey);
    metadata->remove(kMetadataKey);
    if (metadata->isMap() && metadata->entries.empty())
        m_root.remove(QStringLiteral("Metadata"));
    if (const CfnNode *name = m_workbench.path(QStringLiteral("Project.Name"));
        name && name->isScalar())
        m_design.name = name->scalar;
    if (const CfnNode *settings = m_workbench.path(QStringLiteral("Project.Settings"))) {
        for (const auto &[key, value] : settings->entries)
            setParam(m_design.settings, key, catalogue::projectParams(), value.scalar,
                     QStringLiteral("Metadata.%1.Project.Settings.%2").arg(kMetadataKey, key));
    }
}

void Importer::applyWorkbenchComponent(Component &component, const CfnNode &entry)
{
    // A block's name has no leading or trailing white space (designvalidation.cpp), so a padded
    // one (a quoted "\f jobs ") is trimmed first, and taken only if no block has it yet. Found by
    // fuzz_samimport: the padded name was taken as it was and the design failed validation.
    const CfnNode *name = entry.get(QStringLiteral("Name"));
    if (const QString wanted = name && name->isScalar() ? name->scalar.trimmed() : QString();
        !wanted.isEmpty() && !m_design.componentByName(wanted))
        component.name = wanted;
    const CfnNode *pos = entry.get(QStringLiteral("Position"));
    if (pos && pos->isSequence() && pos->items.size() == 2) {
        bool okX = false;
        bool okY = false;
        const double x = pos->items[0].scalar.toDouble(&okX);
        const double y = pos->items[1].scalar.toDouble(&okY);
        if (okX && okY && std::isfinite(x) && std::isfinite(y)) {
            component.position = QPointF(x, y);
            m_placed.insert(component.id);
        }
    }
    if (const CfnNode *params = entry.get(QStringLiteral("Params"))) {
        for (const auto &[key, value] : params->entries)
            setParam(
                component.params, key, catalogue::componentParams(component.kind), value.scalar,
                QStringLiteral("Metadata.%1.Components.%2.Params.%3")
                    .arg(kMetadataKey, component.extra.value(extra::logicalId).toString(), key));
    }
}

void Importer::createWorkbenchBlocks()
{
    const CfnNode *components = m_workbench.get(QStringLiteral("Components"));
    if (!components)
        return;
    for (const auto &[logicalId, entry] : components->entries) {
        const CfnNode *kindNode = entry.get(QStringLiteral("Kind"));
        ComponentKind kind;
        if (!kindNode || !componentKindFromId(kindNode->scalar, &kind))
            continue;
        if (m_byLogicalId.contains(logicalId)) {
            m_report.unresolved.append(QStringLiteral("Metadata.%1.Components.%2: the id is also "
                                                      "a resource; the block is not restored")
                                           .arg(kMetadataKey, logicalId));
            continue;
        }
        Component c = m_design.makeComponent(kind, logicalId, QPointF());
        c.extra.insert(extra::logicalId, logicalId);
        applyWorkbenchComponent(c, entry);
        m_byLogicalId.insert(logicalId, c.id);
        m_design.components.insert(c.id, c);
    }
}

// A state machine definition the exporter generated from the Task wires, unchanged since: the
// wires are the truth again (the next export regenerates it), instead of a kept definition.
void Importer::detectGeneratedDefinition(const Component &c, const CfnNode &entry)
{
    const CfnNode *marker = entry.get(QStringLiteral("GeneratedDefinition"));
    const QString logicalId = c.extra.value(extra::logicalId).toString();
    if (!marker || c.kind != ComponentKind::StepFunctions || !m_kept.contains(logicalId))
        return;
    QStringList keys;
    if (const CfnNode *list = marker->get(QStringLiteral("Keys"))) {
        for (const CfnNode &k : list->items)
            keys.append(k.scalar);
    }
    const CfnNode *props = m_kept[logicalId].get(QStringLiteral("Properties"));
    const CfnNode *sha = marker->get(QStringLiteral("Sha1"));
    if (props && sha && generatedHash(*props, keys) == sha->scalar)
        m_generatedMachines.insert(c.id, keys);
}

void Importer::releaseGeneratedDefinitions()
{
    for (auto it = m_generatedMachines.cbegin(); it != m_generatedMachines.cend(); ++it) {
        for (Connection &w : m_design.connections) {
            if (w.source == it.key() && w.kind == ConnectionKind::ServiceIntegration
                && w.extra.value(extra::origin).toString() == origin::kept)
                w.extra.clear();
        }
        CfnNode *props = m_kept[logicalIdOf(it.key())].get(QStringLiteral("Properties"));
        for (const QString &key : it.value())
            props->remove(key);
    }
}

void Importer::createWorkbenchFaults()
{
    const CfnNode *faults = m_workbench.get(QStringLiteral("Faults"));
    if (!faults)
        return;
    for (size_t i = 0; i < faults->items.size(); ++i) {
        const CfnNode &entry = faults->items[i];
        const QString where = QStringLiteral("Metadata.%1.Faults[%2]").arg(kMetadataKey).arg(i);
        const auto number = [&entry](const char *key, double fallback) {
            const CfnNode *n = entry.get(QLatin1String(key));
            bool ok = false;
            const double v = n ? n->scalar.toDouble(&ok) : 0;
            return ok ? v : fallback;
        };
        Fault f;
        const CfnNode *kind = entry.get(QStringLiteral("Kind"));
        const CfnNode *target = entry.get(QStringLiteral("Target"));
        if (!kind || !faultKindFromId(kind->scalar, &f.kind) || !target) {
            m_report.unresolved.append(where
                                       + QStringLiteral(": unknown kind or no target; ignored"));
            continue;
        }
        f.target = m_byLogicalId.value(target->scalar);
        if (const CfnNode *endpoint = entry.get(QStringLiteral("Endpoint"))) {
            // An outage of one SNS subscription: the wire from the topic to that endpoint.
            const ComponentId to = m_byLogicalId.value(endpoint->scalar);
            f.target = InvalidId;
            for (const Connection &c : std::as_const(m_design.connections)) {
                if (c.source == m_byLogicalId.value(target->scalar) && c.target == to
                    && c.kind == ConnectionKind::Subscription)
                    f.target = c.id;
            }
            if (f.target == InvalidId) {
                m_report.unresolved.append(
                    where
                    + QStringLiteral(": no subscription from %1 to %2; ignored")
                          .arg(target->scalar, endpoint->scalar));
                continue;
            }
        }
        f.start = number("Start", f.start);
        f.duration = number("Duration", f.duration);
        f.errorRate = number("ErrorRate", f.errorRate);
        f.durationFactor = number("DurationFactor", f.durationFactor);
        f.rateFactor = number("RateFactor", f.rateFactor);
        const QString problem = validateFault(f, m_design);
        if (!problem.isEmpty()) {
            m_report.unresolved.append(where + QStringLiteral(": ") + problem
                                       + QStringLiteral("; ignored"));
            continue;
        }
        f.id = m_design.allocateId();
        m_design.faults.insert(f.id, f);
    }
}

} // namespace swb::sam
