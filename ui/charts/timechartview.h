#pragma once
// One chart of the charts dock: a QChartView over simulated time (x in seconds) that also paints
// the playback cursor (a vertical line at the playback position) and the fault windows (shaded
// bands) in its foreground, so neither costs a series nor disturbs the axis ranges. Exports itself
// as PNG (widget grab) or SVG (QSvgGenerator).

#include <QChartView>
#include <QList>
#include <QPair>

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
    // [start, end) windows in simulated seconds, with a short label ("bad deploy").
    struct Band {
        double start = 0;
        double end = 0;
        QString label;
    };
    void setBands(const QList<Band> &bands);
    const QList<Band> &bands() const { return m_bands; }

    // Writes the chart as it is shown; false with *error set when the file cannot be written.
    bool exportPng(const QString &path, QString *error = nullptr);
    bool exportSvg(const QString &path, QString *error = nullptr);

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    double m_cursor = std::nan("");
    QList<Band> m_bands;
};

} // namespace swb
