#pragma once
// Private to the scenario builder: the compiler object shared by scenariobuilder.cpp (blocks,
// settings) and scenariobuilderwires.cpp (wires, tasks, filters, faults).

#include "sim/attributefilter.h"
#include "sim/scenariobuilder.h"

#include <QHash>

#include <algorithm>

namespace swb::detail {

using Severity = BuildFinding::Severity;
using CK = ComponentKind;
using EK = core::EdgeKind;

inline std::uint32_t u32(double v)
{
    return v <= 0 ? 0u : static_cast<std::uint32_t>(std::min(v, 4294967295.0));
}

inline std::string utf8(const QString &s)
{
    return s.toStdString();
}

// Fills BuildResult::scenario and the id maps from a Design; see scenariobuilder.h.
class Builder
{
public:
    Builder(const Design &design, const BuildOptions &options, BuildResult *out)
        : m_design(design)
        , m_options(options)
        , m_out(out)
        , m_sc(out->scenario)
    {}

    void run()
    {
        mapSettings();
        for (const Component &c : m_design.components)
            mapComponent(c);
        mapConnections();
        mapFailureWires();
        mapTasks();
        mapSubscriptionFilters();
        mapServiceWires();
        mapFaults();
    }

    // For the service modules (sim/services/): the scenario being filled and the findings.
    core::Scenario &scenario() { return m_sc; }
    const BuildOptions &options() const { return m_options; }
    void setAttributes(ComponentId source, QList<AttributeValue> values)
    {
        m_attributes.insert(source, std::move(values));
    }
    void note(Severity severity, const char *code, const QString &message,
              QList<ComponentId> components = {}, QList<ConnectionId> connections = {})
    {
        m_out->findings.append({severity, QLatin1String(code), message, std::move(components),
                                std::move(connections)});
    }
    QString name(ComponentId id) const
    {
        return QLatin1Char('\'') + m_out->names.value(id) + QLatin1Char('\'');
    }
    core::ComponentRef ref(ComponentId id) const { return m_out->refs.value(id); }
    const Design &design() const { return m_design; }
    // The core edge a wire became; -1 when it became none (a Task state, a failure wire).
    std::int64_t edgeIndex(ConnectionId wire) const
    {
        return m_edgeOf.contains(wire) ? std::int64_t(m_edgeOf.value(wire)) : -1;
    }
    void addEdge(const Connection &w, EK kind)
    {
        core::Edge e;
        e.kind = kind;
        e.from = ref(w.source);
        e.to = ref(w.target);
        m_edgeOf.insert(w.id, m_sc.edges.size());
        m_out->edgeConnections.append(w.id);
        m_sc.edges.push_back(e);
    }

private:
    void mapSettings();
    void mapComponent(const Component &c);
    void mapConnections();
    void mapFailureWires();
    void mapTasks();
    void mapSubscriptionFilters();
    void mapServiceWires();
    void mapFaults();

    const Design &m_design;
    const BuildOptions &m_options;
    BuildResult *m_out;
    core::Scenario &m_sc;
    QHash<ComponentId, QList<AttributeValue>> m_attributes;
    QHash<ConnectionId, std::size_t> m_edgeOf; // connection -> index in m_sc.edges
};

// Carries model analysis (model/analysis.h) findings over; Error findings refuse the run.
void appendAnalysisFindings(const Design &design, BuildResult *out);

} // namespace swb::detail
