#pragma once
// How the core names a component and one of its metrics. A component is (kind, index into that
// kind's settings vector in the Scenario); the kind is the service module that owns it, and its
// slot in the kernel's service table (core/service.h). Kinds come from the registry
// (core/servicelist.h).

#include "core/servicelist.h"

#include <cstddef>
#include <cstdint>

namespace swb::core {

#define SWB_KIND_VALUE(Name, value, ...) Name = value,
enum class ComponentKind : std::uint8_t { None = 0, SWB_CORE_SERVICES(SWB_KIND_VALUE) };
#undef SWB_KIND_VALUE

// Kind values are below kKindSlots: the size of the kernel's service table.
inline constexpr std::size_t kKindSlots = [] {
    std::size_t n = 1;
#define SWB_KIND_MAX(Name, value, ...) n = n > (value) + 1 ? n : (value) + 1;
    SWB_CORE_SERVICES(SWB_KIND_MAX)
#undef SWB_KIND_MAX
    return n;
}();

inline constexpr std::size_t kindIndex(ComponentKind k)
{
    return static_cast<std::size_t>(k);
}

struct ComponentRef {
    ComponentKind kind = ComponentKind::None;
    std::uint32_t index = 0;

    bool valid() const { return kind != ComponentKind::None; }
    friend bool operator==(const ComponentRef &, const ComponentRef &) = default;
};

// Names one metric without a string: the service that declares it (kind None: the kernel's
// ledger) and its index in that service's declaration table, i.e. the value of the service's
// metric enum. Look-up: MetricStore::find(component, metricId(LmConcurrency)) or
// find(component, LmConcurrency); describe it with metricDecl().
struct MetricId {
    ComponentKind owner = ComponentKind::None;
    std::uint16_t index = 0;

    friend bool operator==(const MetricId &, const MetricId &) = default;
};

// The declaration of a metric (name, unit, aggregation, scope); nullptr for an unknown id.
const MetricDecl *metricDecl(MetricId id);

#define SWB_METRIC_ID(Name, value, Settings, field, MetricEnum, table)                             \
    constexpr MetricId metricId(MetricEnum m)                                                      \
    {                                                                                              \
        return {ComponentKind::Name, static_cast<std::uint16_t>(m)};                               \
    }
SWB_CORE_SERVICES(SWB_METRIC_ID)
#undef SWB_METRIC_ID

} // namespace swb::core
