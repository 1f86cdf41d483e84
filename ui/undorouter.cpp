#include "ui/undorouter.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace swb {

namespace {

enum class Step { None, Undo, Redo };

Step stepOf(const QKeyEvent *key)
{
    if (key->matches(QKeySequence::Undo))
        return Step::Undo;
    const bool ctrlY =
        key->key() == Qt::Key_Y && (key->modifiers() & ~Qt::KeypadModifier) == Qt::ControlModifier;
    if (key->matches(QKeySequence::Redo) || ctrlY)
        return Step::Redo;
    return Step::None;
}

// The line edit that takes the typing of this widget (a spin box's own editor included).
QLineEdit *lineEditOf(QWidget *widget)
{
    if (auto *edit = qobject_cast<QLineEdit *>(widget))
        return edit;
    if (auto *spin = qobject_cast<QAbstractSpinBox *>(widget))
        return spin->findChild<QLineEdit *>();
    return nullptr;
}

bool isTextField(QWidget *widget)
{
    return lineEditOf(widget) || qobject_cast<QTextEdit *>(widget)
           || qobject_cast<QPlainTextEdit *>(widget);
}

} // namespace

UndoRouter::UndoRouter(QWidget *window, QWidget *commitScope)
    : QObject(window)
    , m_window(window)
    , m_commitScope(commitScope)
{
    qApp->installEventFilter(this);
}

bool UndoRouter::belongsToWindow(const QWidget *widget) const
{
    const QWidget *top = widget->window();
    if (top != m_window && !qobject_cast<const QDockWidget *>(top))
        return false; // a dialog or another window keeps its own keys
    for (const QWidget *w = widget; w; w = w->parentWidget()) {
        if (w == m_window)
            return true;
    }
    return false;
}

bool UndoRouter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress)
        return false;
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!widget || !widget->hasFocus() || !isTextField(widget) || !belongsToWindow(widget))
        return false;
    const Step step = stepOf(static_cast<QKeyEvent *>(event));
    if (step == Step::None)
        return false;
    const bool commits = m_commitScope && m_commitScope->isAncestorOf(widget);
    QLineEdit *edit = lineEditOf(widget);
    if (!commits && edit
        && (step == Step::Undo ? edit->isUndoAvailable() : edit->isRedoAvailable()))
        return false; // the field's own typing first
    if (event->type() == QEvent::ShortcutOverride) {
        // Claim the key from the field, so its key press comes here.
        event->accept();
        return true;
    }
    if (commits && edit && edit->isModified()) {
        edit->setModified(false);
        Q_EMIT edit->editingFinished(); // what leaving the field would do
    }
    const QString name =
        step == Step::Undo ? QStringLiteral("actionUndo") : QStringLiteral("actionRedo");
    if (auto *action = m_window->findChild<QAction *>(name))
        action->trigger();
    return true;
}

} // namespace swb
