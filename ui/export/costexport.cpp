#include "ui/export/costexport.h"

#include "model/costsheet.h"
#include "model/design.h"
#include "sim/runresults.h"

#include <QFileInfo>

namespace swb {

std::optional<CostExportFormat> costExportFormatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return CostExportFormat::Csv;
    if (suffix == QLatin1String("xlsx"))
        return CostExportFormat::Xlsx;
    if (suffix == QLatin1String("pdf"))
        return CostExportFormat::Pdf;
    return std::nullopt;
}

QString costExportSuffixes()
{
    return QStringLiteral("allowed: .csv, .xlsx, .pdf");
}

CostReport runCostReport(const Design &design, const RunResults &run,
                         const PricingCatalogue &catalogue, const CostOptions &options)
{
    CostReport report = measuredCostReport(design, run, catalogue, &options);
    report.assumptions.prepend(
        QStringLiteral("Usage measured in a simulation of %1 s (seed %2), scaled to a %3-hour "
                       "month; configured capacity (provisioned concurrency, shards) priced for "
                       "the whole month.")
            .arg(run.metadata.durationSeconds)
            .arg(run.metadata.seed)
            .arg(report.hoursPerMonth));
    return report;
}

bool exportCostFile(const CostReportContent &content, const QString &path, QString *error,
                    bool force)
{
    const std::optional<CostExportFormat> format = costExportFormatForPath(path);
    if (!format) {
        if (error)
            *error = QStringLiteral("cannot tell the format of '%1' from its suffix (%2)")
                         .arg(path, costExportSuffixes());
        return false;
    }
    if (!content.catalogue || !content.design) {
        if (error)
            *error = QStringLiteral("internal error: a cost export needs its design and the "
                                    "pricing catalogue it was priced with");
        return false;
    }
    const QString title = costReportTitle(content);
    switch (*format) {
    case CostExportFormat::Csv:
        return writeCostCsv(content.report, path, error, force);
    case CostExportFormat::Xlsx:
        return writeCostXlsx(content.report, *content.catalogue, title, path, error, force);
    case CostExportFormat::Pdf:
        break;
    }
    return writeCostReportPdf(content, path, error, force);
}

} // namespace swb
