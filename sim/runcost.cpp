// Projected monthly cost of a run from measured usage (issue 3 item 5): see runresults.h.

#include "sim/runresults.h"

namespace swb {

void priceRun(const Design &design, RunResults *results) {
    Q_UNUSED(design);
    // TODO(h6): price with model/costmodel.h priceUsage() once it lands.
    results->summary.costNotes.append(
        QStringLiteral("cost not computed: the cost model is not available yet"));
}

} // namespace swb
