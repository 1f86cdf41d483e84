#pragma once
// One chart of the charts dock: a QChartView over simulated time (x in seconds) that also paints
// the playback cursor (a vertical line at the playback position), a hover crosshair and the fault
// windows (shaded bands) in its foreground, so none of them costs a series or disturbs the axis
// ranges. Exports itself as PNG (widget grab) or SVG (QSvgGenerator).
// For the charts dock it can pin its plot area to fixed margins (so stacked charts line up: one
// cursor, one fault band), paint human tick labels and axis titles itself ("15k", "2 min",
// ui/charts/axisformat.h) instead of QValueAxis's printf formats, and turn the mouse wheel and
// drags into zoom and pan requests on the time axis.

#include <QChartView>
#include <QList>
#include <QMargins>
#include <QPair>
#include <QStringList>

#include <cmath>

namespace swb {

class TimeChartView : public QChartView
{
    Q_OBJECT

public:
    explicit TimeChartView(QChart *chart, QWidget *parent = nullptr);

    // NaN hides the cursor.
    void setCursorSeconds(double seconds);
    double cursorSeconds() const { return m_cursor; }
    // NaN hides the crosshair.
    void setHoverSeconds(double seconds);
    double hoverSeconds() const { return m_hover; }
    // [start, end) windows in simulated seconds, with a short label ("bad deploy").
    struct Band {
        double start = 0;
        double end = 0;
        QString label;
    };
    void setBands(const QList<Band> &bands);
    const QList<Band> &bands() const { return m_bands; }

    // Pins the plot area: these margins (pixels) around it, whatever the labels' widths.
    void setPlotMargins(const QMargins &margins);
    // Tick labels and title painted beside the axis on `side` (Qt::AlignLeft, AlignRight,
    // AlignBottom); positions are in the values of the chart's axis on that side.
    struct AxisText {
        QList<double> values;
        QStringList labels;
        QString title;
    };
    void setAxisText(Qt::Alignment side, const AxisText &text);
    AxisText axisText(Qt::Alignment side) const;
    // Wheel zooms and drags pan the time axis (zoomRequested, panRequested); off by default.
    void setTimeNavigation(bool on) { m_navigation = on; }
    // With pinned margins: the chart's title, painted at the top left above the plot.
    void setHeading(const QString &heading);
    QString heading() const { return m_heading; }

    // Simulated seconds under a viewport x position (NaN outside the plot area).
    double secondsAt(double viewportX) const;
    double xOfSeconds(double seconds) const;

    // Writes the chart as it is shown, replacing the file atomically; false with *error set when
    // the file cannot be written or the target is refused (a symbolic link or a file of another
    // kind, unless force: model/atomicfile.h).
    bool exportPng(const QString &path, QString *error = nullptr, bool force = false);
    bool exportSvg(const QString &path, QString *error = nullptr, bool force = false);

Q_SIGNALS:
    void hovered(double seconds);                            // NaN: the mouse left the plot
    void zoomRequested(double factor, double aroundSeconds); // factor < 1 zooms in
    void panRequested(double deltaSeconds);

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    void applyPlotMargins();
    void paintAxisTexts(QPainter *painter, const QRectF &plot);

    double m_cursor = std::nan("");
    double m_hover = std::nan("");
    QList<Band> m_bands;
    bool m_fixedPlot = false;
    QMargins m_plotMargins;
    QList<QPair<Qt::Alignment, AxisText>> m_axisTexts;
    bool m_navigation = false;
    QString m_heading;
    bool m_dragging = false;
    double m_dragFrom = 0;
};

} // namespace swb
