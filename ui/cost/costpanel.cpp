#include "ui/cost/costpanel.h"

#include "model/document.h"
#include "model/pricing.h"
#include "ui/cost/frameusage.h"
#include "ui/playback/framestore.h"

#include <QHeaderView>
#include <QLabel>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace swb {

namespace {

QString usd(double v)
{
    return QStringLiteral("$%1").arg(formatCents(toCents(v)));
}

} // namespace

CostPanel::CostPanel(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_header(new QLabel(this))
    , m_table(new QTreeWidget(this))
    , m_timer(new QTimer(this))
{
    m_header->setObjectName(QStringLiteral("costHeader"));
    m_header->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("costTable"));
    m_table->setRootIsDecorated(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(true); // the explanations wrap in the last column instead of eliding
    m_table->setUniformRowHeights(false);
    m_table->setHeaderLabels({tr("Block"), tr("Service"), tr("Dimension"), tr("Run (USD/month)"),
                              tr("Estimate (USD/month)"), tr("Difference"), tr("Why")});
    m_table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->header()->setSectionResizeMode(6, QHeaderView::Stretch);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_header);
    layout->addWidget(m_table);
    // Moving the position recomputes totals over every bin up to it: coalesced so scrubbing and a
    // live run at maximum speed cost one refresh per 150 ms at most.
    m_timer->setSingleShot(true);
    m_timer->setInterval(150);
    connect(m_timer, &QTimer::timeout, this, &CostPanel::refresh);
    connect(document, &Document::designReset, m_timer, qOverload<>(&QTimer::start));
    refresh();
}

void CostPanel::setFrameStore(FrameStore *store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (store) {
        connect(store, &FrameStore::positionChanged, m_timer, qOverload<>(&QTimer::start));
        connect(store, &FrameStore::runFinished, this, &CostPanel::refresh);
        connect(store, &FrameStore::cleared, this, &CostPanel::refresh);
    }
    refresh();
}

void CostPanel::refresh()
{
    m_timer->stop();
    const Design &design = m_document->design();
    const CostReport estimate =
        estimateMonthlyCost(design, PricingCatalogue::builtIn(), costOptionsFor(design));
    CostReport run;
    QList<double> totals;
    double seconds = 0;
    const qint64 bin = m_store ? m_store->position() : -1;
    if (bin >= 0) {
        totals = seriesTotals(*m_store, bin);
        seconds = m_store->simSecondsAt(bin);
        run = projectedCostReport(design, m_store->catalog(), totals, seconds);
    }
    m_runTotal = run.totalUsd;
    m_estimateTotal = estimate.totalUsd;
    m_accrued = run.totalUsd * seconds / (run.hoursPerMonth * 3600.0);

    // Rows: the union of both bills, in the estimate's order, then rows only the run has.
    m_rows.clear();
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
    m_table->clear();
    for (const auto &[r, e] : pairs) {
        const CostLine *any = r ? r : e;
        Row row{any->component, any->componentName, any->service,   any->dimensionId,
                any->dimension, r ? r->usd : 0,     e ? e->usd : 0, {}};
        if (bin >= 0)
            row.explanation = explain(row, r, e, totals, seconds);
        m_rows.append(row);
        auto *item = new QTreeWidgetItem(m_table);
        item->setText(0, row.componentName);
        item->setText(1, row.service);
        item->setText(2, row.dimension);
        item->setText(3, bin >= 0 ? usd(row.runUsd) : QStringLiteral("-"));
        item->setText(4, usd(row.estimateUsd));
        item->setText(5, bin >= 0 ? usd(row.runUsd - row.estimateUsd) : QStringLiteral("-"));
        item->setText(6, row.explanation);
        item->setToolTip(6, row.explanation);
        for (int c = 3; c <= 5; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    auto *total = new QTreeWidgetItem(m_table);
    total->setText(0, tr("Total"));
    total->setText(3, bin >= 0 ? usd(m_runTotal) : QStringLiteral("-"));
    total->setText(4, usd(m_estimateTotal));
    total->setText(5, bin >= 0 ? usd(m_runTotal - m_estimateTotal) : QStringLiteral("-"));
    QFont bold = total->font(0);
    bold.setBold(true);
    for (int c = 0; c < 6; ++c) {
        total->setFont(c, bold);
        if (c >= 3)
            total->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_header->setText(
        bin >= 0 ? tr("Run: usage of the first %1 s (up to the playback position) scaled to a "
                      "%2-hour month; accrued so far %3. Estimate: mean flow rates.")
                       .arg(seconds, 0, 'f', 0)
                       .arg(run.hoursPerMonth)
                       .arg(QStringLiteral("$%1").arg(m_accrued, 0, 'f', 6))
                 : tr("No run yet: the estimate column is the analytic cost model (mean flow "
                      "rates x 730 h). Press Play to compare it with measured usage."));
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
        if (const double r = total("lambda.retries"); r > 0)
            why << tr("%1 retries re-invoke the function and are billed again").arg(r);
        if (const double t = total("lambda.throttles"); t > 0)
            why << tr("%1 throttled invocations are not billed").arg(t);
        if (const double e = total("lambda.errors") + total("lambda.timeouts"); e > 0)
            why << tr("%1 errors/timeouts (billed, then retried or redriven)").arg(e);
        if (row.dimensionId.startsWith(QLatin1String("duration"))) {
            if (const double c = total("lambda.cold_starts"); c > 0)
                why << tr("%1 cold starts and duration variance (measured)").arg(c);
        }
    }
    if (run && run->serviceId == QLatin1String("sqs")) {
        // The core bills idle long-polling pollers as one empty receive each 20 s
        // (resources/help/aws-behaviour.md, SQS long polling); estimate them from idle bins.
        const int visible = catalog.indexOf(row.component, QStringLiteral("sqs.visible"));
        const int pollers = catalog.indexOf(row.component, QStringLiteral("sqs.pollers"));
        double empty = 0;
        if (visible >= 0 && pollers >= 0) {
            const qint64 last = m_store->position();
            for (qint64 b = 0; b <= last; ++b) {
                if (m_store->value(b, visible) == 0)
                    empty += m_store->value(b, pollers) * catalog.binWidthSeconds / 20.0;
            }
        }
        if (empty > 0)
            why << tr("~%1 empty receives by idle pollers").arg(std::round(empty));
        if (const double r = total("sqs.receives") - total("sqs.deletes"); r > 0)
            why << tr("%1 receives not followed by a delete (failed or throttled batches are "
                      "received again; some still in flight)")
                       .arg(r);
    }
    if (run && estimate && estimate->quantity > 0) {
        const double ratio = run->quantity / estimate->quantity;
        if (std::fabs(ratio - 1) > 0.02)
            why << tr("run used %1x the mean-rate quantity in %2 s (traffic pattern, "
                      "random arrivals, short-run scaling)")
                       .arg(ratio, 0, 'f', 2)
                       .arg(seconds, 0, 'f', 0);
    }
    if ((run && run->freeQuantity > 0) || (estimate && estimate->freeQuantity > 0))
        why << tr("free tier split by usage share (run %1, estimate %2 free units)")
                   .arg(run ? run->freeQuantity : 0, 0, 'g', 4)
                   .arg(estimate ? estimate->freeQuantity : 0, 0, 'g', 4);
    if (!run)
        why << tr("no usage measured in this run");
    if (!estimate)
        why << tr("not in the estimate (no mean flow reaches it)");
    return why.join(QStringLiteral("; "));
}

} // namespace swb
