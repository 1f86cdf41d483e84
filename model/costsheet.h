#pragma once

#include "model/costmodel.h"
#include "model/pricing.h"

#include <QString>

// Cost sheets people hand to whoever pays the bill (issue 6): CSV and XLSX of a CostReport.
// Both are written atomically (temp file in the same folder, then rename): a failed export
// leaves an existing file untouched and returns the reason.
namespace swb {

// One row per component and billing dimension (rounded to cents), then a TOTAL row whose value
// is the sum of the printed rows (CostReport::totalCents()).
// Columns: component,service,dimension,quantity,unit,free_quantity,price,usd
// Quantities are the shortest text that reads back as the same double. `swb cost --format csv`
// prints the same text.
QByteArray costCsv(const CostReport &report);
bool writeCostCsv(const CostReport &report, const QString &path, QString *error);

// Sheet 1 "Summary": assumptions and one SUMIF per component over the detail sheet, then the
// grand total. Sheet 2 "Detail": one row per component and dimension with the quantity, the free
// quantity, "per" (units the price is quoted for) and the unit price as plain cells, and the line
// total as a formula =MAX(0,quantity-free)/per*price with the cost model's figure cached.
// Tiered dimensions are priced account-wide (model/costmodel.h), so a row's unit price cell holds
// the blended price that row pays across the tiers; the tier bounds are listed as text in the
// "tiers" column.
bool writeCostXlsx(const CostReport &report, const PricingCatalogue &catalogue,
                   const QString &designName, const QString &path, QString *error);

} // namespace swb
