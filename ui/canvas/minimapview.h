#pragma once

#include <QGraphicsView>
#include <QPointer>
#include <QTimer>

namespace swb {

class DiagramView;

// Overview of the whole scene, scaled to fit, with the main view's visible rect drawn on it.
// Clicking or dragging centres the main view on that point. Blocks paint in a simplified form at
// this scale (level of detail), so the minimap stays cheap. It follows scene changes at most
// twice a second: the playback's 30 fps wire animation would otherwise repaint the whole scene a
// second time for a picture a few pixels wide.
class MinimapView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit MinimapView(DiagramView *mainView, QWidget *parent = nullptr);

    QSize sizeHint() const override { return {220, 150}; }

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    void refit();
    void centreMainViewOn(QPoint viewportPos);

    QPointer<DiagramView> m_mainView;
    QTimer m_sceneChanged;
};

} // namespace swb
