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
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>

namespace swb {

namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
constexpr int kStateVersion = 2; // bump when the set of docks changes (2: Pattern Guide)

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new Document(this))
    , m_scene(new DiagramScene(m_document, this))
    , m_view(new DiagramView(m_scene, this))
    , m_files(new FileActions(m_document, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setCentralWidget(m_view);
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
    arrangeDefaultDocks();
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

    // Side docks take the full height; the findings sit under the canvas only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    resizeDocks({m_palette, m_inspector}, {250, 330}, Qt::Horizontal);
    resizeDocks({m_palette, overview}, {420, 160}, Qt::Vertical);
    resizeDocks({m_findings}, {140}, Qt::Vertical);
}

void MainWindow::arrangeDefaultDocks()
{
    // Panels other parts add beside the inspector (the playback charts) would squeeze the canvas
    // to a strip on a laptop-sized screen; there they share the inspector's column as tabs, the
    // inspector in front. So do tall panels docked under the canvas (their minimum height would
    // hold the findings strip open at a third of the window). A saved layout overrides this.
    const QScreen *display = screen();
    if (display && display->availableGeometry().width() < 1700) {
        const QList<QDockWidget *> docks = findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly);
        for (QDockWidget *dock : docks) {
            const Qt::DockWidgetArea area = dockWidgetArea(dock);
            const bool wide = area == Qt::RightDockWidgetArea;
            const bool tall =
                area == Qt::BottomDockWidgetArea && dock->minimumSizeHint().height() > 200;
            if (dock != m_inspector && dock != m_findings && (wide || tall)
                && !tabifiedDockWidgets(m_inspector).contains(dock))
                tabifyDockWidget(m_inspector, dock);
        }
        m_inspector->raise();
        m_findings->raise();
    }
    // The canvas gets the room that is left: side columns sized for their content, a short
    // strip of findings under the canvas.
    resizeDocks({m_palette, m_inspector}, {240, 340}, Qt::Horizontal);
    resizeDocks({m_findings}, {150}, Qt::Vertical);
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

int MainWindow::offerRecovery()
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
            target = new MainWindow;
            target->setAttribute(Qt::WA_DeleteOnClose);
            target->show();
        }
        recovered += target->m_files->recover(entry) ? 1 : 0;
    }
    return recovered;
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
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 800);
    restoreState(settings.value(kStateKey).toByteArray(), kStateVersion);
}

void MainWindow::writeSettings()
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState(kStateVersion));
}

} // namespace swb
