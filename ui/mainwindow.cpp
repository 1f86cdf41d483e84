#include "ui/mainwindow.h"

#include "model/document.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/canvas/minimapview.h"
#include "ui/docks/findingsdock.h"
#include "ui/docks/inspectordock.h"
#include "ui/docks/palettedock.h"
#include "ui/fileactions.h"
#include "ui/mainwindowanalysis.h"
#include "ui/prompter.h"
#include "ui/recovery.h"
#include "ui/recoverydialog.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QGraphicsItem>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>

namespace swb {

namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
// Bump when the set or the arrangement of docks changes (2: Pattern Guide; 3: charts under the
// canvas, findings / cost / faults under the inspector).
constexpr int kStateVersion = 3;

} // namespace

MainWindow::MainWindow(PricingSource *pricing, QWidget *parent)
    : QMainWindow(parent)
    , m_pricing(pricing)
    , m_document(new Document(this))
    , m_scene(new DiagramScene(m_document, this))
    , m_view(new DiagramView(m_scene, this))
    , m_files(new FileActions(m_document, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    createStartPage(); // the central widget: the canvas (or the start page in its place)
    setDockOptions(AnimatedDocks | AllowTabbedDocks);
    createDocks();
    createMenus();
    setupPlayback();
    setupAnalysisDocks(this); // charts, cost and faults docks (mainwindowanalysis.cpp)

    m_zoomLabel = new QLabel(this);
    m_findingsLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_findingsLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
    auto showZoom = [this](double zoom) {
        m_zoomLabel->setText(tr("Zoom %1%").arg(qRound(zoom * 100)));
    };
    connect(m_view, &DiagramView::zoomChanged, this, showZoom);
    showZoom(m_view->zoom());
    connect(m_findings, &FindingsDock::summaryChanged, m_findingsLabel, &QLabel::setText);
    // Findings show on the canvas too: a marker on each block, a click on it shows them here.
    connect(m_findings, &FindingsDock::findingsChanged, this,
            [this] { m_scene->setFindings(m_findings->findings()); });
    connect(m_scene, &DiagramScene::findingMarkerClicked, m_findings,
            &FindingsDock::showFindingsFor);
    connect(m_scene, &DiagramScene::wireFindingMarkerClicked, m_findings,
            &FindingsDock::showFindingsForWire);
    m_findings->refresh();

    connect(m_scene, &DiagramScene::statusMessage, statusBar(), &QStatusBar::showMessage);
    // A message about a refused or failed action is stale once an edit succeeds.
    connect(m_document->undoStack(), &QUndoStack::indexChanged, statusBar(),
            &QStatusBar::clearMessage);
    connect(m_files, &FileActions::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_scene, &DiagramScene::selectionIdsChanged, this, &MainWindow::onSelectionChanged);
    connect(m_scene, &DiagramScene::componentActivated, this, [this] {
        m_inspector->show();
        m_inspector->raise();
        if (m_inspector->nameEdit())
            m_inspector->nameEdit()->setFocus(Qt::OtherFocusReason);
    });
    connect(m_palette, &PaletteDock::kindActivated, this, &MainWindow::addComponentAtCentre);
    connect(m_findings, &FindingsDock::findingActivated, this, &MainWindow::selectAndReveal);

    connect(m_document, &Document::modifiedChanged, this, &QWidget::setWindowModified);
    connect(m_document, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::projectChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::designReset, this, [this] {
        updateTitle();
        // A new or opened design is shown whole.
        m_view->fitToView();
        // The scene rebuilds with its signals blocked, so the overview misses the new extent;
        // re-announce it (workaround until DiagramScene emits it after a rebuild).
        Q_EMIT m_scene->sceneRectChanged(m_scene->sceneRect());
    });
    updateTitle();
    updateEditActions();
    readSettings();
    m_view->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow()
{
    // The scene is a child QObject: it outlives this class's part of the object and emits
    // selection changes while it clears its items.
    m_scene->disconnect(this);
    m_files->disconnect(this);
}

void MainWindow::createDocks()
{
    m_palette = new PaletteDock(this);
    addDockWidget(Qt::LeftDockWidgetArea, m_palette);

    auto *overview = new QDockWidget(tr("Overview"), this);
    overview->setObjectName(QStringLiteral("overviewDock"));
    m_minimap = new MinimapView(m_view, overview);
    overview->setWidget(m_minimap);
    addDockWidget(Qt::LeftDockWidgetArea, overview);

    m_inspector = new InspectorDock(m_document, this);
    addDockWidget(Qt::RightDockWidgetArea, m_inspector);

    m_findings = new FindingsDock(m_document, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_findings);

    // The findings go under the inspector (setupAnalysisDocks adds cost and faults as tabs
    // beside them); the area under the canvas belongs to the charts.
    splitDockWidget(m_inspector, m_findings, Qt::Vertical);

    // The right column takes the full height; the charts below the canvas reach under the
    // palette too (a longer time axis), which then ends above them.
    setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
}

void MainWindow::arrangeDefaultDocks()
{
    // Canvas and charts both in view with the inspector beside them: palette and overview at the
    // left, inspector at the right with findings / cost / faults below it, the charts under the
    // canvas. Sizes follow the window, so a laptop screen keeps the canvas the largest part. A
    // saved layout overrides this.
    const QSize size = this->size();
    const int left = std::clamp(size.width() * 15 / 100, 170, 250);
    const int right = std::clamp(size.width() * 25 / 100, 280, 420);
    resizeDocks({m_palette, m_inspector}, {left, right}, Qt::Horizontal);
    // The charts take what the canvas's half leaves under it (menu, tool and status bars
    // aside); keepCanvasShare() settles the exact split once laid out.
    if (auto *charts = findChild<QDockWidget *>(QStringLiteral("chartsDock")))
        resizeDocks({charts}, {std::clamp(size.height() / 2 - 70, 150, 600)}, Qt::Vertical);
    resizeDocks({m_inspector, m_findings}, {size.height() * 55 / 100, size.height() * 45 / 100},
                Qt::Vertical);
    // The pattern guide, when opened, takes the inspector's place as a tab (it is used instead
    // of the inspector, and needs the column's height for its questions and load fields).
    if (auto *guide = findChild<QDockWidget *>(QStringLiteral("patternGuideDock"))) {
        if (!tabifiedDockWidgets(m_inspector).contains(guide))
            tabifyDockWidget(m_inspector, guide);
    }
    m_inspector->raise();
    if (!m_fitPending) {
        m_fitPending = true;
        QTimer::singleShot(0, this, &MainWindow::keepCanvasShare);
    }
}

bool MainWindow::event(QEvent *event)
{
    // The tab bars of tabbed docks are made (and remade) by QMainWindow as docks move: each gets
    // whole titles and scroll arrows when they do not fit, never "F..." and "Ad...".
    if (event->type() == QEvent::ChildPolished) {
        if (auto *tabs = qobject_cast<QTabBar *>(static_cast<QChildEvent *>(event)->child())) {
            tabs->setElideMode(Qt::ElideNone);
            tabs->setUsesScrollButtons(true);
        }
    }
    return QMainWindow::event(event);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    // After the layout has placed the docks for the new size.
    if (!m_fitPending) {
        m_fitPending = true;
        QTimer::singleShot(0, this, &MainWindow::keepCanvasShare);
    }
}

void MainWindow::keepCanvasShare()
{
    // Docks give way on a small window: the canvas keeps at least half its width and height
    // (QMainWindow alone shrinks the central widget and leaves the docks at their sizes).
    m_fitPending = false;
    const QSize window = size();
    const QSize canvas = centralWidget()->size();
    auto shrink = [this](Qt::Orientation o, const QList<QDockWidget *> &docks, int excess) {
        QList<QDockWidget *> shown;
        QList<int> sizes;
        int total = 0;
        for (QDockWidget *d : docks) {
            if (!d || !d->isVisible() || d->isFloating())
                continue;
            const int extent = o == Qt::Horizontal ? d->width() : d->height();
            shown.append(d);
            sizes.append(extent);
            total += extent;
        }
        if (shown.isEmpty() || total <= 0)
            return;
        // Rounded up, and a pixel more: the split must not leave the canvas a pixel short.
        for (int i = 0; i < sizes.size(); ++i)
            sizes[i] = std::max(60, sizes.at(i) - (excess * sizes.at(i) + total - 1) / total - 1);
        resizeDocks(shown, sizes, o);
    };
    if (canvas.width() < window.width() / 2)
        shrink(Qt::Horizontal, {m_palette, m_inspector}, window.width() / 2 - canvas.width());
    if (canvas.height() < window.height() / 2) {
        QList<QDockWidget *> below;
        for (QDockWidget *d : findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly)) {
            if (dockWidgetArea(d) == Qt::BottomDockWidgetArea && !d->visibleRegion().isEmpty())
                below.append(d);
        }
        shrink(Qt::Vertical, below, window.height() / 2 - canvas.height());
    }
}

void MainWindow::setPrompter(std::unique_ptr<Prompter> prompter)
{
    m_files->setPrompter(std::move(prompter));
}

void MainWindow::setAutosaveInterval(int ms)
{
    m_files->autosaver()->setInterval(ms);
}

bool MainWindow::openFile(const QString &path)
{
    return m_files->openFile(path);
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] \u2014 Serverless Workbench").arg(m_files->displayName()));
    setWindowModified(m_document->isModified());
    setWindowFilePath(m_document->filePath());
}

