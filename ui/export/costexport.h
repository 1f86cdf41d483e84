#pragma once
// One entry point for the cost exports that `swb export cost` and File > Export >
// Cost Sheet... share: the format comes from the file name (.csv, .xlsx, .pdf), the bill from a
// run when there is one (measured usage, as priceRun) or from the analytic estimate.

#include "ui/export/costreport.h"

#include <optional>

namespace swb {

enum class CostExportFormat { Csv, Xlsx, Pdf };

// By suffix, case-insensitive; nullopt otherwise.
std::optional<CostExportFormat> costExportFormatForPath(const QString &path);
// "allowed: .csv, .xlsx, .pdf": for messages.
QString costExportSuffixes();

// The bill of a finished run: measuredCostReport() with `options`, plus an assumption saying
// where the figures come from (run duration and seed), which the XLSX summary lists.
CostReport runCostReport(const Design &design, const RunResults &run,
                         const PricingCatalogue &catalogue, const CostOptions &options);

// Writes content as CSV, XLSX or PDF by the suffix of path, atomically (model/atomicfile.h:
// force replaces a file of another kind or a link's target); false with the reason.
bool exportCostFile(const CostReportContent &content, const QString &path, QString *error,
                    bool force = false);

} // namespace swb
