#pragma once
// The charts dock's content: concurrency per function and for the account against their limits,
// queue backlog, message and iterator age, failures (throttles, errors, retries, DLQ), end-to-end
// latency per entry path and the accrued / projected monthly cost per service, stacked over one
// shared time axis with aligned plot areas, so one playback cursor and one fault band line up.
// Reads a FrameStore and redraws when its RefreshPacer says so (never per batch): each visible
// series gets one bulk replace() of the bins in the time window, thinned to the plot's pixel
// columns (ui/charts/chartline.h). The time window follows the playhead (last N minutes, wheel to
// zoom, drag to pan) or shows the whole run. Each block has one colour on every chart; the legend
// beside each chart names every series in full with its value at the hovered time (or at the
// playhead); the previous run (what-if ghost) is drawn faint and dashed and can be removed.

#include "model/ids.h"
#include "ui/charts/chartline.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QLineSeries;
class QToolButton;
class QValueAxis;

namespace swb {

class ChartLegend;
class Document;
class FrameStore;
class PricingSource;
class TimeChartView;
struct SeriesCatalog;

class ChartsPanel : public QWidget
{
    Q_OBJECT

public:
    enum Chart { Concurrency, Backlog, Age, Failures, Latency, Cost, ChartCount };

    // The cost chart prices with pricing's catalogue and is redrawn when it changes.
    ChartsPanel(Document *document, const PricingSource *pricing, QWidget *parent = nullptr);
    ~ChartsPanel() override;

    void setFrameStore(FrameStore *store);
    // Redraws from the store now (normally paced by the store's RefreshPacer).
    void refreshNow();

    TimeChartView *chartView(Chart chart) const { return m_views.at(chart); }
    ChartLegend *legend(Chart chart) const { return m_legends.at(chart); }
    // The checkable list of blocks (item data Qt::UserRole = component id, -1 = account).
    QListWidget *componentChooser() const { return m_chooser; }
    QComboBox *windowBox() const { return m_windowBox; }
    QToolButton *wholeRunButton() const { return m_wholeRun; }
    QToolButton *followButton() const { return m_follow; }
    // The line of a series shown on a chart (null when absent or its block is hidden).
    QLineSeries *series(Chart chart, ComponentId component, const QString &name,
                        bool ghost = false) const;
    // The colour of a block on every chart (invalid when it has no series).
    QColor componentColor(ComponentId component) const;
    // Most points a series of this chart can hold: two per column of two pixels, plus the bins just
    // outside the window on either side.
    int pointBudget(Chart chart) const;

    // Time window: the last `seconds` up to the playhead (following) or a fixed span; 0 = the
    // whole run.
    void setWindowSeconds(double seconds);
    double windowSeconds() const { return m_window; }
    void showWholeRun() { setWindowSeconds(0); }
    void setFollowing(bool follow);
    bool isFollowing() const { return m_following; }
    // The time range shown now, in simulated seconds.
    double rangeStart() const { return m_x0; }
    double rangeEnd() const { return m_x1; }
    // Some charts' series still wait to be redrawn: the per-turn time budget left them for the
    // next turns of the event loop (tests wait for this before reading the lines).
    bool isDrawPending() const { return !m_pendingCharts.isEmpty(); }
    // Charts with at least one series in this run (a design without queues has no backlog).
    bool isChartShown(Chart chart) const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void layoutRows();
    int lastShownChart() const;
    int columns(int chart) const; // decimation columns of a chart's plot
    void buildToolbar(QWidget *bar);
    void rebuild();
    void requestRefresh();
    void refresh();
    // The bookkeeping of a refresh (window, cost samples, cursor, read-outs); the charts whose data
    // changed are left pending.
    void prepareRefresh();
    // One step of a paced refresh: the bookkeeping first, then one chart (or two quick ones) per
    // step; true when nothing is left to draw.
    bool refreshStep();
    void updateWindow();
    void refreshChart(int chart, qint64 first, qint64 last, bool dataChanged);
    // Draws pending charts for up to budgetMs (< 0: all of them now); true when none is left.
    // scheduleRest: charts left over are drawn on later turns through a timer of their own (calls
    // from outside the pacer).
    bool drawPendingCharts(int budgetMs, bool scheduleRest = true);
    void updateCostSamples();
    void updateReadouts();
    void updateBands();
    void setComponentShown(ComponentId component, bool shown);
    void onItemChanged(QListWidgetItem *item);
    void onHovered(TimeChartView *view, double seconds);
    void onZoom(double factor, double around);
    void onPan(double delta);
    ChartLine *addLine(int chart, ComponentId component, const QString &name, const QString &title,
                       int catalogIndex, const QPen &pen, bool ghost = false,
                       bool secondary = false);
    void attach(ChartLine *line);
    void addLimitLines();
    void addGhostLines();
    void fillLegends();
    void fillLegend(int chart);
    void clearLines();
    double durationSeconds() const;
    double playheadSeconds() const;
    QString readout(const ChartLine &line, double seconds) const;

    Document *m_document;
    const PricingSource *m_pricing;
    QPointer<FrameStore> m_store;
    QListWidget *m_chooser;
    QComboBox *m_windowBox = nullptr;
    QToolButton *m_follow = nullptr;
    QToolButton *m_wholeRun = nullptr;
    QLabel *m_readoutLabel = nullptr;
    QList<TimeChartView *> m_views;
    QList<ChartLegend *> m_legends;
    QList<QWidget *> m_rows; // per chart: its view and legend
    QMargins m_margins;      // around every plot (the last chart adds the time axis title)
    QList<QValueAxis *> m_xAxes, m_yAxes, m_rightAxes;
    std::vector<std::unique_ptr<ChartLine>> m_lines;
    QHash<ComponentId, QColor> m_colors;
    QSet<ComponentId> m_hidden;
    // Time window.
    double m_window = 300;
    bool m_following = true;
    double m_panStart = 0;
    double m_x0 = 0, m_x1 = 1;
    double m_hover = std::nan("");
    bool m_needsRebuild = true;
    QList<QString> m_dataKeys; // per chart: what its series were last drawn from
    QSet<int> m_pendingCharts; // charts whose series wait to be redrawn (over several turns)
    bool m_drawScheduled = false;
    bool m_midRefresh = false;       // a paced refresh has done its bookkeeping, charts follow
    qint64 m_first = 0, m_last = -1; // bins in the window
    // Cost chart: running totals of every series and the samples taken so far.
    QList<double> m_totals;
    qint64 m_totalsBins = 0;
    qint64 m_costStride = 1;
};

} // namespace swb
