#pragma once

// Builds designs for the cost and flow tests through the Document, so every value and wire
// passes the same validation as in the editor. A refused edit aborts the test with its message.

#include "model/costmodel.h"
#include "model/document.h"

#include <QtGlobal>

namespace swb::test {

// 730 hours (the AWS calculator's month) in seconds.
constexpr double kMonth = 730.0 * 3600.0;

class DesignBuilder
{
public:
    ComponentId add(ComponentKind kind, const char *name, const QVariantMap &params = {})
    {
        const ComponentId id = m_doc.addComponent(kind, {}, QLatin1String(name));
        for (auto it = params.cbegin(); it != params.cend(); ++it) {
            QString error;
            if (!m_doc.setComponentParam(id, it.key(), it.value(), &error))
                qFatal("%s", qPrintable(error));
        }
        return id;
    }

    // A traffic source of rate req/s and payload KB wired into target.
    ComponentId traffic(ComponentId target, double rate, double payloadKB = 1,
                        const QVariantMap &more = {})
    {
        QVariantMap params = more;
        params.insert(QStringLiteral("rate"), rate);
        params.insert(QStringLiteral("payloadSize"), payloadKB);
        const ComponentId source = add(ComponentKind::TrafficSource, "traffic", params);
        wire(source, target, ConnectionKind::Traffic);
        return source;
    }

    ConnectionId wire(ComponentId source, ComponentId target, ConnectionKind kind,
                      const QVariantMap &params = {})
    {
        QString error;
        const ConnectionId id = m_doc.connectComponents(source, target, kind, &error);
        if (id == InvalidId)
            qFatal("%s", qPrintable(error));
        for (auto it = params.cbegin(); it != params.cend(); ++it) {
            if (!m_doc.setConnectionParam(id, it.key(), it.value(), &error))
                qFatal("%s", qPrintable(error));
        }
        return id;
    }

    const Design &design() const { return m_doc.design(); }

private:
    Document m_doc;
};

// Cost options without the free tier, so each block's row depends on its own usage only.
inline CostOptions noFreeTier()
{
    CostOptions o;
    o.freeTier = false;
    return o;
}

// A block's dollars in one service over all its rows.
inline double usdOf(const CostReport &r, ComponentId id, const QString &service)
{
    double usd = 0;
    for (const CostLine &line : r.lines) {
        if (line.component == id && line.serviceId == service)
            usd += line.usd;
    }
    return usd;
}

// The rows of one block, or of one block and dimension.
inline QList<CostLine> linesOf(const CostReport &report, ComponentId id,
                               const QString &dimension = {})
{
    QList<CostLine> lines;
    for (const CostLine &l : report.lines) {
        if (l.component == id && (dimension.isEmpty() || l.dimensionId == dimension))
            lines.append(l);
    }
    return lines;
}

inline const CostLine *lineOf(const CostReport &report, ComponentId id, const char *dimension)
{
    for (const CostLine &l : report.lines) {
        if (l.component == id && l.dimensionId == QLatin1String(dimension))
            return &l;
    }
    return nullptr;
}

inline qint64 centsOf(const CostReport &report, ComponentId id, const char *dimension)
{
    const CostLine *line = lineOf(report, id, dimension);
    if (!line)
        qFatal("no row %s for component %lld", dimension, id);
    return toCents(line->usd);
}

inline QVariantMap params(std::initializer_list<std::pair<const char *, QVariant>> items)
{
    QVariantMap map;
    for (const auto &[key, value] : items)
        map.insert(QLatin1String(key), value);
    return map;
}

// A Standard workflow of three Lambda tasks at `rate` executions/s, the middle one failing 10% of
// its attempts (default retrier: 3 retries, then the Catch fallback). Returns the state machine.
inline ComponentId flakyStandardWorkflow(DesignBuilder &b, double rate)
{
    const ComponentId sfn = b.add(ComponentKind::StepFunctions, "flow");
    const ComponentId a = b.add(ComponentKind::Lambda, "a");
    const ComponentId flaky = b.add(ComponentKind::Lambda, "flaky", params({{"errorRate", 0.1}}));
    const ComponentId c = b.add(ComponentKind::Lambda, "c");
    b.traffic(sfn, rate);
    b.wire(sfn, a, ConnectionKind::ServiceIntegration, params({{"order", 1}}));
    b.wire(sfn, flaky, ConnectionKind::ServiceIntegration, params({{"order", 2}}));
    b.wire(sfn, c, ConnectionKind::ServiceIntegration, params({{"order", 3}}));
    return sfn;
}

} // namespace swb::test