void MainWindow::onSelectionChanged()
{
    m_inspector->setSelection(m_scene->selectedComponents(), m_scene->selectedConnections());
    updateEditActions();
}

void MainWindow::selectAndReveal(const QList<qint64> &components, const QList<qint64> &connections)
{
    m_scene->selectItems(components, connections);
    QRectF area;
    for (QGraphicsItem *item : m_scene->selectedItems())
        area |= item->sceneBoundingRect();
    if (!area.isNull())
        m_view->ensureVisible(area, 40, 40);
}

int MainWindow::offerRecovery(QStringList *recoveredPaths)
{
    const QList<RecoveryEntry> entries = recovery::entries();
    if (entries.isEmpty())
        return 0;
    RecoveryDialog dialog(entries, this);
    dialog.exec();
    const QList<RecoveryEntry> chosen = dialog.chosenEntries();
    if (dialog.choice() == RecoveryDialog::Choice::Discard) {
        for (const RecoveryEntry &entry : chosen)
            recovery::remove(entry.id);
        return 0;
    }
    if (dialog.choice() != RecoveryDialog::Choice::Recover)
        return 0;
    int recovered = 0;
    for (const RecoveryEntry &entry : chosen) {
        MainWindow *target = this;
        if (recovered > 0 || m_document->isModified()) {
            target = new MainWindow(m_pricing);
            target->setAttribute(Qt::WA_DeleteOnClose);
            target->show();
        }
        if (target->m_files->recover(entry)) {
            ++recovered;
            if (recoveredPaths && !entry.originalPath.isEmpty())
                recoveredPaths->append(QFileInfo(entry.originalPath).absoluteFilePath());
        }
    }
    return recovered;
}

