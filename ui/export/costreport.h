#pragma once
// The PDF cost report: page 1 carries the title, the diagram and the assumptions
// (region, catalogue date, free tier, the traffic rates of the sources, and the run's duration
// and seed when the figures come from a simulation); then the cost table (component, dimension,
// quantity, unit price, USD, and the total as `swb cost` prints it) and, for a simulation, the key
// charts of the run (ui/export/costreportcharts.h). A4 portrait, as many pages as it needs, each
// numbered "page n of N". Written atomically: a temp file beside the target renamed over it, so a
// failed export leaves an existing file untouched.

#include "model/costmodel.h"

#include <QString>

namespace swb {

class DiagramScene;
class PricingCatalogue;
class Design;
struct RunResults;

struct CostReportContent {
    const Design *design = nullptr;  // required: the traffic sources' rates, names
    QString title;                   // defaults to the design's name (costReportTitle)
    CostReport report;               // the bill to print
    const RunResults *run = nullptr; // the run the bill was measured from; null = analytic estimate
    DiagramScene *scene = nullptr;   // the diagram to draw; null = none
    // Required: the catalogue the bill was priced with (the XLSX tiers, the PDF's cost accrual).
    const PricingCatalogue *catalogue = nullptr;
};

// The report's title: content.title, else the design's name, else "Untitled design" (never
// blank: the PDF heading and the XLSX summary's "Design" cell show it).
QString costReportTitle(const CostReportContent &content);

bool writeCostReportPdf(const CostReportContent &content, const QString &path, QString *error,
                        bool force = false);

// The assumptions the report lists, as (label, value) pairs: region, prices of, hours per month,
// free tier, source of the figures, run duration and seed, each traffic source's rate.
QList<QPair<QString, QString>> costReportAssumptions(const CostReportContent &content);

} // namespace swb
