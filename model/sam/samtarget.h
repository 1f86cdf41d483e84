#pragma once

// Targets an AWS service pushes to on the user's behalf (a rule's targets, a schedule's, a
// pipe's) in templates: the pieces of their form that do not depend on the pushing service, for
// any service module's SAM mapping (model/sam/samservice.h) to call. A target entry names its
// resource by Arn, may carry a RetryPolicy and a DeadLetterConfig (an SQS queue's Arn), and the
// target's own resource policy must let the pushing service's principal in.

#include "model/ids.h"
#include "model/parameter.h"
#include "model/sam/cfnnode.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <vector>

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

} // namespace swb::sam
