#pragma once

#include "model/kinds.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QLabel;
class QMenu;
class QStackedWidget;

namespace swb {

class CompareWindow;
class DiagramScene;
class DiagramView;
class Document;
class FileActions;
class FindingsDock;
class InspectorDock;
class MinimapView;
class PaletteDock;
class Prompter;
class FrameStore;
class PlaybackSession;
class PricingSource;
class SimController;
class StartPage;
struct Workload;
class Design;

// The editor window: the canvas in the centre, the block palette, inspector, findings and
// overview docks, menus with the standard shortcuts, and a status bar. File handling lives in
// FileActions, menus in mainwindowmenus.cpp; this class wires the parts together.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // pricing: the application's catalogue (app/gui/main.cpp owns it); every price the window
    // shows, exports or compares comes from it. Must outlive the window.
    explicit MainWindow(PricingSource *pricing, QWidget *parent = nullptr);
    ~MainWindow() override;

    Document *document() const { return m_document; }
    PricingSource *pricing() const { return m_pricing; }
    DiagramScene *scene() const { return m_scene; }
    DiagramView *view() const { return m_view; }
    PaletteDock *paletteDock() const { return m_palette; }
    InspectorDock *inspectorDock() const { return m_inspector; }
    FindingsDock *findingsDock() const { return m_findings; }
    FileActions *files() const { return m_files; }
    // Live simulation playback (mainwindowplayback.cpp): the run's frames for charts and panels.
    PlaybackSession *playback() const { return m_playback; }
    FrameStore *frameStore() const;
    // Selects these blocks and wires and scrolls the canvas to them (findings, advisor).
    void selectAndReveal(const QList<qint64> &components, const QList<qint64> &connections);
    SimController *simController() const;

    // Dialog strategy (tests inject one that answers file dialogs).
    void setPrompter(std::unique_ptr<Prompter> prompter);
    void setAutosaveInterval(int ms);

    bool openFile(const QString &path);
    // mainwindowstart.cpp: the start page (pattern gallery, recent files) in the canvas's place,
    // until a design is created or opened, a block is added, or Blank design is chosen. The
    // application shows it when started without a file; File > Start Page shows it again.
    void showStartPage();
    bool isStartPageShown() const;
    StartPage *startPage() const { return m_startPage; }
    // Plays the current design at `speed` (simulated seconds per wall second, <= 0 = max), as
    // the playback bar would (command line --play).
    void startPlayback(double speed);
    // Adds a block of the kind near the centre of the visible canvas (palette double-click),
    // shifted so repeated adds do not stack on each other; selects it.
    void addComponentAtCentre(ComponentKind kind);
    // mainwindowarrange.cpp: lays the whole design (or the selected blocks) out with Graphviz as
    // one undo step, then shows the result (the view refitted, the overview follows).
    void autoLayout();
    void layoutSelection();
    // Undo and redo for the whole window; what they changed is brought into view.
    void undo();
    void redo();
    // Shows the recovery dialog if autosave copies were left by a crash; returns how many
    // designs were recovered (the first into this window, the others into new windows).
    // recoveredPaths receives the original file of every design recovered (empty for unsaved).
    int offerRecovery(QStringList *recoveredPaths = nullptr);
    // What the app does at start: offer recovery, then open the first file named on the command
    // line (here, unless recovered work took this window). A file whose recovered copy is open
    // already is not opened a second time: that window shows the newer work.
    void openAtStartup(const QStringList &files, bool play = false, double speed = 1.0);

    // The QAction with this objectName ("actionSave", "actionUndo", ...), for tests.
    QAction *action(const QString &objectName) const;
    // Pattern guide (mainwindowhelp.cpp): builds the pattern sized for the load and adds it
    // beside the current design as one undo step, selected and revealed. Returns the new block
    // ids; none on a refusal, with the reason in error.
    QList<qint64> insertRecommendedPattern(const QString &patternId, const Workload &load,
                                           QString *error = nullptr);

    // Simulation > Compare Designs (mainwindowcompare.cpp): the window, shown; and a changed
    // design (an advisor's structural fix) compared with the current one, run at once.
    CompareWindow *showCompareWindow();
    void compareWithChange(const QString &title, const Design &changed);

protected:
    void closeEvent(QCloseEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createDocks();
    void arrangeDefaultDocks();
    void keepCanvasShare();
    void createMenus(); // mainwindowmenus.cpp
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void addArrangeActions(QMenu *viewMenu); // mainwindowarrange.cpp
    // mainwindowkeyboard.cpp: Rename (F2), Connect to... (Ctrl+K), Edit in Inspector (Enter),
    // the canvas context menu, Escape from the inspector back to the canvas, and undo/redo
    // from anywhere in the window.
    void addCanvasKeyboardActions(QMenu *editMenu);
    void showCanvasMenu(QPoint globalPos);
    void connectCurrentTo();
    void inspectCurrent();
    void undoOrRedo(bool redo);
    void createHelpMenu();  // mainwindowhelp.cpp: guide, About
    void createStartPage(); // mainwindowstart.cpp
    void hideStartPage();
    void restoreDocksUnderStartPage();
    void addExportActions(QMenu *exportMenu);      // mainwindowexport.cpp: diagram, cost, results
    void addCompareActions(QMenu *simulationMenu); // mainwindowcompare.cpp: compare designs
    void setupPlayback(); // mainwindowplayback.cpp: bar, Simulation menu, live canvas
    void rebuildRecentMenu();
    void updateTitle();
    void updateEditActions();
    void onSelectionChanged();
    void readSettings();
    void writeSettings();

    PricingSource *m_pricing;
    Document *m_document;
    DiagramScene *m_scene;
    DiagramView *m_view;
    QStackedWidget *m_central = nullptr; // the canvas, or the start page in its place
    StartPage *m_startPage = nullptr;
    QList<QPointer<QDockWidget>> m_docksUnderStartPage; // hidden while the start page shows
    MinimapView *m_minimap = nullptr;
    FileActions *m_files;
    PaletteDock *m_palette = nullptr;
    InspectorDock *m_inspector = nullptr;
    FindingsDock *m_findings = nullptr;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QLabel *m_findingsLabel = nullptr;
    PlaybackSession *m_playback = nullptr;
    bool m_fitPending = false;
    bool m_layoutRestored = false;
    bool m_shownOnce = false;
};

} // namespace swb
