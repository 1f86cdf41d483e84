#pragma once
// Internal to the analytic cost estimate (costusage.cpp and the service modules' usage rules):
// turns steady-state rates into monthly billing quantities with the metering rules of the
// pricing catalogue (chunks, rounding).

#include "model/costmodel.h"
#include "model/flowrates.h"
#include "model/pricing.h"
#include "model/services/registry.h"

#include <cmath>

namespace swb::usage {

constexpr double kKBPerGB = 1024.0 * 1024.0; // GB as AWS bills data: 2^30 bytes (an assumption)
constexpr char kFifoPayload[] = "publishes-fifo-payload";

inline QString millions(double v)
{
    if (std::abs(v) >= 1e5)
        return QStringLiteral("%1M").arg(v / 1e6, 0, 'f', 2);
    return QString::number(v, 'f', v == std::floor(v) ? 0 : 1);
}

class UsageBuilder
{
public:
    UsageBuilder(const Design &design, const FlowRates &flows, const PricingCatalogue &catalogue,
                 QStringList *assumptions)
        : m_design(design)
        , m_flows(flows)
        , m_catalogue(catalogue)
        , m_seconds(catalogue.secondsPerMonth())
        , m_assumptions(assumptions)
    {}

    QList<UsageQuantity> build()
    {
        for (const Component &c : m_design.components) {
            const ComponentFlow f = m_flows.component(c.id);
            // The service module's usage rule; blocks that are not AWS resources have none.
            if (const auto rule = serviceModule(c.kind).usage)
                rule(*this, c, f);
        }
        return m_usage;
    }

    // Per-service usage rules, called by the service modules (model/services/<service>/).
    void lambda(const Component &c, const ComponentFlow &f);
    void apiGateway(const Component &c, const ComponentFlow &f);
    void sns(const Component &c, const ComponentFlow &f);
    void sqs(const Component &c, const ComponentFlow &f);
    void kinesis(const Component &c, const ComponentFlow &f);
    void stepFunctions(const Component &c, const ComponentFlow &f);

    // For usage rules in the service modules: the design, the month in seconds, a dimension's
    // metering rules, a quantity, and an assumption of the estimate.
    const Design &design() const { return m_design; }
    double seconds() const { return m_seconds; }
    // The loader refuses a catalogue missing a required dimension; a catalogue built in code may
    // still lack one: its metering rules are then empty and priceUsage() reports the missing price.
    PriceDimension dim(const char *service, const QString &id) const
    {
        if (const PriceDimension *d = m_catalogue.dimension(QLatin1String(service), id))
            return *d;
        PriceDimension missing;
        missing.service = QLatin1String(service);
        missing.id = id;
        return missing;
    }

    void add(const Component &c, const char *service, const QString &dimension, double quantity,
             const QString &detail = {})
    {
        m_usage.append({c.id, QLatin1String(service), dimension, quantity, detail});
    }

    void note(const QString &text)
    {
        if (m_assumptions && !m_assumptions->contains(text))
            m_assumptions->append(text);
    }

private:
    const Design &m_design;
    const FlowRates &m_flows;
    const PricingCatalogue &m_catalogue;
    double m_seconds;
    QStringList *m_assumptions;
    QList<UsageQuantity> m_usage;
};

} // namespace swb::usage
