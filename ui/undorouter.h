#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace swb {

// Undo and redo from anywhere in a main window (its docks included, floating or not). Text
// fields keep Ctrl+Z for themselves by default, so the design's undo would not reach them; this
// filter takes Undo / Redo (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y) in a field of the window:
// - in a field of `commitScope` (the inspector), whose text is the design's, the field first
//   commits what was typed (as leaving it would), then the design's undo or redo runs, so Ctrl+Z
//   takes back the last edit whether or not it was confirmed with Enter;
// - in any other field (a search box, a load figure) its own typing is undone first, then the
//   design's history.
// Fields in other windows (a dialog, the Compare window) keep their own undo.
class UndoRouter : public QObject
{
    Q_OBJECT

public:
    // Installs itself on the application; window is the main window (its actionUndo and
    // actionRedo are triggered), commitScope the panel whose fields commit first.
    UndoRouter(QWidget *window, QWidget *commitScope);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool belongsToWindow(const QWidget *widget) const;

    QWidget *m_window;
    QWidget *m_commitScope;
};

} // namespace swb
