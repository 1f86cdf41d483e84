#pragma once
// What one AWS service (or the traffic source / downstream pseudo-services) declares to the
// layers: identity and palette text, parameters, wire parameters and the block's subtitle.
// Each service fills one of these in its own folder (model/services/<service>/); the registry
// (model/services/registry.h) is the only place that lists them, so no layer switches on the
// component kind for these facts.

#include "model/kinds.h"
#include "model/parameter.h"
#include "model/services/wiring.h"

#include <QList>
#include <QRgb>

namespace swb {

struct Component;
struct Connection;
class Design;
struct ComponentFlow;
namespace flow {
class Propagator;
}
namespace usage {
class Meter;
struct Dimension;
} // namespace usage
namespace sam {
struct ServiceSam;
}
struct ComparisonColumn;
class PricingCatalogue;

// What a fan-out wire (an SNS subscription, an event bus rule's target) lets through: its policy
// text in the filter grammar (model/filterpolicy.h), matched against the traffic's attributes,
// or, without one, the share of messages the user says it matches.
struct MatchRule {
    double share = 1;
    QString policy;
    const char *shareName = "Filter match share"; // the share's parameter, for messages
    const char *policyKey = "filterPolicy";       // the policy's parameter key, for messages
};

struct ServiceModule {
    ComponentKind kind;
    const char *id;        // stable, in files and on the command line ("lambda"); also the icon's
                           // file name, resources/icons/<id>.svg
    const char *name;      // shown to people ("Lambda function")
    const char *shortName; // the block's kind line, fits 160 canvas units ("Lambda")
    QRgb familyColor;      // matches the icon's background
    const char *paletteKeywords; // extra words the palette search matches
    const char *paletteSummary;  // the palette tool tip (translated in the "PaletteDock" context)

    // The block's knobs, with AWS defaults and ranges (built once by the catalogue).
    QList<ParamSpec> (*params)();
    // Knobs of a wire of this kind leaving a block of this service (empty list: none).
    QList<ParamSpec> (*wireParams)(ConnectionKind kind);
    // The block's second line on the canvas ("FIFO · 4 groups", "512 MB · 10 s").
    QString (*subtitle)(const Component &c);
    // Whether the block is a FIFO (ordered, deduplicated) variant; nullptr: the service has none.
    bool (*isFifo)(const Component &c) = nullptr;
    // Steady-state flow through a block (model/services/flowrule.h): reads the rates on its
    // incoming wires, sets its ComponentFlow and the rates on its outgoing wires.
    void (*flow)(flow::Propagator &p, const Component &c, ComponentFlow &f) = nullptr;
    // Billing (model/services/billing.h): the catalogue dimensions the service is billed in, and
    // the rule that bills a block in them, used by both the estimate and the run's bill. nullptr:
    // the block is not an AWS resource and is not billed.
    const QList<usage::Dimension> &(*billingDimensions)() = nullptr;
    void (*billing)(usage::Meter &m, const Component &c) = nullptr;
    // SAM export: the block's default CloudFormation resource type (nullptr: the block is not
    // exported as a resource), and the suffix of the environment variable a function wired to
    // it gets (QUEUE -> ORDERS_QUEUE_URL; nullptr: none).
    QString (*samType)(const QVariantMap &params) = nullptr;
    const char *samEnvSuffix = nullptr;
    // The service's own template forms (model/sam/samservice.h): the resources and events its
    // wires become, and how the importer reads them back. nullptr: the generic SAM code covers it.
    const sam::ServiceSam *sam = nullptr;
    // Wiring rules (model/services/wiring.h), in order: for wires leaving the block, and for
    // wires arriving at it that the source's service does not decide. nullptr: none.
    const QList<WireRule> &(*outgoingWires)() = nullptr;
    const QList<WireRule> &(*incomingWires)() = nullptr;
    // The wire the editor tries first towards `target`, whose refusal best explains why no wire
    // fits; nullptr: a sync invoke.
    ConnectionKind (*naturalWire)(const Component &target) = nullptr;
    // SNS: each subscription has its own DLQ, so a topic may have several redrive wires; other
    // services have one failure wire of each kind.
    bool failureWiresPerSubscription = false;
    // The match rule of a fan-out wire of kind Subscription leaving the block (nullptr: every
    // message matches). Read by the estimate (model/services/matching.h) and the simulator's
    // scenario builder, so filter policies and event bus patterns share one matcher.
    MatchRule (*matchRule)(const Connection &w) = nullptr;
    // The service's column in the pattern guide's comparison table (model/services/comparison.h),
    // its prices from `prices`. nullptr: the service is not one of the compared ways to get data
    // to a function.
    ComparisonColumn (*comparison)(const PricingCatalogue &prices) = nullptr;
    // Faults (model/design.h): whether a Throttle fault may lower a limit of the block, one the
    // simulator models (nullptr: the service has none to lower); whether an Outage may target one
    // Subscription wire leaving the block, its endpoint failing while the subscription's own
    // delivery policy retries it.
    bool (*throttles)(const Component &c) = nullptr;
    bool subscriptionOutage = false;
};

// True for a FIFO queue or topic (the service module decides).
bool isFifo(const Component &c);

// Shared helpers for subtitles.
namespace subtitle {
const QString &separator(); // " · "
QString number(double value);
} // namespace subtitle

} // namespace swb
