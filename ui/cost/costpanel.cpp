#include "ui/cost/costpanel.h"

#include "model/document.h"
#include "ui/charts/axisformat.h"
#include "ui/cost/frameusage.h"
#include "ui/cost/money.h"
#include "ui/cost/pricingsource.h"
#include "ui/playback/framestore.h"
#include "ui/playback/refreshpacer.h"
#include "sim/seriesname.h"

#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace swb {

CostPanel::CostPanel(Document *document, const PricingSource *pricing, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_pricing(pricing)
    , m_header(new QLabel(this))
    , m_table(new QTreeWidget(this))
    , m_totalRow(new QTreeWidget(this))
    , m_timer(new QTimer(this))
{
    m_header->setObjectName(QStringLiteral("costHeader"));
    m_header->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("costTable"));
    m_table->setRootIsDecorated(false);
    m_table->setAlternatingRowColors(true);
    // One line per row (laid out in one pass while a run plays); an explanation wider than the
    // panel scrolls, it is never elided, and its tool tip holds it too.
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideNone);
    m_table->setUniformRowHeights(true);
    m_table->setHeaderLabels({tr("Block"), tr("Service"), tr("Dimension"), tr("Run (USD/month)"),
                              tr("Estimate (USD/month)"), tr("Difference"), tr("Why")});
    m_table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->header()->setStretchLastSection(true);
    m_table->setMinimumHeight(40);

    // The Total row sits under the table, outside its scrolling, so it is always in view; its
    // columns follow the table's widths and horizontal scrolling.
    m_totalRow->setObjectName(QStringLiteral("costTotalRow"));
    m_totalRow->setHeaderHidden(true);
    m_totalRow->setRootIsDecorated(false);
    m_totalRow->setColumnCount(m_table->columnCount());
    m_totalRow->setSelectionMode(QAbstractItemView::NoSelection);
    m_totalRow->setFocusPolicy(Qt::NoFocus);
    m_totalRow->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_totalRow->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *total = new QTreeWidgetItem(m_totalRow);
    total->setText(0, tr("Total"));
    QFont bold = total->font(0);
    bold.setBold(true);
    for (int c = 0; c < m_table->columnCount(); ++c) {
        total->setFont(c, bold);
        if (c >= 3 && c <= 5)
            total->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    const int rowHeight = m_totalRow->visualItemRect(total).height();
    m_totalRow->setFixedHeight(std::max(rowHeight, fontMetrics().height() + 6)
                               + 2 * m_totalRow->frameWidth());
    connect(m_table->header(), &QHeaderView::sectionResized, m_totalRow,
            [this](int column, int, int size) { m_totalRow->setColumnWidth(column, size); });
    connect(m_table->horizontalScrollBar(), &QScrollBar::valueChanged,
            m_totalRow->horizontalScrollBar(), &QScrollBar::setValue);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    layout->addWidget(m_header);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_totalRow);
    // A new design re-prices the estimate (coalesced: a replace emits several signals).
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &CostPanel::refresh);
    auto designChanged = [this] {
        m_estimateStale = true;
        m_timer->start(150);
    };
    connect(document, &Document::designReset, this, designChanged);
    connect(document, &Document::componentAdded, this, designChanged);
    connect(document, &Document::componentRemoved, this, designChanged);
    connect(document, &Document::componentChanged, this, designChanged);
    connect(document, &Document::connectionAdded, this, designChanged);
    connect(document, &Document::connectionRemoved, this, designChanged);
    connect(document, &Document::connectionChanged, this, designChanged);
    connect(document, &Document::projectChanged, this, designChanged);
    connect(pricing, &PricingSource::catalogueChanged, this, [this] {
        m_estimateStale = true;
        refresh();
    });
    refresh();
}

void CostPanel::setFrameStore(FrameStore *store)
{
    if (m_store) {
        disconnect(m_store, nullptr, this, nullptr);
        m_store->pacer()->removeView(this);
    }
    m_store = store;
    m_totals.clear();
    m_totalsBin = -1;
    if (store) {
        store->pacer()->addView(this, [this] { refreshIfChanged(); });
        connect(store, &FrameStore::runFinished, this, &CostPanel::refresh);
        auto restart = [this] {
            m_totals.clear();
            m_totalsBin = -1;
            refresh();
        };
        connect(store, &FrameStore::cleared, this, restart);
        connect(store, &FrameStore::runStarted, this, restart);
    }
    refresh();
}

void CostPanel::refreshIfChanged()
{
    constexpr int kLiveIntervalMs = 500;
    const qint64 bin = m_store ? m_store->position() : -1;
    if (bin == m_shownBin)
        return;
    const bool live = m_store && !m_store->isFinished() && m_store->isLive();
    const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : kLiveIntervalMs;
    if (live && since < kLiveIntervalMs) {
        if (!m_timer->isActive())
            m_timer->start(int(kLiveIntervalMs - since)); // the latest position, a bit later
        return;
    }
    refresh();
}

