#include "model/patternaxes.h"

#include "model/services/registry.h"

// The cells are the service modules' own (ServiceModule::comparison): every number a user can
// set comes from the parameter catalogue and every price from the catalogue passed in, so the
// table cannot drift from the inspector, the simulator or the cost model.

namespace swb {

QList<PatternAxis> allPatternAxes()
{
    return {PatternAxis::Scale,       PatternAxis::Durability, PatternAxis::Persistence,
            PatternAxis::Consumption, PatternAxis::Retries,    PatternAxis::Pricing};
}

PatternAxes patternAxes(const PricingCatalogue &prices)
{
    PatternAxes table;
    table.axisNames = {QStringLiteral("Scale and concurrency controls"),
                       QStringLiteral("Durability"),
                       QStringLiteral("Persistence"),
                       QStringLiteral("Consumption"),
                       QStringLiteral("Retries and failures"),
                       QStringLiteral("Pricing")};
    table.cells.resize(kPatternAxisCount);
    for (const ServiceModule *m : serviceModules()) {
        if (!m->comparison)
            continue;
        const ComparisonColumn column = m->comparison(prices);
        Q_ASSERT(column.cells.size() == kPatternAxisCount);
        table.channels.append(m->kind);
        table.channelNames.append(column.name);
        for (int axis = 0; axis < kPatternAxisCount; ++axis)
            table.cells[axis].append(column.cells.value(axis));
    }
    table.priceNote = QStringLiteral("Prices: %1, %2, catalogue dated %3.")
                          .arg(prices.region, prices.currency, prices.date);
    return table;
}

} // namespace swb
