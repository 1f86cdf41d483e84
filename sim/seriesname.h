#pragma once
// A series' name in a run's catalog from its service's typed metric id
// (sim/core/services/<svc>/): code above the core names series this way, so a misspelt or
// removed metric fails to compile instead of reading as an empty series.

#include "core/scenario.h"

namespace swb {

template<typename Metric>
const char *seriesName(Metric metric)
{
    return core::metricDecl(core::metricId(metric))->name;
}

} // namespace swb
