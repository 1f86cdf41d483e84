#pragma once

#include "model/ids.h"
#include "model/kinds.h"

#include <QList>
#include <QMap>
#include <QPointF>
#include <QString>
#include <QVariantMap>

namespace swb {

struct Component {
    ComponentId id = InvalidId;
    ComponentKind kind = ComponentKind::Lambda;
    QString name;       // unique within a design; also the SAM logical id on export
    QPointF position;   // top-left of the block on the canvas, scene units
    QVariantMap params; // catalogue key -> normalised value, every catalogue key present
    QVariantMap extra;  // opaque data kept for round trips (e.g. unmodelled SAM properties)

    bool operator==(const Component &) const = default;
};

struct Connection {
    ConnectionId id = InvalidId;
    ComponentId source = InvalidId;
    ComponentId target = InvalidId;
    ConnectionKind kind = ConnectionKind::SyncInvoke;
    QVariantMap params;
    QVariantMap extra;

    bool operator==(const Connection &) const = default;
};

// A window in simulated time during which something goes wrong (DESIGN.md "fault injection").
enum class FaultKind {
    BadDeploy,    // a Lambda's error rate and/or duration change
    Outage,       // a block refuses every request (a downstream dependency, or an AWS service)
    TrafficSpike, // a traffic source's rate is multiplied
    Throttle,     // a block's limit is lowered (multiplied by rateFactor, 0..1)
};

QString faultKindId(FaultKind kind);
QString faultKindName(FaultKind kind);
bool faultKindFromId(const QString &id, FaultKind *kind);

struct Fault {
    FaultId id = InvalidId;
    FaultKind kind = FaultKind::BadDeploy;
    // A block; an Outage may instead name an SNS subscription wire (ids are unique across blocks
    // and wires): only that endpoint fails.
    ComponentId target = InvalidId;
    double start = 0;            // s of simulated time
    double duration = 60;        // s
    double errorRate = 1.0;      // BadDeploy: error rate during the window, 0..1
    double durationFactor = 1.0; // BadDeploy: duration multiplier, > 0
    double rateFactor = 10.0;    // TrafficSpike: rate multiplier, >= 0; Throttle: limit x, 0..1

    bool operator==(const Fault &) const = default;
};

// The component kind a fault kind is meant for first (an outage: a downstream dependency); the
// kinds it applies to (an outage: every block but a traffic source); the bare reason when a
// fault is invalid.
ComponentKind faultTargetKind(FaultKind kind);
bool faultAppliesTo(FaultKind kind, ComponentKind target);
// A fault kind that may target a wire of this kind from this kind of block (an Outage: an SNS
// topic's subscription).
bool faultAppliesToWire(FaultKind kind, ConnectionKind wire, ComponentKind source);
// The target as the user knows it: a block's name, or "topic -> endpoint" for a wire; "" if gone.
QString faultTargetName(const Fault &fault, const class Design &design);
// The wire a name in faultTargetName's form designates: "source -> target" (spaces around the
// arrow optional) from the block named `source` to the block named `target`, of the kind `kind`;
// InvalidId if there is none.
ConnectionId wireByName(const class Design &design, const QString &name, ConnectionKind kind);
QString validateFault(const Fault &fault, const class Design &design);

// The whole architecture as a value: what files store, what the simulator compiles and what the
// cost model prices. Maps are keyed by id so iteration order is stable.
class Design
{
public:
    QString name;
    QVariantMap settings; // project settings, catalogue::projectParams() keys
    QVariantMap extra;    // opaque design-level data kept for round trips (SAM sections)
    QMap<ComponentId, Component> components;
    QMap<ConnectionId, Connection> connections;
    QMap<FaultId, Fault> faults;
    qint64 nextId = 1;

    Design();

    qint64 allocateId() { return nextId++; }

    const Component *component(ComponentId id) const;
    const Connection *connection(ConnectionId id) const;
    const Component *componentByName(const QString &name) const;
    QList<ConnectionId> connectionsOf(ComponentId id) const; // incoming and outgoing
    QList<const Connection *> outgoing(ComponentId id) const;
    QList<const Connection *> incoming(ComponentId id) const;

    // "orders", "orders 2", ... : a name not yet used by any component.
    QString uniqueName(const QString &base) const;

    // Builds a component of the kind with every catalogue default; does not insert it.
    Component makeComponent(ComponentKind kind, const QString &name, QPointF position);

    QVariant setting(const QString &key) const;

    bool operator==(const Design &) const = default;
};

} // namespace swb
