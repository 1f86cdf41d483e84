#pragma once

#include "model/kinds.h"
#include "model/sam/cfnnode.h"

#include <QList>
#include <QString>
#include <QVariant>

namespace swb::sam {

// How a catalogue parameter is written in a template. Shared by import and export so the two
// directions cannot drift apart.
enum class Conversion {
    Plain,       // the value as is (numbers, booleans)
    FifoFlag,    // FifoQueue / FifoTopic: true <-> "FIFO", absent/false <-> "Standard"
    FirstOfList, // Architectures: [arm64] <-> "arm64"
    StreamMode,  // StreamModeDetails.StreamMode: ON_DEMAND <-> "On-demand"
    UpperChoice, // Type: EXPRESS <-> "Express"
    WholeNumber, // an integer property (ThrottlingBurstLimit, TimeoutInMillis): the value
                 // rounded; a fractional parameter keeps its exact value in Metadata too
    // An SQS FIFO queue's high-throughput mode is two properties (aws-behaviour.md §4):
    ThroughputLimit,    // FifoThroughputLimit: perMessageGroupId <-> true, perQueue <-> false
    DeduplicationScope, // DeduplicationScope: messageGroup <-> true, queue <-> false
};

struct PropertyMapping {
    QString key;      // catalogue key ("memory")
    QString property; // path under Properties ("MemorySize"), see findProperty
    Conversion conversion = Conversion::Plain;
};

// A property path is a dotted path of map keys ("ScalingConfig.MaximumConcurrency"), or starts
// with "MethodSettings[*]." for a key of the MethodSettings entry that covers every resource and
// method (ResourcePath "/*", HttpMethod "*"): where a REST API stage's default throttling lives
// (AWS::ApiGateway::Stage MethodSetting; aws-behaviour.md, API Gateway throttling).
const CfnNode *findProperty(const CfnNode &props, const QString &property);
void setProperty(CfnNode &props, const QString &property, const CfnNode &value);
// Removes the leaf, then maps (and the all-methods entry) left empty. False when absent.
bool removeProperty(CfnNode &props, const QString &property);
// True when toTemplateValue writes the value without loss (a WholeNumber with a fraction does
// not: Metadata keeps the exact value).
bool writtenExactly(Conversion conversion, const QVariant &value);

// Block kind of a resource type; false when the type is not modelled as a block.
bool componentKindForType(const QString &resourceType, ComponentKind *kind);
// The SAM resource type a designed block is exported as.
QString defaultTypeFor(ComponentKind kind, const QVariantMap &params);
// Catalogue parameters stored in the properties of a resource type.
const QList<PropertyMapping> &propertyMappings(const QString &resourceType);

// Template value -> catalogue value (before range checks). False when not convertible.
bool toCatalogueValue(Conversion conversion, const QString &text, QVariant *value);
// Catalogue value -> template node.
CfnNode toTemplateValue(Conversion conversion, const QVariant &value);

// The API's integration timeout travels on the Api / HttpApi events of the functions it calls
// (SAM event property TimeoutInMillis, an integer; REST 50 ms to 29 s, HTTP at most 30 s). SAM
// state machine Api events have no such property, so there it stays in Metadata.
inline const QString kIntegrationTimeoutKey = QStringLiteral("integrationTimeout");
inline const QString kEventTimeoutProperty = QStringLiteral("TimeoutInMillis");

// Event source mapping properties <-> wire parameters (SAM event properties and
// AWS::Lambda::EventSourceMapping share the names).
struct WireMapping {
    QString key;
    QString property;
};
const QList<WireMapping> &mappingWireProperties(ComponentKind sourceKind);

// Logical id from a block name: alphanumerics only, never empty, starting with a letter.
QString sanitizeLogicalId(const QString &name);

// Keys of the extra maps (Component::extra, Connection::extra, Design::extra).
namespace extra {
inline const QString logicalId = QStringLiteral("sam.logicalId");
inline const QString type = QStringLiteral("sam.type");
inline const QString resource = QStringLiteral("sam.resource"); // kept resource, YAML text
inline const QString present = QStringLiteral("sam.present");   // mapped keys the source wrote
inline const QString bound = QStringLiteral("sam.bound"); // key -> value of a !Ref'd parameter
inline const QString implicitApi = QStringLiteral("sam.implicitApi");
inline const QString origin = QStringLiteral("sam.origin"); // how a wire was written
inline const QString events = QStringLiteral("sam.events"); // wire: its SAM events, YAML text
inline const QString node = QStringLiteral("sam.node");     // wire: its kept resource/entry, YAML
inline const QString name = QStringLiteral("sam.name");     // wire: logical id / state name
inline const QString templateText = QStringLiteral("sam.template"); // design: kept sections
inline const QString header = QStringLiteral("sam.header");         // design: leading comments
// wire: the logical id and the YAML text of the target's imported resource policy (a function's
// permission for the pushing service), which the export writes again with what else it said
inline const QString permission = QStringLiteral("sam.permission");
inline const QString permissionNode = QStringLiteral("sam.permissionNode");
// wire: the logical id of the imported resource policy of its target that the export writes again
inline const QString policy = QStringLiteral("sam.policy");
} // namespace extra

// Wire origins (extra::origin). A wire without an origin was drawn in the editor.
namespace origin {
inline const QString event = QStringLiteral("event");                // SAM Events entry
inline const QString esm = QStringLiteral("esm");                    // EventSourceMapping resource
inline const QString subscription = QStringLiteral("subscription");  // SNS::Subscription resource
inline const QString inlineSubscription = QStringLiteral("inline");  // Topic.Subscription entry
inline const QString redrive = QStringLiteral("redrive");            // Queue.RedrivePolicy
inline const QString deadLetterQueue = QStringLiteral("dlq");        // SAM DeadLetterQueue
inline const QString deadLetterConfig = QStringLiteral("dlqConfig"); // Lambda DeadLetterConfig
inline const QString destination = QStringLiteral("destination");    // EventInvokeConfig OnFailure
inline const QString streamDestination = QStringLiteral("streamDestination"); // ESM OnFailure
inline const QString ruleTarget = QStringLiteral("rule"); // entry of a rule's Targets
inline const QString kept = QStringLiteral("kept");       // reference inside content kept verbatim
inline const QString metadata = QStringLiteral("metadata"); // Metadata.ServerlessWorkbench
} // namespace origin

inline const QString kMetadataKey = QStringLiteral("ServerlessWorkbench");

} // namespace swb::sam
