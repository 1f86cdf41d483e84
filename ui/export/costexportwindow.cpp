#include "ui/export/costexportwindow.h"

#include "model/document.h"
#include "ui/cost/pricingsource.h"
#include "ui/export/costexport.h"
#include "ui/export/diagramrender.h"
#include "ui/export/resultsexport.h"
#include "ui/fileactions.h"
#include "ui/mainwindow.h"
#include "ui/playback/framestore.h"
#include "ui/prompter.h"

#include <QFileInfo>
#include <QStatusBar>

namespace swb {

void exportCostFromWindow(MainWindow *window)
{
    Prompter *prompter = window->files()->prompter();
    const QString title = MainWindow::tr("Export cost sheet");
    const Design &design = window->document()->design();
    QString suggested = window->document()->filePath();
    suggested = suggested.isEmpty()
                    ? QStringLiteral("cost.xlsx")
                    : QFileInfo(suggested).path() + QLatin1Char('/')
                          + QFileInfo(suggested).completeBaseName() + QStringLiteral("-cost.xlsx");
    const QString path = prompter->saveFileName(
        window, title, suggested,
        MainWindow::tr("Cost sheet (*.xlsx *.csv *.pdf);;Excel workbook (*.xlsx);;CSV (*.csv);;"
                       "PDF report (*.pdf)"));
    if (path.isEmpty())
        return;
    if (!costExportFormatForPath(path)) {
        prompter->showError(window, title,
                            MainWindow::tr("Cannot tell the format of %1 from its suffix (%2).")
                                .arg(path, costExportSuffixes()));
        return;
    }

    // A run edited since (stale) no longer prices this design: fall back to the estimate.
    const FrameStore *store = window->frameStore();
    const bool fromRun = store && !store->isEmpty() && !store->isStale();
    RunResults run;
    CostReportContent content;
    content.design = &design;
    content.title = defaultDiagramTitle(*window->document()); // name, file name or "Untitled"
    content.scene = window->scene();
    const PricingCatalogue &catalogue = window->pricing()->catalogue();
    content.catalogue = &catalogue;
    QString source;
    if (fromRun) {
        run = runResultsFromStore(*store, design, catalogue);
        content.run = &run;
        content.report = runCostReport(design, run, catalogue, costOptionsFor(design));
        source = store->isFinished()
                     ? MainWindow::tr("measured in the current run")
                     : MainWindow::tr("measured in the first %1 s of the current run")
                           .arg(run.metadata.durationSeconds);
    } else {
        content.report = estimateMonthlyCost(design, catalogue, costOptionsFor(design));
        source = store && store->isStale()
                     ? MainWindow::tr("analytic estimate; the loaded run is out of date")
                     : MainWindow::tr("analytic estimate; no run loaded");
    }
    const std::optional<CostExportFormat> format = costExportFormatForPath(path);
    const OutputKind kind = format == CostExportFormat::Pdf    ? OutputKind::Pdf
                            : format == CostExportFormat::Xlsx ? OutputKind::Xlsx
                                                               : OutputKind::Csv;
    bool force = false;
    if (format && !prompter->confirmReplace(window, path, kind, &force))
        return;
    QString error;
    if (!exportCostFile(content, path, &error, force)) {
        prompter->showError(window, title,
                            MainWindow::tr("Cannot export to %1:\n%2").arg(path, error));
        return;
    }
    window->statusBar()->showMessage(MainWindow::tr("Exported the monthly cost (%1 %2, %3) to %4")
                                         .arg(formatCents(content.report.totalCents()),
                                              content.report.currency, source,
                                              QFileInfo(path).fileName()),
                                     8000);
}

} // namespace swb
