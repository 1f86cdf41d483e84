#pragma once
// Internal to model/costsheet.cpp: fills the XLSX cost sheet's workbook (the sheets are described
// in model/costsheet.h). Kept apart so the workbook layout has its own file.

#include "model/costmodel.h"
#include "model/pricing.h"

#include <xlsxwriter.h>

namespace swb {

// Adds the sheets to `wb` and closes it; returns libxlsxwriter's verdict of workbook_close().
lxw_error fillCostWorkbook(lxw_workbook *wb, const CostReport &report,
                           const PricingCatalogue &catalogue, const QString &designName);

} // namespace swb
