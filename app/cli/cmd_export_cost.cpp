#include "cliutil.h"
#include "commands.h"
#include "output.h"

#include "model/checkednumbers.h"
#include "model/costmodel.h"
#include "model/costsheet.h"
#include "model/document.h"
#include "model/pricing.h"
#include "sim/resultsreader.h"
#include "sim/runresults.h"
#include "ui/canvas/diagramscene.h"
#include "ui/export/costexport.h"

#include <QFileInfo>

#include <optional>

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("export cost");

// The monthly bill as a cost sheet or PDF report. Without --from-results it is the analytic
// estimate (the figures `swb cost` prints); with it, the measured usage of a run that
// `swb simulate FILE --out RESULTS.json` wrote, projected to a month as priceRun does.
int run(const Args &args, Io &io)
{
    if (args.positional.size() != 2)
        return usageError(io, kCommand,
                          QStringLiteral("expects FILE and OUT.csv|xlsx|pdf, got %1 argument(s)")
                              .arg(args.positional.size()));
    const QString designPath = args.positional.first();
    const QString out = args.positional.at(1);
    QString suffix, formatPath;
    const QString formatProblem =
        outputFormat(out, args.value(QStringLiteral("format")), QStringLiteral("csv, xlsx or pdf"),
                     &suffix, &formatPath);
    if (!formatProblem.isEmpty())
        return usageError(io, kCommand, formatProblem);
    if (!costExportFormatForPath(formatPath))
        return usageError(io, kCommand,
                          QStringLiteral("cannot tell the format of '%1' from its suffix (%2)")
                              .arg(out, costExportSuffixes()));
    const QString resultsPath = args.value(QStringLiteral("from-results"));
    if (!resultsPath.isEmpty() && args.isSet(QStringLiteral("pricing")))
        return usageError(io, kCommand,
                          QStringLiteral("--pricing applies to the estimate: a results file is "
                                         "priced with the built-in catalogue, as swb simulate "
                                         "priced it"));
    std::optional<PricingCatalogue> custom;
    if (const int code = readCostArgs(io, kCommand, args, &custom))
        return code;
    Design design;
    if (!loadDesign(io, kCommand, designPath, &design, allowedDirs(args)))
        return ExitFile;
    const CostOptions options = costOptionsFromArgs(args, design);

    CostReportContent content;
    content.design = &design;
    content.title = design.name.isEmpty() ? QFileInfo(designPath).completeBaseName() : design.name;
    content.catalogue = custom ? &*custom : &PricingCatalogue::builtIn();
    RunResults run;
    if (!resultsPath.isEmpty()) {
        QString error;
        run = readResultsFile(resultsPath, &error);
        if (!run.ok) {
            io.err << "swb export cost: cannot read the results: " << error << "\n";
            return ExitFile;
        }
        const QString mismatch = resultsDesignMismatch(run, design);
        if (!mismatch.isEmpty()) {
            io.err << "swb export cost: '" << resultsPath << "' holds a run of another design ('"
                   << run.metadata.designName << "', not '" << designPath << "'): " << mismatch
                   << "\n";
            return ExitUsage;
        }
        // Same blocks but another name: most likely a renamed copy; say so and go on.
        if (run.metadata.designName != design.name)
            io.err << "swb export cost: note: '" << resultsPath
                   << "' was written for a design named '" << run.metadata.designName
                   << "'; its blocks match '" << designPath << "'\n";
        content.run = &run;
        content.report = runCostReport(design, run, *content.catalogue, options);
        // Every figure of the file is in range (resultsreader.h), yet their product can still
        // be absurd; such a bill is refused rather than printed.
        if (!(content.report.totalUsd <= checked::kMaxUsd)) {
            io.err << "swb export cost: '" << resultsPath << "' prices at more than $"
                   << QString::number(checked::kMaxUsd, 'g', 3)
                   << " a month; its figures are not plausible for a simulation\n";
            return ExitFile;
        }
    } else {
        content.report = estimateMonthlyCost(design, *content.catalogue, options);
    }

    // The PDF draws the diagram: a scene over a document holding the design (no window needed);
    // CSV and XLSX need neither.
    std::optional<Document> document;
    std::optional<DiagramScene> scene;
    if (costExportFormatForPath(formatPath) == CostExportFormat::Pdf) {
        document.emplace();
        document->replaceDesign(design);
        scene.emplace(&*document);
        content.scene = &*scene;
    }
    const bool force = forced(args);
    if (!writeVia(io, kCommand, out, suffix,
                  [&content, force](const QString &path, QString *error) {
                      return exportCostFile(content, path, error, force);
                  }))
        return ExitFile;
    (isStdout(out) ? io.err : io.out)
        << "Exported the monthly cost of '" << designPath << "' ("
        << formatCents(content.report.totalCents()) << " " << content.report.currency
        << (content.run ? QStringLiteral(", measured in '%1'").arg(resultsPath) : QString())
        << "): " << out << "\n";
    return ExitOk;
}

} // namespace

CommandSpec exportCostCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("[OPTIONS] FILE OUT.csv|xlsx|pdf");
    c.summary = QStringLiteral("Export the monthly cost as a CSV or XLSX sheet or a PDF report.");
    c.description =
        QStringLiteral(
            "Without --from-results the bill is the analytic estimate (what 'swb cost' prints); "
            "with it, the measured usage of a run written by 'swb simulate FILE --out "
            "RESULTS.json', scaled to a 730-hour month. The XLSX sheet recalculates: quantities, "
            "free allowances, tier bounds and prices are input cells and every total a formula. "
            "The PDF holds the diagram, the assumptions, the cost table and, for a run, its "
            "charts.\n\n")
        + kCostRoundingRule;
    c.arguments = {designArgument(),
                   {QStringLiteral("OUT"),
                    QStringLiteral("The file to write; its suffix (.csv, .xlsx, .pdf) picks the "
                                   "format. '-' writes to standard output (give --format)."),
                    ValueHint::File}};
    OptionSpec results;
    results.names = {QStringLiteral("from-results")};
    results.valueName = QStringLiteral("RESULTS.json");
    results.description = QStringLiteral("Bill the measured usage of this run of the design "
                                         "instead of the estimate.");
    results.hint = ValueHint::File;
    OptionSpec format;
    format.names = {QStringLiteral("f"), QStringLiteral("format")};
    format.valueName = QStringLiteral("FORMAT");
    format.description = QStringLiteral("The format when OUT is '-': csv, xlsx or pdf.");
    format.allowed = {QStringLiteral("csv"), QStringLiteral("xlsx"), QStringLiteral("pdf")};
    c.options = {format, results};
    c.options += costOptions();
    c.options += {allowDirOption(), forceOption(ForceMeans::Replace)};
    c.examples = {QStringLiteral("swb export cost design.swb cost.xlsx"),
                  QStringLiteral("swb export cost design.swb report.pdf --from-results run.json"),
                  QStringLiteral("swb export cost design.swb - -f csv --new-account")};
    c.exitStatus = QStringLiteral("0 written, 2 bad arguments or results of another design, 3 a "
                                  "file could not be read or written.");
    c.run = &run;
    return c;
}

} // namespace swb::cli
