#include "cliutil.h"

#include "model/costmodel.h"
#include "model/costsheet.h"
#include "model/pricing.h"

#include <QFileInfo>

namespace swb::cli {

// swb export cost FILE OUT.csv|xlsx [--no-free-tier]: the analytic monthly estimate
// (estimateMonthlyCost, the figures `swb cost` prints) as a cost sheet. Exit 0 written,
// 2 bad arguments, 3 unreadable design or unwritable output.
int exportCostSheet(const QStringList &args, Io &io)
{
    ParsedArgs parsed;
    const QString problem = parseArgs(args, {QStringLiteral("--no-free-tier")},
                                      {QStringLiteral("--from-results")}, &parsed);
    if (!problem.isEmpty())
        return usageError(io, "export", problem);
    if (parsed.positional.size() != 2)
        return usageError(io, "export",
                          QStringLiteral("'export cost' expects FILE and OUT.csv|xlsx, got %1 "
                                         "argument(s)")
                              .arg(parsed.positional.size()));
    if (parsed.options.contains(QStringLiteral("--from-results")))
        return usageError(io, "export",
                          QStringLiteral("--from-results is not supported yet; price a run with "
                                         "'swb simulate' and export the estimate instead"));
    const QString out = parsed.positional.at(1);
    const QString suffix = QFileInfo(out).suffix().toLower();
    if (suffix != QLatin1String("csv") && suffix != QLatin1String("xlsx"))
        return usageError(io, "export",
                          QStringLiteral("cannot tell the format of '%1' from its suffix "
                                         "(allowed: .csv, .xlsx)")
                              .arg(out));
    Design design;
    if (!loadDesign(io, "export", parsed.positional.first(), &design))
        return ExitFile;
    CostOptions options = costOptionsFor(design);
    if (parsed.has(QStringLiteral("--no-free-tier")))
        options.freeTier = false;
    const PricingCatalogue &catalogue = PricingCatalogue::builtIn();
    const CostReport report = estimateMonthlyCost(design, catalogue, options);
    QString error;
    const bool ok =
        suffix == QLatin1String("csv")
            ? writeCostCsv(report, out, &error)
            : writeCostXlsx(report, catalogue,
                            QFileInfo(parsed.positional.first()).completeBaseName(), out, &error);
    if (!ok) {
        io.err << "swb export: cannot write '" << out << "': " << error << "\n";
        return ExitFile;
    }
    io.out << "Exported the monthly cost of '" << parsed.positional.first() << "' ("
           << formatCents(report.totalCents()) << " " << report.currency << "): " << out << "\n";
    return ExitOk;
}

} // namespace swb::cli
