// The usage pipeline's shared part (model/services/billing.h) and its estimate: usageFromFlows()
// runs every block's billing rule on the steady-state rates (model/flowrates.h), metered with the
// catalogue's chunk and rounding rules. Declared in costmodel.h.

#include "model/costmodel.h"

#include "model/services/billing.h"
#include "model/services/registry.h"

#include <cmath>

namespace swb {

namespace usage {

QString millions(double v)
{
    if (std::abs(v) >= 1e5)
        return QStringLiteral("%1M").arg(v / 1e6, 0, 'f', 2);
    return QString::number(v, 'f', v == std::floor(v) ? 0 : 1);
}

Meter::Meter(const Design &design, const PricingCatalogue &catalogue)
    : m_design(design)
    , m_catalogue(catalogue)
{}

Meter::~Meter() = default;

QList<UsageQuantity> Meter::collect()
{
    m_usage.clear();
    for (const Component &c : m_design.components) {
        // The service module's billing rule; blocks that are not AWS resources have none.
        if (const auto rule = serviceModule(c.kind).billing)
            rule(*this, c);
    }
    return m_usage;
}

PriceDimension Meter::dimension(const Component &c, const QString &id) const
{
    const QString service = QLatin1String(serviceModule(c.kind).id);
    if (const PriceDimension *d = m_catalogue.dimension(service, id))
        return *d;
    PriceDimension missing;
    missing.service = service;
    missing.id = id;
    return missing;
}

bool Meter::priced(const Component &c, const QString &id) const
{
    return m_catalogue.dimension(QLatin1String(serviceModule(c.kind).id), id) != nullptr;
}

void Meter::configured(const Component &c, const QString &dimension, double monthly,
                       const QString &detail)
{
    add(c, dimension, monthly, detail);
}

void Meter::meteredPerChunk(const Component &c, const PriceDimension &d, const QString &items,
                            const QString &chunks, const char *runSeries)
{
    const double month = seconds();
    metered(
        c, d.id,
        [&](const ComponentFlow &f) {
            const double count = f.inRate * month;
            const double perItem = meteredChunks(f.payloadKB, d.chunkKB);
            return Estimate{count * perItem, QStringLiteral("%1 %2 x %3 %4 of %5 KB")
                                                 .arg(millions(count), items)
                                                 .arg(perItem)
                                                 .arg(chunks)
                                                 .arg(d.chunkKB)};
        },
        [runSeries](const RunTotal &total) { return total(runSeries); });
}

void Meter::note(const QString &) {}

void Meter::add(const Component &c, const QString &dimension, double quantity,
                const QString &detail)
{
    const ServiceModule &m = serviceModule(c.kind);
    // A rule bills only the dimensions its module declares (tests/model/billing.cpp checks it
    // for every bundled pattern).
    Q_ASSERT(m.billingDimensions && [&] {
        for (const Dimension &d : m.billingDimensions())
            if (dimension == QLatin1String(d.id))
                return true;
        return false;
    }());
    m_usage.append({c.id, QLatin1String(m.id), dimension, quantity, detail});
}

QList<QPair<QString, QString>> declaredDimensions(bool requiredOnly)
{
    QList<QPair<QString, QString>> list;
    for (const ServiceModule *m : serviceModules()) {
        if (!m->billingDimensions)
            continue;
        for (const Dimension &d : m->billingDimensions())
            if (d.required || !requiredOnly)
                list.append({QLatin1String(m->id), QLatin1String(d.id)});
    }
    return list;
}

namespace {

// The estimate: a metered quantity from the block's steady-state rates.
class EstimateMeter : public Meter
{
public:
    EstimateMeter(const Design &design, const FlowRates &flows, const PricingCatalogue &catalogue,
                  QStringList *assumptions)
        : Meter(design, catalogue)
        , m_flows(flows)
        , m_assumptions(assumptions)
    {}

    void metered(const Component &c, const QString &dimension, const EstimateRecipe &estimate,
                 const RunRecipe &) override
    {
        const Estimate e = estimate(m_flows.component(c.id));
        add(c, dimension, e.quantity, e.detail);
    }

    void note(const QString &text) override
    {
        if (m_assumptions && !m_assumptions->contains(text))
            m_assumptions->append(text);
    }

private:
    const FlowRates &m_flows;
    QStringList *m_assumptions;
};

} // namespace

} // namespace usage

QList<UsageQuantity> usageFromFlows(const Design &design, const FlowRates &flows,
                                    const PricingCatalogue &catalogue, QStringList *assumptions)
{
    return usage::EstimateMeter(design, flows, catalogue, assumptions).collect();
}

} // namespace swb
