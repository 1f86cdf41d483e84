#pragma once

// Shared by the file-format tests: a design that uses every block kind, every wire kind and every
// fault kind with every knob moved off its default, and a comparison that also checks value
// types (QVariant's operator== calls 3.0 and 3LL equal, so Design::operator== alone would not
// notice a double that came back as an integer).

#include "model/design.h"
#include "model/parametercatalogue.h"
#include "model/wiringrules.h"

#include <QByteArray>

#include <cmath>

namespace swb::testing {

// A value inside the spec's range, different from the default; salt varies it between owners.
// Reals get a fractional value except every third, which gets an integral double (the case
// JSON text turns into an integer).
inline QVariant nonDefault(const ParamSpec &spec, int salt) {
    switch (spec.type) {
    case ParamType::Boolean:
        return !spec.defaultValue.toBool();
    case ParamType::Choice:
        for (const QString &choice : spec.choices) {
            if (choice != spec.defaultValue.toString())
                return choice;
        }
        return spec.defaultValue; // a single allowed value (region)
    case ParamType::Text:
        return QStringLiteral("text %1 \u00e9\u4e2d \"quoted\"\n").arg(salt);
    case ParamType::Integer: {
        const qlonglong span = qlonglong(spec.maximum - spec.minimum);
        qlonglong v = qlonglong(spec.minimum) + (span > 3 ? (span / 3 + salt) % span : span);
        if (v == spec.defaultValue.toLongLong())
            v = v == qlonglong(spec.maximum) ? qlonglong(spec.minimum) : qlonglong(spec.maximum);
        return v;
    }
    case ParamType::Real: {
        double v = spec.minimum + (spec.maximum - spec.minimum) * (0.37 + 0.01 * (salt % 7));
        if (salt % 3 == 0)
            v = std::floor(v);
        if (v == spec.defaultValue.toDouble() || v < spec.minimum)
            v = spec.maximum;
        return v;
    }
    }
    return {};
}

inline void moveOffDefaults(QVariantMap *params, const QList<ParamSpec> &specs, int salt) {
    for (const ParamSpec &spec : specs)
        params->insert(spec.key, nonDefault(spec, salt++));
}

inline QVariantMap sampleExtra(int salt) {
    QVariantMap nested{{QStringLiteral("$type"), QStringLiteral("looks like a tag")},
                       {QStringLiteral("n"), qlonglong(salt)}};
    return {
        {QStringLiteral("text"), QStringLiteral("Fn::GetAtt %1").arg(salt)},
        {QStringLiteral("integer"), qlonglong(42 + salt)},
        {QStringLiteral("big"), qlonglong(9007199254740993LL)},
        {QStringLiteral("fraction"), 0.1 + salt},
        {QStringLiteral("integralDouble"), 3.0 + salt},
        {QStringLiteral("hugeDouble"), 1e300},
        {QStringLiteral("infinite"), -INFINITY},
        {QStringLiteral("flag"), true},
        {QStringLiteral("int32"), int(7)},
        {QStringLiteral("bytes"), QByteArray("\x00\x01\xff", 3)},
        {QStringLiteral("strings"), QStringList{QStringLiteral("a"), QStringLiteral("b")}},
        {QStringLiteral("list"), QVariantList{qlonglong(1), QStringLiteral("x"), 2.0, false}},
        {QStringLiteral("tagLookalike"), nested},
        {QStringLiteral("empty"), QVariant()},
    };
}

// One block of every kind, one wire of every kind (each legal by the AWS rules), one fault of
// every kind; every parameter, setting and fault field off its default; fractional positions.
inline Design fullDesign() {
    Design d;
    d.name = QStringLiteral("Everything \u2013 round trip");
    int salt = 1;
    moveOffDefaults(&d.settings, catalogue::projectParams(), salt++);
    d.extra = sampleExtra(0);
    auto add = [&](ComponentKind kind, const QString &name) {
        Component c = d.makeComponent(kind, name, QPointF(-12.5 + 101.25 * salt, 0.1 * salt));
        moveOffDefaults(&c.params, catalogue::componentParams(kind), salt * 5);
        c.extra = sampleExtra(salt++);
        d.components.insert(c.id, c);
        return c.id;
    };
    const ComponentId traffic = add(ComponentKind::TrafficSource, QStringLiteral("users"));
    const ComponentId api = add(ComponentKind::ApiGateway, QStringLiteral("api"));
    const ComponentId sns = add(ComponentKind::SnsTopic, QStringLiteral("events"));
    const ComponentId sqs = add(ComponentKind::SqsQueue, QStringLiteral("orders"));
    const ComponentId dlq = add(ComponentKind::SqsQueue, QStringLiteral("orders-dlq"));
    const ComponentId kinesis = add(ComponentKind::KinesisStream, QStringLiteral("clicks"));
    const ComponentId sfn = add(ComponentKind::StepFunctions, QStringLiteral("workflow"));
    const ComponentId fn = add(ComponentKind::Lambda, QStringLiteral("worker"));
    const ComponentId fn2 = add(ComponentKind::Lambda, QStringLiteral("reader"));
    const ComponentId db = add(ComponentKind::Downstream, QStringLiteral("db"));
    // Variants the wires below rely on: a REST API, standard queues/topic.
    d.components[api].params[QStringLiteral("type")] = QStringLiteral("REST");
    for (ComponentId id : {sns, sqs, dlq})
        d.components[id].params[QStringLiteral("type")] = QStringLiteral("Standard");

    auto wire = [&](ComponentId from, ComponentId to, ConnectionKind kind) {
        Connection w;
        w.id = d.allocateId();
        w.source = from;
        w.target = to;
        w.kind = kind;
        const ComponentKind sourceKind = d.components.value(from).kind;
        w.params = catalogue::defaultConnectionParams(kind, sourceKind);
        moveOffDefaults(&w.params, catalogue::connectionParams(kind, sourceKind), salt * 3);
        w.extra = sampleExtra(salt++);
        d.connections.insert(w.id, w);
    };
    wire(traffic, api, ConnectionKind::Traffic);
    wire(api, fn, ConnectionKind::SyncInvoke);
    wire(fn, db, ConnectionKind::SyncInvoke);
    wire(fn, fn2, ConnectionKind::AsyncInvoke);
    wire(sqs, fn, ConnectionKind::EventSourceMapping);
    wire(kinesis, fn2, ConnectionKind::EventSourceMapping);
    wire(sns, sqs, ConnectionKind::Subscription);
    wire(api, sfn, ConnectionKind::ServiceIntegration);
    wire(sfn, fn, ConnectionKind::ServiceIntegration);
    wire(fn2, dlq, ConnectionKind::OnFailure);
    wire(sqs, dlq, ConnectionKind::Redrive);

    auto fault = [&](FaultKind kind, ComponentId target) {
        Fault f;
        f.id = d.allocateId();
        f.kind = kind;
        f.target = target;
        f.start = 12.75 * salt;
        f.duration = 33.5 + salt;
        f.errorRate = 0.35;
        f.durationFactor = 2.5;
        f.rateFactor = kind == FaultKind::Throttle ? 0.45 : 7.25; // a throttle's limit factor
        ++salt;
        d.faults.insert(f.id, f);
    };
    fault(FaultKind::BadDeploy, fn);
    fault(FaultKind::Outage, db);
    fault(FaultKind::TrafficSpike, traffic);
    fault(FaultKind::Outage, sqs); // an outage applies to any service block
    fault(FaultKind::Outage, fn2);
    fault(FaultKind::Throttle, kinesis);
    d.nextId += 17; // ids freed by deletions are never reused
    return d;
}

// The first difference in value or type between two variants, or an empty string.
inline QString typedDiff(const QVariant &a, const QVariant &b, const QString &path) {
    if (a.typeId() != b.typeId())
        return QStringLiteral("%1: type %2 vs %3")
            .arg(path, QLatin1String(a.typeName()), QLatin1String(b.typeName()));
    if (a.typeId() == QMetaType::QVariantMap) {
        const QVariantMap ma = a.toMap();
        const QVariantMap mb = b.toMap();
        if (ma.keys() != mb.keys())
            return path + QStringLiteral(": keys differ");
        for (auto it = ma.cbegin(); it != ma.cend(); ++it) {
            const QString diff =
                typedDiff(it.value(), mb.value(it.key()), path + QLatin1Char('.') + it.key());
            if (!diff.isEmpty())
                return diff;
        }
        return {};
    }
    if (a.typeId() == QMetaType::QVariantList) {
        const QVariantList la = a.toList();
        const QVariantList lb = b.toList();
        if (la.size() != lb.size())
            return path + QStringLiteral(": lengths differ");
        for (qsizetype i = 0; i < la.size(); ++i) {
            const QString diff = typedDiff(la[i], lb[i], path + QStringLiteral("[%1]").arg(i));
            if (!diff.isEmpty())
                return diff;
        }
        return {};
    }
    if (a.typeId() == QMetaType::Double) {
        const double x = a.toDouble();
        const double y = b.toDouble();
        if (x == y || (std::isnan(x) && std::isnan(y)))
            return {};
        return QStringLiteral("%1: %2 vs %3").arg(path).arg(x, 0, 'g', 17).arg(y, 0, 'g', 17);
    }
    if (a != b)
        return QStringLiteral("%1: '%2' vs '%3'").arg(path, a.toString(), b.toString());
    return {};
}

// Design::operator== plus the types of every parameter, setting and extra value.
inline QString designDiff(const Design &a, const Design &b) {
    QString diff = typedDiff(a.settings, b.settings, QStringLiteral("settings"));
    if (diff.isEmpty())
        diff = typedDiff(a.extra, b.extra, QStringLiteral("extra"));
    for (const Component &c : a.components) {
        const Component o = b.components.value(c.id);
        if (diff.isEmpty())
            diff = typedDiff(c.params, o.params, QStringLiteral("block %1 params").arg(c.name));
        if (diff.isEmpty())
            diff = typedDiff(c.extra, o.extra, QStringLiteral("block %1 extra").arg(c.name));
    }
    for (const Connection &w : a.connections) {
        const Connection o = b.connections.value(w.id);
        if (diff.isEmpty())
            diff = typedDiff(w.params, o.params, QStringLiteral("wire %1 params").arg(w.id));
        if (diff.isEmpty())
            diff = typedDiff(w.extra, o.extra, QStringLiteral("wire %1 extra").arg(w.id));
    }
    if (diff.isEmpty() && !(a == b))
        diff = QStringLiteral("the designs differ (Design::operator==)");
    return diff;
}

// A fixture that is not valid to begin with would make every round trip test meaningless.
inline bool fixtureIsLegal(const Design &d, QString *why) {
    Design rebuilt = d;
    rebuilt.connections.clear();
    for (const Connection &w : d.connections) {
        const WiringVerdict verdict = checkWire(rebuilt, w.source, w.target, w.kind);
        if (!verdict.allowed) {
            *why = verdict.reason;
            return false;
        }
        rebuilt.connections.insert(w.id, w);
    }
    return true;
}

} // namespace swb::testing
