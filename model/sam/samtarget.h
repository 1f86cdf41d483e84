#pragma once

// Targets an AWS service pushes to on the user's behalf (a rule's targets, a schedule's, a
// pipe's) in templates: the pieces of their form that do not depend on the pushing service, for
// any service module's SAM mapping (model/sam/samservice.h) to call. A target entry names its
// resource by Arn, may carry a RetryPolicy and a DeadLetterConfig (an SQS queue's Arn), and the
// target's own resource policy must let the pushing service's principal in.

#include "model/ids.h"
#include "model/parameter.h"
#include "model/sam/cfnnode.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <utility>
#include <vector>

namespace swb {
struct Connection;
} // namespace swb

namespace swb::sam {

class ExportContext;
class ImportContext;

// A wire's kept template text (extra::resource, extra::node, extra::events) as a node: an empty
// map when there is none or it is not a map; and back.
CfnNode parseKept(const QVariant &text);
QString yamlText(const CfnNode &node);

// An integer wire parameter stored at a property path of a target entry
// ("RetryPolicy.MaximumRetryAttempts").
struct IntegerProperty {
    const char *path;
    QString key;
};

// Writes each value that differs from its catalogue default (AWS applies the default when the
// property is absent); a value kept as an expression (a !Ref to a template parameter) stays, and
// Metadata keeps the model's value. Appends every key to `keys` (the entry holds it exactly).
void writeIntegerProperties(CfnNode &entry, const QVariantMap &params,
                            const QList<ParamSpec> &specs, const QList<IntegerProperty> &properties,
                            QStringList *keys);
// Reads each present value into `params` (range-checked and reported by the importer); a literal
// leaves `entry`, a value bound to a template parameter stays in it.
void readIntegerProperties(ImportContext &x, CfnNode &entry, QVariantMap &params,
                           const QList<ParamSpec> &specs, const QList<IntegerProperty> &properties,
                           const QString &where);

// DeadLetterConfig.Arn of a target entry: the queue's Arn.
void writeDeadLetterArn(ExportContext &x, CfnNode &entry, ComponentId queue);
// The queue the entry's DeadLetterConfig.Arn names, wired from `source` as a Redrive wire of
// origin `origin`; the property then leaves `entry`. InvalidId without the property, or when it
// names no queue of the template or the wire is refused (both reported).
ComponentId readDeadLetterArn(ImportContext &x, ComponentId source, CfnNode &entry,
                              const QString &where, const QString &origin);

// The AWS::Lambda::Permission that lets `principal` invoke function `fn` from `sourceArn`. An
// imported permission (its logical id and YAML text, empty when none) keeps its id and whatever
// else it said (SourceAccount...); otherwise the id is `newId` made unique.
void writeInvokePermission(ExportContext &x, ComponentId fn, const QString &principal,
                           const CfnNode &sourceArn, const QString &keptId,
                           const QVariant &keptNode, const QString &newId);
// writeInvokePermission for a rule target wire to a function (nothing for other targets), keeping
// the permission the import noted on the wire (extra::permission, readDeliveryGrants).
void writeTargetPermission(ExportContext &x, const Connection &w, const QString &principal,
                           const CfnNode &sourceArn, const QString &newId);
// The function an AWS::Lambda::Permission lets `principal` invoke, and the logical id of the
// resource its SourceArn names (first of its references); InvalidId when it is another
// principal's, or either is missing.
ComponentId readInvokePermission(const ImportContext &x, const QString &logicalId,
                                 const QString &principal, QString *sourceId);

// Delivery permissions, in the form the target block's service declares (ServiceSam::access).
// Lets the service `principal` ("events.amazonaws.com") deliver to block `target` from the
// resource `sourceArn` names when the target's service is reached through its resource-based
// policy: a statement in the block's one policy (`<Target>Policy`, created on first use), with an
// aws:SourceArn condition where the form allows one. A statement already there is not repeated.
// False when the service is reached otherwise or declares no form.
bool grantByPolicy(ExportContext &x, ComponentId target, const QString &principal,
                   const CfnNode &sourceArn);
// When the target's service is reached through a role the sender assumes: appends the statement
// that role needs (unless there) and returns true.
bool grantByRole(ExportContext &x, ComponentId target, std::vector<CfnNode> *statements);
// Adds the AWS::IAM::Role that `principal` may assume, allowed `statements` (one inline
// policy); returns its logical id.
QString addServiceRole(ExportContext &x, const QString &base, const QString &principal,
                       const std::vector<CfnNode> &statements);
// Whether every statement of a policy document (PolicyDocument, AssumeRolePolicyDocument) is an
// Allow for the service `principal` alone; false for an absent or empty document.
bool grantsOnly(const CfnNode *document, const QString &principal);
// The actions of the role-based forms (ServiceSam::access): what a role written by
// addServiceRole may hold.
QStringList roleActions();

// --- A rule's targets in a template

// A target entry (Targets[n]): Arn, then an Id unless the imported entry `kept` has one, then
// `kept`'s properties. An Id is 1 to 64 of [.-_A-Za-z0-9], unique within the rule: `ids` holds
// those of the rule's entries so far.
CfnNode targetEntry(ExportContext &x, ComponentId target, const CfnNode &kept, QStringList *ids);
// The role `principal` assumes to reach the targets of one rule reached through a role
// (grantByRole): one per rule, added as `base`Role, for each wire whose kept entry (extra::node)
// names no RoleArn of its own. The role's Arn per wire it covers.
QHash<ConnectionId, CfnNode> addTargetsRole(ExportContext &x, const QString &base,
                                            const QString &principal,
                                            const QList<const Connection *> &wires);
// Writes resource-policy grants (target block, source ARN) with grantByPolicy, sorted, so a
// policy shared by several sources reads the same whatever order the wires come in.
void grantAllByPolicy(ExportContext &x, std::vector<std::pair<ComponentId, CfnNode>> grants,
                      const QString &principal);

// The entries of a rule's Targets list (at `where`) naming a modelled block by Arn, with that
// block; the others (noted: kept as written) are appended to `remaining`.
QList<std::pair<CfnNode, ComponentId>> resolveTargets(ImportContext &x, const CfnNode &list,
                                                      const QString &where,
                                                      std::vector<CfnNode> *remaining);
// The function events of `type` (a SAM event Type) of a modelled function: `read` turns one
// into a wire (given the event's name, its Properties, from which it removes what it reads, and
// where they are), or returns nullptr to keep the event as written. What is left of a read
// event is kept on its wire (extra::events) and the event leaves the function.
void readFunctionEvents(
    ImportContext &x, const QString &logicalId, const QString &type,
    const std::function<Connection *(const QString &, CfnNode &, const QString &)> &read);
// A new Subscription wire from `source` to the block a target entry at `where` names; nullptr
// when refused or when the source already has one to it (the model holds one per source and
// target; reported, the entry stays as written).
Connection *newTargetWire(ImportContext &x, ComponentId source, ComponentId target,
                          const QString &where, const QVariantMap &extraData);
// A target entry's RoleArn when it names a role the export writes again: one only `principal`
// may assume, allowed only roleActions(), for a target whose service is reached through a role.
// The property then leaves `entry` and the role's logical id is returned (to consume once every
// rule is read); empty otherwise.
QString readTargetRole(ImportContext &x, CfnNode &entry, ComponentId target,
                       const QString &principal);

// The dead-letter queues of the target wires leaving each source, for the wire parameter naming
// a target's DLQ: empty is the source's only DLQ, so a name is needed only when its targets use
// several.
class TargetDlqs
{
public:
    // readDeadLetterArn for wire `w`'s entry; the queue, InvalidId when none.
    ComponentId read(ImportContext &x, const Connection &w, CfnNode &entry, const QString &where,
                     const QString &origin);
    // Sets parameter `key` of each wire whose source's targets use several queues; reports a
    // target without one when the others use a single queue.
    void assign(ImportContext &x, const QString &key) const;

private:
    struct Entry {
        ConnectionId wire = InvalidId;
        ComponentId queue = InvalidId;
        QString where;
    };
    QHash<ComponentId, QList<Entry>> m_bySource;
};

// The resources letting `principal` deliver from consumed rules (logical ids `sources`) to their
// targets and DLQs (`targets`): an AWS::Lambda::Permission for a rule target wire (its extra::name
// the rule), a service's delivery policy (SamAccess::policyType) that covers only `targets` and
// allows only `principal`. The export writes them again from the wires, so they are noted on the
// wires and consumed; anything else in them keeps them as written.
void readDeliveryGrants(ImportContext &x, const QString &principal, const QSet<QString> &sources,
                        const QSet<ComponentId> &targets);

} // namespace swb::sam
