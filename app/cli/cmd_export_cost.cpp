#include "cliutil.h"

#include "model/costmodel.h"
#include "model/document.h"
#include "model/pricing.h"
#include "sim/resultsreader.h"
#include "sim/runresults.h"
#include "ui/canvas/diagramscene.h"
#include "ui/export/costexport.h"

#include <QFileInfo>

#include <optional>

namespace swb::cli {

// swb export cost FILE OUT.csv|xlsx|pdf [--from-results RESULTS.json] [--no-free-tier]: the
// monthly bill as a cost sheet or PDF report. Without --from-results it is the analytic estimate
// (estimateMonthlyCost, the figures `swb cost` prints); with it, the measured usage of a run that
// `swb simulate FILE --out RESULTS.json` wrote, projected to a month as priceRun does.
// Exit 0 written, 2 bad arguments or results of another design, 3 unreadable design or results
// file, unwritable output.
int exportCostSheet(const QStringList &args, Io &io)
{
    ParsedArgs parsed;
    const QString problem = parseArgs(args, {QStringLiteral("--no-free-tier")},
                                      {QStringLiteral("--from-results")}, &parsed);
    if (!problem.isEmpty())
        return usageError(io, "export", problem);
    if (parsed.positional.size() != 2)
        return usageError(io, "export",
                          QStringLiteral("'export cost' expects FILE and OUT.csv|xlsx|pdf, got %1 "
                                         "argument(s)")
                              .arg(parsed.positional.size()));
    const QString designPath = parsed.positional.first();
    const QString out = parsed.positional.at(1);
    if (!costExportFormatForPath(out))
        return usageError(io, "export",
                          QStringLiteral("cannot tell the format of '%1' from its suffix (%2)")
                              .arg(out, costExportSuffixes()));
    Design design;
    if (!loadDesign(io, "export", designPath, &design))
        return ExitFile;
    CostOptions options = costOptionsFor(design);
    if (parsed.has(QStringLiteral("--no-free-tier")))
        options.freeTier = false;

    CostReportContent content;
    content.design = &design;
    content.title = design.name.isEmpty() ? QFileInfo(designPath).completeBaseName() : design.name;
    RunResults run;
    const QString resultsPath = parsed.options.value(QStringLiteral("--from-results"));
    if (!resultsPath.isEmpty()) {
        QString error;
        run = readResultsFile(resultsPath, &error);
        if (!run.ok) {
            io.err << "swb export: cannot read the results " << error << "\n";
            return ExitFile;
        }
        const QString mismatch = resultsDesignMismatch(run, design);
        if (!mismatch.isEmpty()) {
            io.err << "swb export: '" << resultsPath << "' holds a run of another design ('"
                   << run.metadata.designName << "', not '" << designPath << "'): " << mismatch
                   << "\n";
            return ExitUsage;
        }
        // Same blocks but another name: most likely a renamed copy; say so and go on.
        if (run.metadata.designName != design.name)
            io.err << "swb export: note: '" << resultsPath << "' was written for a design named '"
                   << run.metadata.designName << "'; its blocks match '" << designPath << "'\n";
        content.run = &run;
        content.report = runCostReport(design, run, options);
    } else {
        content.report = estimateMonthlyCost(design, PricingCatalogue::builtIn(), options);
    }

    // The PDF draws the diagram: a scene over a document holding the design (no window needed);
    // CSV and XLSX need neither.
    std::optional<Document> document;
    std::optional<DiagramScene> scene;
    if (costExportFormatForPath(out) == CostExportFormat::Pdf) {
        document.emplace();
        document->replaceDesign(design);
        scene.emplace(&*document);
        content.scene = &*scene;
    }
    QString error;
    if (!exportCostFile(content, out, &error)) {
        io.err << "swb export: cannot write '" << out << "': " << error << "\n";
        return ExitFile;
    }
    io.out << "Exported the monthly cost of '" << designPath << "' ("
           << formatCents(content.report.totalCents()) << " " << content.report.currency
           << (content.run ? QStringLiteral(", measured in '%1'").arg(resultsPath) : QString())
           << "): " << out << "\n";
    return ExitOk;
}

} // namespace swb::cli
