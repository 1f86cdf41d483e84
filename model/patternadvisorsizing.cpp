#include "model/document.h"
#include "model/patternadvisor.h"
#include "model/patterns.h"

#include <algorithm>
#include <cmath>

// Sizing a bundled pattern for the user's load. Every number goes through Document edits so the
// catalogue validates it exactly like a user's edit.

namespace swb {

namespace {

class Sizer
{
public:
    explicit Sizer(const Design &design) { m_doc.replaceDesign(design); }

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    Design design() const { return m_doc.design(); }

    QList<ComponentId> ofKind(ComponentKind kind) const
    {
        QList<ComponentId> ids;
        for (const Component &c : m_doc.design().components) {
            if (c.kind == kind)
                ids.append(c.id);
        }
        return ids;
    }

    void set(ComponentId id, const char *key, const QVariant &value)
    {
        if (m_ok)
            m_ok = m_doc.setComponentParam(id, QLatin1String(key), value, &m_error);
    }

    void setWire(ComponentId source, ConnectionKind kind, const char *key, const QVariant &value)
    {
        for (const Connection &w : m_doc.design().connections) {
            if (w.source == source && w.kind == kind && m_ok)
                m_ok = m_doc.setConnectionParam(w.id, QLatin1String(key), value, &m_error);
        }
    }

    // The Lambda read by an event source mapping from source, if any.
    ComponentId consumerOf(ComponentId source) const
    {
        for (const Connection &w : m_doc.design().connections) {
            if (w.source == source && w.kind == ConnectionKind::EventSourceMapping)
                return w.target;
        }
        return InvalidId;
    }

private:
    Document m_doc;
    QString m_error;
    bool m_ok = true;
};

int timeoutFor(const Workload &load)
{
    // Five times the mean duration leaves room for the slow tail; Lambda allows 1..900 s.
    return std::clamp(static_cast<int>(std::ceil(load.durationMs * 5 / 1000.0)), 3, 900);
}

} // namespace

std::optional<Design> makeRecommendedPattern(const QString &id, const Workload &load,
                                             QString *error)
{
    const std::optional<Design> base = makePattern(id);
    if (!base) {
        if (error)
            *error = QStringLiteral("unknown pattern '%1' (allowed: %2)")
                         .arg(id, patternIds().join(QLatin1String(", ")));
        return std::nullopt;
    }
    Sizer s(*base);
    for (ComponentId t : s.ofKind(ComponentKind::TrafficSource)) {
        s.set(t, "rate", load.rate);
        s.set(t, "payloadSize", load.payloadKb);
    }
    const int timeout = timeoutFor(load);
    const int concurrency = concurrencyFor(load);
    // Lambdas behind a queue or stream are sized below; the others get the duration here.
    for (ComponentId fn : s.ofKind(ComponentKind::Lambda)) {
        s.set(fn, "duration", load.durationMs);
        s.set(fn, "timeout", timeout);
    }
    if (id == QLatin1String("api-lambda")) {
        for (ComponentId fn : s.ofKind(ComponentKind::Lambda))
            s.set(fn, "reservedConcurrency", concurrency);
        // The database accepts as many connections as the functions can open.
        for (ComponentId db : s.ofKind(ComponentKind::Downstream))
            s.set(db, "maxConnections", concurrency);
    }
    for (ComponentId q : s.ofKind(ComponentKind::SqsQueue)) {
        const ComponentId fn = s.consumerOf(q);
        if (fn == InvalidId)
            continue; // a DLQ
        // AWS: visibility timeout >= 6 x function timeout (max 12 h).
        s.set(q, "visibilityTimeout", std::min(6 * timeout, 43200));
        // Batches of 10: each invocation handles 10 messages, so fewer environments are needed.
        const int batches = std::max(2, concurrency / 10 + 1);
        s.set(fn, "reservedConcurrency", std::max(batches, 2));
        s.setWire(q, ConnectionKind::EventSourceMapping, "maximumConcurrency",
                  std::clamp(batches, 2, 1000));
    }
    for (ComponentId k : s.ofKind(ComponentKind::KinesisStream)) {
        const int shards = kinesisShardsFor(load);
        s.set(k, "capacityMode", QStringLiteral("Provisioned"));
        s.set(k, "shards", shards);
        // Enough concurrent batches per shard for 100-record batches of this duration.
        const double batchesPerSecond = load.rate / 100.0;
        const double needed = batchesPerSecond * load.durationMs / 1000.0 * load.headroom;
        const int factor = std::clamp(static_cast<int>(std::ceil(needed / shards)), 1, 10);
        s.setWire(k, ConnectionKind::EventSourceMapping, "batchSize", 100);
        s.setWire(k, ConnectionKind::EventSourceMapping, "parallelizationFactor", factor);
    }
    if (!s.ok()) {
        if (error)
            *error = s.error();
        return std::nullopt;
    }
    return s.design();
}

} // namespace swb
