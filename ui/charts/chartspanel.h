#pragma once
// The charts dock's content: concurrency per function and for the account against their
// limits, queue backlog, message and iterator age, failures (throttles, errors, retries, DLQ),
// end-to-end latency per entry path and the accrued / projected monthly cost per service. Reads a
// FrameStore: frames are appended in bulk as batches arrive, a cursor follows the playback
// position, fault windows are shaded, and the previous run (ghost) is drawn faint and dashed.

#include "model/ids.h"
#include "ui/charts/chartline.h"

#include <QList>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <memory>
#include <vector>

class QChart;
class QListWidget;
class QListWidgetItem;
class QLineSeries;
class QValueAxis;

namespace swb {

class Document;
class FrameStore;
class TimeChartView;
struct SeriesCatalog;

class ChartsPanel : public QWidget
{
    Q_OBJECT

public:
    enum Chart { Concurrency, Backlog, Age, Failures, Latency, Cost, ChartCount };

    explicit ChartsPanel(Document *document, QWidget *parent = nullptr);
    ~ChartsPanel() override;

    void setFrameStore(FrameStore *store);

    TimeChartView *chartView(Chart chart) const { return m_views.at(chart); }
    // The checkable list of blocks (item data Qt::UserRole = component id, -1 = account).
    QListWidget *componentChooser() const { return m_chooser; }
    // The line of a run series shown on a chart (null when absent or its block is hidden).
    QLineSeries *series(Chart chart, ComponentId component, const QString &name,
                        bool ghost = false) const;

private:
    void rebuild();
    void appendFrames(qint64 first, qint64 count);
    void updateCost(qint64 lastBin);
    void updateCursor();
    void updateBands();
    void setComponentShown(ComponentId component, bool shown);
    void onItemChanged(QListWidgetItem *item);
    ChartLine *addLine(Chart chart, ComponentId component, const QString &name,
                       const QString &title, int catalogIndex, bool ghost = false,
                       bool secondary = false);
    void addLimitLines();
    void addGhostLines();
    void fitAxes();
    void clearLines();

    Document *m_document;
    QPointer<FrameStore> m_store;
    QListWidget *m_chooser;
    QList<TimeChartView *> m_views;
    QList<QValueAxis *> m_xAxes, m_yAxes;
    QValueAxis *m_accruedAxis = nullptr;
    QList<double> m_yMax;
    double m_accruedMax = 0;
    std::vector<std::unique_ptr<ChartLine>> m_lines;
    QSet<ComponentId> m_hidden;
    QList<double> m_totals; // running totals of every series, for the cost chart
    qint64 m_totalsBins = 0;
};

} // namespace swb
