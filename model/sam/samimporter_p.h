#pragma once

// Internal to the SAM importer (samimporter.cpp: blocks and parameters; samlinks.cpp: wires).

#include "model/parameter.h"
#include "model/referencedfile.h"
#include "model/sam/cfnnode.h"
#include "model/sam/samimporter.h"
#include "model/sam/samservice.h"

#include <QHash>
#include <QSet>

namespace swb::sam {

// A path on this machine rather than an S3 or web location.
inline bool isLocalPath(const QString &path)
{
    return !path.isEmpty() && !path.startsWith(QLatin1String("s3://"))
           && !path.startsWith(QLatin1String("http"));
}

class Importer : public ImportContext
{
public:
    Importer(CfnNode root, FileAccess access, QString sourceName);
    SamImportResult run();

    // ImportContext, for the services' own mappings (ServiceModule::sam).
    const Design &design() const override { return m_design; }
    const QStringList &logicalIds() const override { return m_order; }
    QString resourceType(const QString &logicalId) const override
    {
        return m_types.value(logicalId);
    }
    const CfnNode *resource(const QString &logicalId) const override;
    CfnNode *keptResource(const QString &logicalId) override;
    ComponentId block(const QString &logicalId) const override
    {
        return m_byLogicalId.value(logicalId);
    }
    QString logicalIdOf(ComponentId id) const override;
    ComponentId resolve(const CfnNode &node) const override { return resolve(node, nullptr); }
    Connection *newWire(ComponentId source, ComponentId target, ConnectionKind kind,
                        const QString &where, const QVariantMap &extra) override
    {
        return wire(addWire(source, target, kind, where, extra));
    }
    Connection *connection(ConnectionId id) override { return wire(id); }
    void consume(const QString &logicalId) override { m_consumed.insert(logicalId); }
    bool readScalar(const CfnNode &node, const QString &where, QString *text, bool *bound) override
    {
        return readScalar(&node, where, text, bound);
    }
    void setParam(QVariantMap &params, const QString &key, const QList<ParamSpec> &specs,
                  const QVariant &raw, const QString &where) override;
    ImportReport &report() override { return m_report; }

private:
    // --- blocks and parameters (samimporter.cpp)
    void readWorkbenchMetadata();
    void createComponents();
    void createImplicitApis();
    void applyMappedParams(Component &component, CfnNode &kept, const QString &type,
                           const QString &logicalId);
    void applyWorkbenchComponent(Component &component, const CfnNode &entry);
    void detectGeneratedDefinition(const Component &component, const CfnNode &entry);
    void releaseGeneratedDefinitions();
    void createWorkbenchBlocks();
    void createWorkbenchFaults();
    void checkReferencedFiles();
    void checkReplayFiles();
    void finish();
    void listKept();
    void layout();

    // Reads a scalar, resolving !Ref to a template parameter's Default. False (and reported)
    // when the value is an expression the importer cannot evaluate.
    bool readScalar(const CfnNode *node, const QString &where, QString *text, bool *bound);

    // --- wires (samlinks.cpp)
    void linkFunctionEvents();
    void linkStateMachineEvents();
    void linkWireResources();
    void linkTopicSubscriptions();
    void linkQueueRedrives();
    void linkFunctionFailures();
    void linkStateMachineDefinitions();
    void linkApiIntegrations();
    void linkEnvironment();
    void linkWorkbenchWires();
    void linkServiceWires(); // the services' own template forms (ServiceSam::importWires)

    // The wire, or the existing identical one; InvalidId (reported) when AWS does not allow it.
    ConnectionId addWire(ComponentId source, ComponentId target, ConnectionKind kind,
                         const QString &where, const QVariantMap &extra = {});
    Connection *wire(ConnectionId id) { return id ? &m_design.connections[id] : nullptr; }
    // The block a value refers to: Ref / GetAtt / ${X} (through substitutions when given), or an
    // ARN / URL / name literal matching a resource's physical name.
    ComponentId resolve(const CfnNode &node, const CfnNode *substitutions) const;
    QList<ComponentId> resolveAll(const CfnNode &node,
                                  const CfnNode *substitutions = nullptr) const;
    ComponentId implicitApi(const QString &logicalId);
    void readMappingParams(Connection &connection, CfnNode &props, const QString &where);
    void linkStreamDestination(ComponentId stream, CfnNode &props, const QString &where);
    void readEventTimeout(ComponentId api, CfnNode &eventProps, const QString &where);
    void linkSubstitutionsOnly(ComponentId machine, const CfnNode &subs, const QString &where);
    void walkStates(ComponentId machine, const CfnNode &states, const CfnNode *subs,
                    const QString &where, int *order);

    CfnNode m_root;
    FileAccess m_access; // the template's folder and folders allowed besides it
    QString m_sourceName;
    Design m_design;
    ImportReport m_report;
    CfnNode m_workbench; // Metadata.ServerlessWorkbench of a template the workbench exported
    QHash<QString, ComponentId> m_byLogicalId;
    QHash<QString, ComponentId> m_byPhysicalName;
    QHash<QString, CfnNode> m_kept;  // modelled resource -> what is kept of it
    QHash<QString, QString> m_types; // logical id -> resource type (all resources)
    QStringList m_order;             // logical ids in template order
    QSet<QString> m_consumed;        // unmodelled resources turned into wires
    QSet<ComponentId> m_placed;
    QHash<ComponentId, double> m_eventTimeouts; // API -> integration timeout read from events
    QHash<ComponentId, QStringList> m_generatedMachines; // -> generated property keys      //
                                                         // blocks with a position from Metadata
};

} // namespace swb::sam
