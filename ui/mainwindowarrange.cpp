// MainWindow: auto-layout of the design or the selection, and undo/redo that bring what they
// changed into view.
#include "ui/mainwindow.h"

#include "model/document.h"
#include "model/freespace.h"
#include "model/layout.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"

#include <QAction>
#include <QMenu>
#include <QSet>
#include <QStatusBar>
#include <QUndoStack>

namespace swb {

namespace {

constexpr int kMessageMs = 6000;

} // namespace

void MainWindow::addArrangeActions(QMenu *viewMenu)
{
    auto *layout = new QAction(tr("Auto-&layout"), this);
    layout->setObjectName(QStringLiteral("actionAutoLayout"));
    layout->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    layout->setStatusTip(tr("Lay the whole design out left to right, independent flows stacked"));
    addAction(layout);
    connect(layout, &QAction::triggered, this, &MainWindow::autoLayout);
    auto *selection = new QAction(tr("Layout &Selection"), this);
    selection->setObjectName(QStringLiteral("actionLayoutSelection"));
    selection->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L));
    selection->setStatusTip(tr("Lay out only the selected blocks, where they are"));
    addAction(selection);
    connect(selection, &QAction::triggered, this, &MainWindow::layoutSelection);
    viewMenu->addActions({layout, selection});
}

void MainWindow::addComponentAtCentre(ComponentKind kind)
{
    // At the centre of the view, or the nearest spot where it overlaps no block (with room for
    // a wire between them), so adding several blocks from the palette never stacks them.
    const QPointF centre = m_view->mapToScene(m_view->viewport()->rect().center());
    const QPointF half(kBlockSize.width() / 2, kBlockSize.height() / 2);
    const QRectF wanted(DiagramScene::snapToGrid(centre - half), kBlockSize);
    const QPointF offset = nearestFreeOffset(m_scene->blockRects(), {wanted}, kRowGap / 2);
    const ComponentId id = m_scene->createComponent(kind, wanted.center() + offset);
    if (id != InvalidId) {
        m_scene->selectItems({id});
        m_view->reveal(m_scene->blocksRect({id}));
    }
    m_view->setFocus(Qt::OtherFocusReason);
}

void MainWindow::autoLayout()
{
    QString error;
    const QHash<ComponentId, QPointF> positions = swb::autoLayout(m_document->design(), &error);
    if (positions.isEmpty())
        return;
    m_document->moveComponents(positions, 0, tr("Auto-layout"));
    m_view->fitToView(); // runs the wire pass first; the overview follows the new scene rect
    if (!error.isEmpty())
        statusBar()->showMessage(error, kMessageMs);
}

void MainWindow::layoutSelection()
{
    const QList<ComponentId> ids = m_scene->selectedComponents();
    if (ids.size() < 2) {
        statusBar()->showMessage(tr("Select two or more blocks to lay them out"), kMessageMs);
        return;
    }
    QString error;
    const QHash<ComponentId, QPointF> positions =
        swb::layoutSelection(m_document->design(), ids, &error);
    m_document->moveComponents(positions, 0, tr("Layout selection"));
    m_scene->flushTidy();
    m_view->reveal(m_scene->blocksRect(ids));
    if (!error.isEmpty())
        statusBar()->showMessage(error, kMessageMs);
}

void MainWindow::undo()
{
    undoOrRedo(false);
}

void MainWindow::redo()
{
    undoOrRedo(true);
}

void MainWindow::undoOrRedo(bool redo)
{
    QUndoStack *stack = m_document->undoStack();
    if (redo ? !stack->canRedo() : !stack->canUndo())
        return;
    // What the step changes is collected while it runs: an undone auto-layout or a move far
    // away is brought back into view instead of leaving the user looking at empty canvas.
    QSet<ComponentId> changed;
    const auto collect = [&changed](ComponentId id) { changed.insert(id); };
    const QMetaObject::Connection a =
        connect(m_document, &Document::componentChanged, this, collect);
    const QMetaObject::Connection b = connect(m_document, &Document::componentAdded, this, collect);
    if (redo)
        stack->redo();
    else
        stack->undo();
    disconnect(a);
    disconnect(b);
    if (changed.isEmpty())
        return;
    m_scene->flushTidy();
    m_view->reveal(m_scene->blocksRect(QList<ComponentId>(changed.cbegin(), changed.cend())));
}

} // namespace swb
