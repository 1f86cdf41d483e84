#pragma once
// A mouse click as the window system delivers it: posted to the event queue, so it waits behind
// whatever the GUI thread has queued (frame batches, redraws) instead of being sent at once as
// QTest::mouseClick does. Shared by the live playback GUI test and bench_playback.

#include <QCoreApplication>
#include <QMouseEvent>
#include <QWidget>

namespace swb::test {

inline void postClick(QWidget *target)
{
    const QPointF at = QRectF(target->rect()).center();
    const QPointF global = target->mapToGlobal(at);
    QCoreApplication::postEvent(target,
                                new QMouseEvent(QEvent::MouseButtonPress, at, global,
                                                Qt::LeftButton, Qt::LeftButton, Qt::NoModifier));
    QCoreApplication::postEvent(target,
                                new QMouseEvent(QEvent::MouseButtonRelease, at, global,
                                                Qt::LeftButton, Qt::NoButton, Qt::NoModifier));
}

} // namespace swb::test
