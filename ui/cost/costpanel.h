#pragma once
// The cost panel: per block and billing dimension, the monthly cost projected from the
// run's measured usage up to the playback position (priced as sim/runcost.cpp prices a run) beside
// the analytic estimate of the cost model (estimateMonthlyCost), the difference, and why they
// differ, derived from the run's series (retries, throttles, empty receives, cold starts, the
// traffic actually generated, the free-tier split), not canned text. The Total row is pinned
// under the table (never scrolled away or clipped); amounts read "$50.55" and "-$0.72"
// (ui/cost/money.h). It redraws when the store's RefreshPacer says so, all through a run, and
// keeps the running totals incrementally while the position moves forward; during a live run it
// redraws at most twice a second (a money table need not move at 25 frames per second).

#include "model/costmodel.h"
#include "model/ids.h"

#include <QElapsedTimer>
#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QTimer;
class QTreeWidget;

namespace swb {

class Document;
class FrameStore;
class PricingSource;

class CostPanel : public QWidget
{
    Q_OBJECT

public:
    struct Row {
        ComponentId component = InvalidId;
        QString componentName;
        QString service;
        QString dimensionId;
        QString dimension;
        double runUsd = 0;      // projected monthly from the run
        double estimateUsd = 0; // analytic estimate
        QString explanation;
    };

    // Both columns are priced with pricing's catalogue and re-priced when it changes.
    CostPanel(Document *document, const PricingSource *pricing, QWidget *parent = nullptr);

    void setFrameStore(FrameStore *store);
    // Recomputes now (it also runs, paced, during a run and when the position moves).
    void refresh();

    QTreeWidget *table() const { return m_table; }
    // The pinned Total row (one item) under the table; its columns follow the table's.
    QTreeWidget *totalRow() const { return m_totalRow; }
    QLabel *header() const { return m_header; }
    const QList<Row> &rows() const { return m_rows; }
    double runTotalUsd() const { return m_runTotal; }
    double estimateTotalUsd() const { return m_estimateTotal; }
    double accruedUsd() const { return m_accrued; }

private:
    void refreshIfChanged();
    void updateTotals(qint64 bin);
    void fillTable(const QList<QPair<const CostLine *, const CostLine *>> &pairs, bool run);
    QString explain(const Row &row, const CostLine *run, const CostLine *estimate,
                    const QList<double> &totals, double seconds) const;

    Document *m_document;
    const PricingSource *m_pricing;
    QPointer<FrameStore> m_store;
    QLabel *m_header;
    QTreeWidget *m_table;
    QTreeWidget *m_totalRow;
    QTimer *m_timer;
    CostReport m_estimate; // the analytic estimate, recomputed when the design changes
    bool m_estimateStale = true;
    QElapsedTimer m_sinceRefresh;
    QList<double> m_totals; // every series summed over bins [0, m_totalsBin]
    qint64 m_totalsBin = -1;
    qint64 m_shownBin = -2; // the position the table shows (-2: never refreshed)
    qint64 m_shownFrames = -1;
    QList<Row> m_rows;
    double m_runTotal = 0;
    double m_estimateTotal = 0;
    double m_accrued = 0;
};

} // namespace swb