void CostPanel::updateTotals(qint64 bin)
{
    // Summed in bin order from bin 0, as seriesTotals() and RunResults total them, so the
    // incremental sums equal a recount to the last bit.
    const int n = int(m_store->catalog().series.size());
    if (m_totals.size() != n || bin < m_totalsBin) {
        m_totals = QList<double>(n, 0.0);
        m_totalsBin = -1;
    }
    for (qint64 b = m_totalsBin + 1; b <= bin; ++b) {
        const QList<double> &v = m_store->frame(b).values;
        for (int s = 0; s < n && s < v.size(); ++s)
            m_totals[s] += v.at(s);
    }
    m_totalsBin = bin;
}

void CostPanel::refresh()
{
    m_timer->stop();
    m_sinceRefresh.start();
    const Design &design = m_document->design();
    if (m_estimateStale) {
        m_estimate = estimateMonthlyCost(design, m_pricing->catalogue(), costOptionsFor(design));
        m_estimateStale = false;
    }
    const CostReport &estimate = m_estimate;
    CostReport run;
    double seconds = 0;
    const qint64 bin = m_store ? m_store->position() : -1;
    m_shownBin = bin;
    if (bin >= 0) {
        updateTotals(bin);
        seconds = m_store->simSecondsAt(bin);
        run = projectedCostReport(design, m_store->catalog(), m_totals, seconds,
                                  m_pricing->catalogue());
    }
    m_runTotal = run.totalUsd;
    m_estimateTotal = estimate.totalUsd;
    m_accrued = run.totalUsd * seconds / (run.hoursPerMonth * 3600.0);

    // Rows: the union of both bills, in the estimate's order, then rows only the run has.
    QList<QPair<const CostLine *, const CostLine *>> pairs;
    auto find = [](const CostReport &r, const CostLine &l) -> const CostLine * {
        for (const CostLine &x : r.lines) {
            if (x.component == l.component && x.dimensionId == l.dimensionId
                && x.serviceId == l.serviceId)
                return &x;
        }
        return nullptr;
    };
    for (const CostLine &e : estimate.lines)
        pairs.append(qMakePair(bin >= 0 ? find(run, e) : nullptr, &e));
    for (const CostLine &r : run.lines) {
        if (!find(estimate, r))
            pairs.append(qMakePair(&r, static_cast<const CostLine *>(nullptr)));
    }
    m_rows.clear();
    for (const auto &[r, e] : pairs) {
        const CostLine *any = r ? r : e;
        Row row{any->component, any->componentName, any->service,   any->dimensionId,
                any->dimension, r ? r->usd : 0,     e ? e->usd : 0, {}};
        if (bin >= 0)
            row.explanation = explain(row, r, e, m_totals, seconds);
        m_rows.append(row);
    }
    fillTable(pairs, bin >= 0);
    QTreeWidgetItem *total = m_totalRow->topLevelItem(0);
    total->setText(3, bin >= 0 ? formatUsd(m_runTotal) : QStringLiteral("-"));
    total->setText(4, formatUsd(m_estimateTotal));
    total->setText(5, bin >= 0 ? formatUsd(m_runTotal - m_estimateTotal) : QStringLiteral("-"));
    m_header->setText(
        bin >= 0 ? tr("Run: usage up to %1 (the playback position) scaled to a %2-hour month; "
                      "accrued so far %3. Estimate: mean flow rates.")
                       .arg(formatClockTime(seconds))
                       .arg(run.hoursPerMonth)
                       .arg(formatUsd(m_accrued))
                 : tr("No run yet: the estimate column is the analytic cost model (mean flow "
                      "rates x 730 h). Press Play to compare it with measured usage."));
}