void MainWindow::openAtStartup(const QStringList &files, bool play, double speed)
{
    QStringList recoveredPaths;
    const bool recovered = offerRecovery(&recoveredPaths) > 0;
    if (files.isEmpty()) {
        // A plain start: the pattern gallery and recent files instead of an empty canvas.
        if (!recovered)
            showStartPage();
        return;
    }
    // The recovered window already shows this file, with the work a crash interrupted; a
    // second window would show the older version on disk beside it.
    if (recoveredPaths.contains(QFileInfo(files.first()).absoluteFilePath())) {
        if (play)
            startPlayback(speed);
        return;
    }
    MainWindow *target = this;
    if (recovered) { // the recovered work keeps this window; the file opens beside it
        target = new MainWindow(m_pricing);
        target->setAttribute(Qt::WA_DeleteOnClose);
        target->show();
    }
    if (target->openFile(files.first()) && play)
        target->startPlayback(speed);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_files->maybeSave()) {
        event->ignore();
        return;
    }
    writeSettings();
    m_files->closed();
    event->accept();
}

void MainWindow::readSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(kGeometryKey).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        QSize initial(1280, 800);
        if (const QScreen *display = screen())
            initial = initial.boundedTo(display->availableGeometry().size());
        resize(initial);
    }
    arrangeDefaultDocks();
    m_layoutRestored = restoreState(settings.value(kStateKey).toByteArray(), kStateVersion);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // Dock sizes asked for before the window had its size are approximate; apply the defaults
    // again once it is shown (a restored layout is the user's and stays).
    if (!m_shownOnce && !m_layoutRestored)
        QTimer::singleShot(0, this, &MainWindow::arrangeDefaultDocks);
    m_shownOnce = true;
}

void MainWindow::writeSettings()
{
    // The layout saved is the user's, with the docks the start page borrowed room from.
    restoreDocksUnderStartPage();
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState(kStateVersion));
}

} // namespace swb
