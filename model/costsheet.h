#pragma once

#include "model/costmodel.h"
#include "model/pricing.h"

#include <QString>

// Cost sheets people hand to whoever pays the bill: CSV and XLSX of a CostReport.
// Both are written atomically (model/atomicfile.h: temp file in the same folder, fsync, rename):
// a failed export leaves an existing file untouched and returns the reason; force replaces a
// file of another kind or the file a symbolic link points to.
namespace swb {

// The one rounding rule of every cost output (swb cost, the CSV, the XLSX sheet, the PDF report),
// stated in each of them: they show the same total to the cent.
inline const QString kCostRoundingRule =
    QStringLiteral("Rounding: each row's dollars are rounded to the cent (half away from zero); "
                   "subtotals and the total are sums of the rounded rows.");

// A quantity as the cost outputs print it: 12 significant digits, which drops the binary noise
// of products like rate x 3600 s x 730 h (210523297.66999948 reads 210523297.67) and keeps far
// more precision than any bill needs.
double cleanQuantity(double quantity);

// One row per component and billing dimension (rounded to cents), then a TOTAL row whose value
// is the sum of the printed rows (CostReport::totalCents()).
// Columns: component,service,dimension,quantity,unit,free_quantity,price,usd
// Quantities are cleanQuantity()'s value in its shortest text. `swb cost --format csv`
// prints the same text.
QByteArray costCsv(const CostReport &report);
bool writeCostCsv(const CostReport &report, const QString &path, QString *error,
                  bool force = false);

// Sheet 1 "Summary": assumptions and the rounding rule, one SUM per component of its detail rows
// (by reference), then the grand total. Sheet 2 "Detail": one row per component and dimension: the
// quantity (an input cell), its free units and line total as its share of the dimension's
// (formulas; the line total ROUND(...,2), kCostRoundingRule), the blended unit price it pays (a
// formula, for reading) and the catalogue's tier text. Sheet 3 "Dimensions": per billed dimension,
// the account-wide quantity (SUMIF of the detail rows), the free allowance (input; 0 when the free
// tier is off), the pool it is shared in, the free units used and the dollars (SUM of its tiers).
// Sheet 4 "Tiers": one row per price step with its bounds and price as input cells and the billed
// units and dollars as formulas.
// Every formula caches the cost model's value (the line totals and sums in cents), and the chain
// is exact: tiers and free tiers are account-wide (model/costmodel.h priceUsage), and the sheets
// compute them the same way, so a reader who changes a quantity, an allowance, a tier bound or a
// tier price gets the total the cost model would give, rounded by the same rule.
bool writeCostXlsx(const CostReport &report, const PricingCatalogue &catalogue,
                   const QString &designName, const QString &path, QString *error,
                   bool force = false);

// "off", "on (always-free)" or "on (always-free and 12-month)": the free-tier assumption as the
// sheets and the PDF report print it.
QString freeTierAssumption(const CostOptions &options);

} // namespace swb