void CostPanel::fillTable(const QList<QPair<const CostLine *, const CostLine *>> &pairs, bool run)
{
    // The same rows as shown: texts change in place, so the scroll position and a selected row
    // stay put while a run plays.
    bool same = m_table->topLevelItemCount() == m_rows.size();
    for (int i = 0; same && i < m_rows.size(); ++i) {
        const QTreeWidgetItem *item = m_table->topLevelItem(i);
        same = item->data(0, Qt::UserRole).toLongLong() == m_rows.at(i).component
               && item->data(2, Qt::UserRole).toString() == m_rows.at(i).dimensionId
               && item->text(1) == m_rows.at(i).service;
    }
    if (!same)
        m_table->clear();
    // Texts change with the model's signals held back, then one dataChanged covers them all:
    // the view measures its columns once per refresh, not once per cell.
    QAbstractItemModel *model = m_table->model();
    const bool wasBlocked = same && model->blockSignals(true);
    bool changed = false;
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        QTreeWidgetItem *item = same ? m_table->topLevelItem(i) : new QTreeWidgetItem(m_table);
        const QStringList texts = {row.componentName,
                                   row.service,
                                   row.dimension,
                                   run ? formatUsd(row.runUsd) : QStringLiteral("-"),
                                   formatUsd(row.estimateUsd),
                                   run ? formatUsd(row.runUsd - row.estimateUsd)
                                       : QStringLiteral("-"),
                                   row.explanation};
        for (int c = 0; c < texts.size(); ++c) {
            if (item->text(c) != texts.at(c)) {
                item->setText(c, texts.at(c));
                item->setToolTip(c, c == 6 ? texts.at(c) : QString());
                changed = true;
            }
        }
        if (!same) {
            item->setData(0, Qt::UserRole, qint64(row.component));
            item->setData(2, Qt::UserRole, row.dimensionId);
            for (int c = 3; c <= 5; ++c)
                item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    if (same) {
        model->blockSignals(wasBlocked);
        if (changed && !m_rows.isEmpty())
            Q_EMIT model->dataChanged(
                model->index(0, 0), model->index(int(m_rows.size()) - 1, model->columnCount() - 1));
    }
    (void)pairs;
}

QString CostPanel::explain(const Row &row, const CostLine *run, const CostLine *estimate,
                           const QList<double> &totals, double seconds) const
{
    const SeriesCatalog &catalog = m_store->catalog();
    auto total = [&](const char *name) {
        const int s = catalog.indexOf(row.component, QLatin1String(name));
        return s >= 0 && s < totals.size() ? totals.at(s) : 0.0;
    };
    QStringList why;
    const bool lambda = row.dimensionId.startsWith(QLatin1String("requests"))
                        || row.dimensionId.startsWith(QLatin1String("duration"));
    if (run && estimate && run->serviceId == QLatin1String("lambda") && lambda) {
        if (const double r = total(seriesName(core::LmRetries)); r > 0)
            why << tr("%1 retries re-invoke the function and are billed again")
                       .arg(formatQuantity(r));
        if (const double t = total(seriesName(core::LmThrottles)); t > 0)
            why << tr("%1 throttled invocations are not billed").arg(formatQuantity(t));
        if (const double e =
                total(seriesName(core::LmErrors)) + total(seriesName(core::LmTimeouts));
            e > 0)
            why << tr("%1 errors/timeouts (billed, then retried or redriven)")
                       .arg(formatQuantity(e));
        if (row.dimensionId.startsWith(QLatin1String("duration"))) {
            if (const double c = total(seriesName(core::LmColdStarts)); c > 0)
                why << tr("%1 cold starts and duration variance (measured)").arg(formatQuantity(c));
        }
    }
    if (run && run->serviceId == QLatin1String("sqs")) {
        // The core bills idle long-polling pollers as one empty receive each 20 s
        // (resources/help/aws-behaviour.md, SQS long polling); estimate them from idle bins.
        const int visible =
            catalog.indexOf(row.component, QLatin1String(seriesName(core::QmVisible)));
        const int pollers =
            catalog.indexOf(row.component, QLatin1String(seriesName(core::QmPollers)));
        double empty = 0;
        if (visible >= 0 && pollers >= 0) {
            const qint64 last = m_store->position();
            for (qint64 b = 0; b <= last; ++b) {
                if (m_store->value(b, visible) == 0)
                    empty += m_store->value(b, pollers) * catalog.binWidthSeconds / 20.0;
            }
        }
        if (empty > 0)
            why << tr("~%1 empty receives by idle pollers").arg(formatQuantity(std::round(empty)));
        if (const double r =
                total(seriesName(core::QmReceives)) - total(seriesName(core::QmDeletes));
            r > 0)
            why << tr("%1 receives not followed by a delete (failed or throttled batches are "
                      "received again; some still in flight)")
                       .arg(formatQuantity(r));
    }
    if (run && estimate && estimate->quantity > 0) {
        const double ratio = run->quantity / estimate->quantity;
        if (std::fabs(ratio - 1) > 0.02)
            why << tr("run used %1x the mean-rate quantity in %2 (traffic pattern, "
                      "random arrivals, short-run scaling)")
                       .arg(ratio, 0, 'f', 2)
                       .arg(formatDuration(seconds));
    }
    if ((run && run->freeQuantity > 0) || (estimate && estimate->freeQuantity > 0))
        why << tr("free tier split by usage share (run %1, estimate %2 free units)")
                   .arg(formatQuantity(run ? run->freeQuantity : 0),
                        formatQuantity(estimate ? estimate->freeQuantity : 0));
    if (!run)
        why << tr("no usage measured in this run");
    if (!estimate)
        why << tr("not in the estimate (no mean flow reaches it)");
    return why.join(QStringLiteral("; "));
}

} // namespace swb
