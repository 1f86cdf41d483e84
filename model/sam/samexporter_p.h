#pragma once

// Internal to the SAM exporter (samexporter.cpp: resources and parameters; samexportwires.cpp:
// wires, generated state machine definitions and Metadata.ServerlessWorkbench).

#include "model/design.h"
#include "model/sam/cfnnode.h"
#include "model/sam/samservice.h"

#include <QHash>
#include <QStringList>
#include <QSet>

namespace swb::sam {

// Sha1 of the given properties as emitted YAML: marks a generated state machine definition.
QString generatedHash(const CfnNode &props, const QStringList &keys);

class Exporter : public ExportContext
{
public:
    explicit Exporter(const Design &design);
    QByteArray run();

    // ExportContext, for the services' own mappings (ServiceModule::sam).
    const Design &design() const override { return m_design; }
    QString logicalId(ComponentId id) const override { return m_ids.value(id); }
    QString resourceType(ComponentId id) const override;
    CfnNode ref(ComponentId id) const override;
    CfnNode getAtt(ComponentId id, const QString &attribute) const override;
    CfnNode arnOf(ComponentId id) const override;
    CfnNode &propsOf(ComponentId id) override;
    QString addResource(const QString &base, const CfnNode &node) override;
    std::vector<std::pair<QString, CfnNode>> &addedResources() override { return m_extraResources; }

private:
    bool isResource(const Component &c) const;
    QString typeOf(const Component &c) const;
    void writeParams(const Component &c, CfnNode &props, const QString &type);
    void completeRequired(const Component &c, CfnNode &node);
    void assemble(const CfnNode &resources);

    // Writes the wire into the template; false when AWS cannot express it (Metadata keeps it).
    void writeWire(const Connection &w);
    bool writeApiEvent(const Connection &w);
    void writeEventTimeout(const Component &api, CfnNode &evProps);
    bool writeMapping(const Connection &w);
    bool writeSubscription(const Connection &w);
    bool writeFailure(const Connection &w);
    bool writeEnvironment(const Connection &w);
    void writeMappingParams(const Connection &w, CfnNode &props);
    void writeDefinition(const Component &machine, CfnNode &props);
    bool hasKeptDefinition(ComponentId machine) const;
    void addWireMetadata(const Connection &w, bool expressed, bool expressedInFlag,
                         const QStringList &expressedKeys, bool allParams);
    CfnNode workbenchMetadata() const;
    QString uniqueId(const QString &base);

    const Design &m_design;
    CfnNode m_root; // kept sections from an import, then the assembled template
    QHash<ComponentId, QString> m_ids;
    QSet<QString> m_used;
    QSet<ComponentId> m_generatedDefinitions;
    QSet<ComponentId> m_timeoutOnEvents; // APIs whose integration timeout the events carry
    QHash<ComponentId, CfnNode> m_definitionMarkers; // Keys + Sha1 of a generated definition
    QHash<ComponentId, CfnNode> m_resources;
    std::vector<std::pair<QString, CfnNode>> m_extraResources; // mappings, subscriptions
    CfnNode m_wiresMeta = CfnNode::makeSequence();
    // Wires a service's own mapping wrote -> the parameter keys the template holds.
    QHash<ConnectionId, QStringList> m_serviceWires;
};

} // namespace swb::sam
