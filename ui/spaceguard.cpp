#include "ui/spaceguard.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QKeyEvent>

namespace swb {

namespace {

class SpaceGuard : public QObject
{
public:
    explicit SpaceGuard(QWidget *window)
        : QObject(window)
        , m_window(window)
    {
        qApp->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::ShortcutOverride)
            return false;
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() != Qt::Key_Space || (key->modifiers() & ~Qt::KeypadModifier) != 0)
            return false;
        auto *widget = qobject_cast<QWidget *>(watched);
        if (!widget || !widget->hasFocus() || !m_window->isAncestorOf(widget))
            return false;
        if (!qobject_cast<QAbstractButton *>(widget) && !qobject_cast<QComboBox *>(widget)
            && !qobject_cast<QAbstractItemView *>(widget))
            return false;
        event->accept(); // the control takes the key press; no shortcut fires
        return true;
    }

private:
    QWidget *m_window;
};

} // namespace

void keepSpaceForFocusedControls(QWidget *window)
{
    new SpaceGuard(window);
}

} // namespace swb
