#include "ui/wheelguard.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QEvent>
#include <QWheelEvent>
#include <QWidget>

namespace swb {

namespace {

class WheelGuard : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *widget = qobject_cast<QWidget *>(watched);
        if (event->type() != QEvent::Wheel || !widget || widget->hasFocus())
            return false;
        // Hand the wheel to the scroll area around the widget, as if the pointer were over
        // the form's background.
        for (QWidget *w = widget->parentWidget(); w; w = w->parentWidget()) {
            auto *area = qobject_cast<QAbstractScrollArea *>(w);
            if (!area)
                continue;
            auto *wheel = static_cast<QWheelEvent *>(event);
            const QPointF pos = area->viewport()->mapFromGlobal(wheel->globalPosition().toPoint());
            QWheelEvent forwarded(pos, wheel->globalPosition(), wheel->pixelDelta(),
                                  wheel->angleDelta(), wheel->buttons(), wheel->modifiers(),
                                  wheel->phase(), wheel->inverted(), wheel->source());
            QApplication::sendEvent(area->viewport(), &forwarded);
            break;
        }
        return true; // the widget itself never sees it
    }
};

QObject *guard()
{
    static WheelGuard *instance = new WheelGuard(qApp);
    return instance;
}

} // namespace

void guardWheel(QWidget *widget)
{
    widget->setFocusPolicy(Qt::StrongFocus);
    widget->installEventFilter(guard());
}

} // namespace swb
