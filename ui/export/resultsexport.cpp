#include "ui/export/resultsexport.h"

#include "model/document.h"
#include "sim/resultswriter.h"
#include "ui/fileactions.h"
#include "ui/mainwindow.h"
#include "ui/playback/framestore.h"
#include "ui/cost/pricingsource.h"
#include "ui/prompter.h"

#include <QFileInfo>
#include <QStatusBar>

#include <limits>

namespace swb {

RunResults runResultsFromStore(const FrameStore &store, const Design &design,
                               const PricingCatalogue &catalogue)
{
    RunResults r;
    if (store.isEmpty())
        return r;
    r.ok = true;
    r.catalog = store.catalog();
    r.metadata.designName = design.name;
    r.metadata.seed = design.setting(QStringLiteral("seed")).toULongLong();
    r.metadata.binWidthSeconds = r.catalog.binWidthSeconds;
    r.metadata.durationSeconds = store.simSecondsAt(store.frameCount() - 1);
    const qsizetype n = r.catalog.series.size();
    r.values.reserve(std::size_t(store.frameCount() * n));
    for (const MetricFrame &f : store.frames()) {
        for (qsizetype s = 0; s < n; ++s)
            r.values.push_back(s < f.values.size() ? f.values.at(s)
                                                   : std::numeric_limits<double>::quiet_NaN());
    }
    if (store.isFinished())
        r.summary = store.summary();
    else
        r.summary.ledger = store.frames().last().ledger;
    r.summary.simSeconds = r.metadata.durationSeconds;
    priceRun(design, catalogue, &r);
    return r;
}

void exportResultsFromWindow(MainWindow *window)
{
    Prompter *prompter = window->files()->prompter();
    const QString title = MainWindow::tr("Export results");
    const FrameStore *store = window->frameStore();
    if (!store || store->isEmpty()) {
        prompter->showError(window, title,
                            MainWindow::tr("There is no run to export: run a simulation first "
                                           "(Simulation > Run)."));
        return;
    }
    const Design &design = window->document()->design();
    QString suggested = window->document()->filePath();
    suggested = suggested.isEmpty() ? QStringLiteral("results.json")
                                    : QFileInfo(suggested).path() + QLatin1Char('/')
                                          + QFileInfo(suggested).completeBaseName()
                                          + QStringLiteral("-results.json");
    const QString path =
        prompter->saveFileName(window, MainWindow::tr("Export results"), suggested,
                               MainWindow::tr("Simulation results (*.json *.csv)"));
    if (path.isEmpty())
        return;
    bool force = false;
    if (!prompter->confirmReplace(window, path,
                                  path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)
                                      ? OutputKind::Csv
                                      : OutputKind::Json,
                                  &force))
        return;
    const RunResults results = runResultsFromStore(*store, design, window->pricing()->catalogue());
    QString error;
    if (!writeResults(results, path, &error, ResultsTiming::Omit, force)) {
        prompter->showError(window, title,
                            MainWindow::tr("Cannot export to %1:\n%2").arg(path, error));
        return;
    }
    window->statusBar()->showMessage(
        MainWindow::tr("Exported %1 s of simulated time (%2 bins%3) to %4")
            .arg(results.metadata.durationSeconds)
            .arg(results.binCount())
            .arg(store->isStale()      ? MainWindow::tr(", design changed since the run")
                 : store->isFinished() ? QString()
                                       : MainWindow::tr(", run still in progress"))
            .arg(QFileInfo(path).fileName()),
        8000);
}

} // namespace swb
