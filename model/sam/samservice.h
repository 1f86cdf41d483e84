#pragma once

// A service module's SAM mapping (ServiceModule::sam): how the service's wires become template
// resources and events on export, and how those are read back into wires on import. The exporter
// and the importer call these hooks through the two context interfaces below, so a service's
// template forms live in its own folder (model/services/<service>/) instead of in branches of
// model/sam/*.cpp.

#include "model/ids.h"
#include "model/kinds.h"
#include "model/parameter.h"
#include "model/sam/cfnnode.h"

#include <QHash>
#include <QStringList>
#include <QVariantMap>

#include <utility>
#include <vector>

namespace swb {
struct Component;
struct Connection;
class Design;
} // namespace swb

namespace swb::sam {

struct ImportReport;

// What the exporter offers a service's mapping.
class ExportContext
{
public:
    virtual ~ExportContext() = default;
    virtual const Design &design() const = 0;
    virtual QString logicalId(ComponentId id) const = 0;
    // The resource type a block is exported as ("AWS::Serverless::Function").
    virtual QString resourceType(ComponentId id) const = 0;
    virtual CfnNode ref(ComponentId id) const = 0;
    virtual CfnNode getAtt(ComponentId id, const QString &attribute) const = 0;
    // What AWS takes where an ARN is expected (Ref for topics and state machines).
    virtual CfnNode arnOf(ComponentId id) const = 0;
    // The Properties of an exported block's resource (created empty when absent).
    virtual CfnNode &propsOf(ComponentId id) = 0;
    // Adds a resource of the service's own (a rule, a permission) under a logical id made
    // unique from `base`; returns that id.
    virtual QString addResource(const QString &base, const CfnNode &node) = 0;
    // The resources added so far (logical id, resource), for a mapping that adds to one of them
    // (a statement to a queue's one policy).
    virtual std::vector<std::pair<QString, CfnNode>> &addedResources() = 0;
};

// What the importer offers a service's mapping.
class ImportContext
{
public:
    virtual ~ImportContext() = default;
    virtual const Design &design() const = 0;
    virtual const QStringList &logicalIds() const = 0; // every resource, in template order
    virtual QString resourceType(const QString &logicalId) const = 0;
    // The resource as written; nullptr when absent.
    virtual const CfnNode *resource(const QString &logicalId) const = 0;
    // What is kept of a modelled block's resource (its unconsumed properties); nullptr when the
    // logical id is not a block.
    virtual CfnNode *keptResource(const QString &logicalId) = 0;
    virtual ComponentId block(const QString &logicalId) const = 0;
    virtual QString logicalIdOf(ComponentId id) const = 0;
    // The block a value refers to (Ref, GetAtt, ${X}, an ARN or name literal); InvalidId if none.
    virtual ComponentId resolve(const CfnNode &node) const = 0;
    // The wire, or the existing identical one; nullptr (reported) when AWS does not allow it.
    virtual Connection *newWire(ComponentId source, ComponentId target, ConnectionKind kind,
                                const QString &where, const QVariantMap &extra) = 0;
    virtual Connection *connection(ConnectionId id) = 0;
    // An unmodelled resource turned into wires: the export writes it again from them.
    virtual void consume(const QString &logicalId) = 0;
    // A scalar, resolving !Ref to a template parameter's Default; false (reported) when the
    // value is an expression the importer cannot evaluate.
    virtual bool readScalar(const CfnNode &node, const QString &where, QString *text,
                            bool *bound) = 0;
    // Normalises raw into params[key]; clamps numbers outside the range and reports, reports
    // other bad values and uses the default.
    virtual void setParam(QVariantMap &params, const QString &key, const QList<ParamSpec> &specs,
                          const QVariant &raw, const QString &where) = 0;
    virtual ImportReport &report() = 0;
};

// How a generated Step Functions Task state calls the service (an optimized integration): its
// Resource ARN, the parameter naming the target and the one carrying the input, the SAM policy
// template that allows the call, and the DefinitionSubstitutions entry for the target.
struct SamTask {
    const char *resource;              // "arn:aws:states:::sqs:sendMessage"
    const char *targetField;           // "QueueUrl"
    const char *payloadField;          // "MessageBody.$"
    const char *policy;                // "SQSSendMessagePolicy"
    const char *policyKey;             // "QueueName"
    const char *policyAttribute;       // GetAtt attribute giving the policy's value; nullptr: Ref
    const char *substitution;          // the substitution's suffix: "Url", "Arn"
    const char *substitutionAttribute; // GetAtt attribute giving it; nullptr: Ref
};

// How a block of the service lets another AWS service deliver to it (a rule's target, a dead-letter
// queue): a statement in the block's resource-based policy, or, for a service without one, a
// statement in an IAM role the sender assumes (the target's RoleArn). Either allows `action` on the
// block's ARN.
struct SamAccess {
    const char *policyType;   // "AWS::SQS::QueuePolicy"; nullptr: the sender's role
    const char *policyBlocks; // the policy's list of the blocks it covers ("Queues", by Ref)
    const char *action;       // "sqs:SendMessage"
    const char *arnAttribute; // GetAtt attribute giving the block's ARN; nullptr: Ref gives it
    bool sourceCondition;     // the statement may name the sending resource (aws:SourceArn)
};

struct ServiceSam {
    // Writes the wires leaving `block` that the service expresses in the template; returns each
    // written wire with the wire parameter keys the template holds exactly (the others stay in
    // Metadata.ServerlessWorkbench). Wires with a kept or Metadata origin are not passed on.
    QHash<ConnectionId, QStringList> (*exportWires)(ExportContext &x,
                                                    const Component &block) = nullptr;
    // Completes a block's resource with the properties CloudFormation requires.
    void (*completeResource)(ExportContext &x, const Component &block, CfnNode &props) = nullptr;
    // Turns the resources and function events the service owns into wires; called once the
    // template's blocks exist, before Metadata's wires are restored.
    void (*importWires)(ImportContext &x) = nullptr;
    // A Task state calling a block of the service; nullptr: Step Functions cannot call it.
    const SamTask *task = nullptr;
    // How another service is let in to deliver to a block (model/sam/samtarget.h); nullptr:
    // the service declares no such form (Lambda: AWS::Lambda::Permission, written by the sender).
    const SamAccess *access = nullptr;
};

// The Task form of a service; nullptr when a Task state cannot call it (sammapping.cpp).
const SamTask *taskForm(ComponentKind kind);

} // namespace swb::sam
