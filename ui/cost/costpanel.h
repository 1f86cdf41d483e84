#pragma once
// The cost panel: per block and billing dimension, the monthly cost projected from the
// run's measured usage up to the playback position (priced as sim/runcost.cpp prices a run) beside
// the analytic estimate of the cost model (estimateMonthlyCost), the difference, and why they
// differ, derived from the run's series (retries, throttles, empty receives, cold starts, the
// traffic actually generated, the free-tier split), not canned text.

#include "model/costmodel.h"
#include "model/ids.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QTimer;
class QTreeWidget;

namespace swb {

class Document;
class FrameStore;

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

    explicit CostPanel(Document *document, QWidget *parent = nullptr);

    void setFrameStore(FrameStore *store);
    // Recomputes now (it also runs, coalesced, at the end of a run and when the position moves).
    void refresh();

    QTreeWidget *table() const { return m_table; }
    const QList<Row> &rows() const { return m_rows; }
    double runTotalUsd() const { return m_runTotal; }
    double estimateTotalUsd() const { return m_estimateTotal; }
    double accruedUsd() const { return m_accrued; }

private:
    QString explain(const Row &row, const CostLine *run, const CostLine *estimate,
                    const QList<double> &totals, double seconds) const;

    Document *m_document;
    QPointer<FrameStore> m_store;
    QLabel *m_header;
    QTreeWidget *m_table;
    QTimer *m_timer;
    QList<Row> m_rows;
    double m_runTotal = 0;
    double m_estimateTotal = 0;
    double m_accrued = 0;
};

} // namespace swb
