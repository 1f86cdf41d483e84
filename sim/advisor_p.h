#pragma once
// The advisor's rules (sim/advisorrules.cpp walks each service's, sim/services/*/*advice.cpp): each
// reads a finished run and the design, and yields diagnoses with at most one proposed (not yet
// verified) fix each.

#include "sim/advisor.h"

#include <optional>

namespace swb::advisor {

struct Finding {
    Diagnosis diagnosis;
    std::optional<Fix> fix;
};

QList<Finding> runRules(const Design &design, const RunResults &run, const AdviceOptions &options);

} // namespace swb::advisor
