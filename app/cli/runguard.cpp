#include "runguard.h"

#include "interrupt.h"

#include "sim/runestimate.h"

namespace swb::cli {

bool runSizeAllowed(Io &io, const QString &command, const QString &path, const Design &design,
                    double durationSeconds, bool force)
{
    const RunEstimate estimate = estimateRun(design, durationSeconds);
    if (!estimate.exceedsLimits())
        return true;
    if (force) {
        io.err << "swb " << command << ": note: '" << path << "': running although projected to "
               << "need " << estimate.text() << " (--force)\n";
        io.err.flush();
        return true;
    }
    io.err << "swb " << command << ": '" << path
           << "': " << estimate.refusal(QStringLiteral("add --force to run it anyway")) << "\n";
    return false;
}

std::function<bool()> cancelOnInterrupt()
{
    return [] { return interrupted(); };
}

} // namespace swb::cli
