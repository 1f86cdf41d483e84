// The kernel's side of the registry (core/servicelist.h): the service table, the set-up order,
// component counts and metric declarations, all generated from SWB_CORE_SERVICES. A new service
// changes nothing here.
#include "core/kernel.h"

#include <iterator>

namespace swb::core {

// Defined by each module (core/services/<service>/...cpp).
#define SWB_FACTORY(Name, ...) ServiceSlot make##Name##Service(Kernel &k);
SWB_CORE_SERVICES(SWB_FACTORY)
#undef SWB_FACTORY

void makeServiceSlots(Kernel &k, std::array<ServiceSlot, kKindSlots> &slots,
                      std::vector<ComponentKind> &order)
{
    order.clear();
#define SWB_SLOT(Name, ...)                                                                        \
    slots[kindIndex(ComponentKind::Name)] = make##Name##Service(k);                                \
    order.push_back(ComponentKind::Name);
    SWB_CORE_SERVICES(SWB_SLOT)
#undef SWB_SLOT
}

std::size_t Kernel::componentCount(ComponentKind k) const
{
#define SWB_COUNT(Name, value, Settings, field, ...)                                               \
    if (k == ComponentKind::Name)                                                                  \
        return m_sc.field.size();
    SWB_CORE_SERVICES(SWB_COUNT)
#undef SWB_COUNT
    return 0;
}

const MetricDecl *metricDecl(MetricId id)
{
    auto in = [&](const auto &table) {
        return id.index < std::size(table) ? &table[id.index] : nullptr;
    };
    if (id.owner == ComponentKind::None)
        return in(kLedgerMetrics);
#define SWB_DECL(Name, value, Settings, field, MetricEnum, table)                                  \
    if (id.owner == ComponentKind::Name)                                                           \
        return in(table);
    SWB_CORE_SERVICES(SWB_DECL)
#undef SWB_DECL
    return nullptr;
}

} // namespace swb::core
