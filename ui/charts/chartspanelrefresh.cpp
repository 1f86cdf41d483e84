// ChartsPanel: what each refresh does (the time window, one replace() per visible series, the
// axes, the cost samples, the legends' read-outs) and the time navigation.
#include "ui/charts/chartspanel.h"

#include "model/costmodel.h"
#include "model/document.h"
#include "ui/charts/axisformat.h"
#include "ui/charts/chartlegend.h"
#include "ui/charts/chartspecs.h"
#include "ui/charts/timechartview.h"
#include "ui/cost/frameusage.h"
#include "ui/cost/pricingsource.h"
#include "ui/playback/framestore.h"
#include "ui/playback/refreshpacer.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QCursor>
#include <QLabel>
#include <QLineSeries>
#include <QMap>
#include <QToolButton>
#include <QTimer>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace swb {

namespace {

constexpr int kCostBudgetMs = 2;  // pricing a sample costs ~0.2-2 ms; the rest waits a refresh
constexpr int kChartBudgetMs = 1; // charts drawn per event-loop turn (a chart costs 0.5-3 ms)

// The bin whose end is the first at or after `seconds`.
qint64 binAt(const FrameStore &store, double seconds)
{
    const double width = store.catalog().binWidthSeconds > 0 ? store.catalog().binWidthSeconds : 1;
    const qint64 bin = qint64(std::ceil(seconds / width - 1e-9)) - 1;
    return std::clamp<qint64>(bin, 0, std::max<qint64>(0, store.frameCount() - 1));
}

// One colour per priced service on the cost chart (the catalogue's services; others grey).
QColor serviceColor(const QString &serviceId)
{
    static const QStringList services = {
        QStringLiteral("lambda"), QStringLiteral("apigateway"), QStringLiteral("sns"),
        QStringLiteral("sqs"),    QStringLiteral("kinesis"),    QStringLiteral("stepfunctions")};
    const qsizetype i = services.indexOf(serviceId);
    return i >= 0 ? blockColor(int(i)) : QColor(Qt::gray);
}

void setTickInterval(QValueAxis *axis, double step)
{
    if (step > 0 && axis->tickInterval() != step)
        axis->setTickInterval(step);
}

void setRangeIfChanged(QValueAxis *axis, double lo, double hi)
{
    if (axis->min() != lo || axis->max() != hi)
        axis->setRange(lo, hi);
}

} // namespace

double ChartsPanel::durationSeconds() const
{
    if (m_store && m_store->catalog().durationSeconds > 0)
        return m_store->catalog().durationSeconds;
    return std::max(1.0, m_document->design().setting(QStringLiteral("duration")).toDouble());
}

double ChartsPanel::playheadSeconds() const
{
    return m_store && m_store->position() >= 0 ? m_store->simSecondsAt(m_store->position()) : 0;
}

int ChartsPanel::columns(int chart) const
{
    // One column per two pixels: its minimum and maximum still draw every pixel's extremes
    // within a pixel, at half the points Qt Charts lays out per refresh.
    return std::max(1, int(m_views.at(chart)->chart()->plotArea().width()) / 2);
}

int ChartsPanel::pointBudget(Chart chart) const
{
    return 2 * columns(chart) + 4;
}

void ChartsPanel::setWindowSeconds(double seconds)
{
    m_window = std::max(0.0, seconds);
    if (m_window > 0 && m_window < 10)
        m_window = 10;
    const int index = m_windowBox->findData(m_window);
    m_windowBox->setCurrentIndex(index >= 0 ? index : -1);
    if (index < 0)
        m_windowBox->setEditText(QString());
    if (m_window == 0)
        m_windowBox->setCurrentIndex(m_windowBox->count() - 1);
    m_panStart = std::max(0.0, m_x0);
    updateWindow();
    requestRefresh();
}

void ChartsPanel::setFollowing(bool follow)
{
    m_following = follow;
    if (m_follow->isChecked() != follow)
        m_follow->setChecked(follow);
    m_panStart = m_x0;
    updateWindow();
    requestRefresh();
}

void ChartsPanel::onZoom(double factor, double around)
{
    const double duration = durationSeconds();
    const double current = m_x1 - m_x0;
    const double next = std::clamp(current * factor, 10.0, std::max(10.0, duration));
    if (std::isnan(around) || m_following)
        around = m_following ? m_x1 : (m_x0 + m_x1) / 2;
    // Keep the time under the mouse where it is.
    const double share = current > 0 ? (around - m_x0) / current : 1;
    m_panStart = around - share * next;
    m_window = next >= duration ? 0 : next;
    const int index = m_windowBox->findData(m_window);
    m_windowBox->setCurrentIndex(index);
    updateWindow();
    requestRefresh();
}

void ChartsPanel::onPan(double delta)
{
    if (m_window == 0)
        return; // the whole run is already in view
    if (m_following)
        setFollowing(false);
    m_panStart = m_x0 + delta;
    updateWindow();
    requestRefresh();
}

void ChartsPanel::updateWindow()
{
    const double duration = durationSeconds();
    if (m_window <= 0 || m_window >= duration) {
        m_x0 = 0;
        m_x1 = duration;
        return;
    }
    if (m_following) {
        // The playhead near the right edge, with a little room ahead of it.
        m_x1 = std::clamp(playheadSeconds() + 0.05 * m_window, m_window, duration);
        m_x0 = m_x1 - m_window;
        return;
    }
    m_x0 = std::clamp(m_panStart, 0.0, duration - m_window);
    m_x1 = m_x0 + m_window;
}

void ChartsPanel::prepareRefresh()
{
    if (m_needsRebuild)
        rebuild();
    updateWindow();
    m_first = 0;
    m_last = -1;
    if (m_store && !m_store->isEmpty()) {
        const double width = std::max(1e-9, m_store->catalog().binWidthSeconds);
        m_first = std::max<qint64>(0, qint64(std::floor(m_x0 / width)) - 1);
        m_last = std::min<qint64>(m_store->frameCount() - 1, qint64(std::ceil(m_x1 / width)));
        updateCostSamples();
    }
    const qint64 frames = m_store ? m_store->frameCount() : 0;
    for (int c = 0; c < ChartCount; ++c) {
        // The series are replaced only when what they show changed (new bins in the window, the
        // window moved, the plot was resized); the cursor and read-outs move on every refresh.
        const QString key = QStringLiteral("%1 %2 %3 %4 %5 %6")
                                .arg(m_x0)
                                .arg(m_x1)
                                .arg(m_first)
                                .arg(std::min(m_last, frames - 1))
                                .arg(m_views.at(c)->chart()->plotArea().width())
                                .arg(c == Cost ? m_totalsBins : 0);
        if (key != m_dataKeys.at(c))
            m_pendingCharts.insert(c);
        m_dataKeys[c] = key;
    }
    const double cursor = m_store && m_store->position() >= 0 ? playheadSeconds() : std::nan("");
    for (TimeChartView *v : std::as_const(m_views))
        v->setCursorSeconds(cursor);
    updateReadouts();
}

void ChartsPanel::refresh()
{
    prepareRefresh();
    // The charts in the next turns, one (or two quick ones) per turn: this turn has done the
    // bookkeeping, and each chart's redraw queues its scene update and repaint for the next turn.
    drawPendingCharts(0);
}

bool ChartsPanel::refreshStep()
{
    // Paced by the store's RefreshPacer, which calls again in the next turn while this returns
    // false: the bookkeeping in one turn, then the charts, so no other view's redraw shares a
    // turn with a chart's (one unit of work per event-loop iteration).
    if (!m_midRefresh) {
        prepareRefresh();
        m_midRefresh = true;
        if (!m_pendingCharts.isEmpty())
            return false;
    }
    const bool done = drawPendingCharts(kChartBudgetMs, false);
    m_midRefresh = !done;
    return done;
}

void ChartsPanel::refreshNow()
{
    prepareRefresh();
    drawPendingCharts(-1);
    m_midRefresh = false;
}

bool ChartsPanel::drawPendingCharts(int budgetMs, bool scheduleRest)
{
    // Work per GUI frame has a budget: charts left over are drawn on the next turns of the
    // event loop, so input (Pause, a menu) is handled in between (DESIGN.md, 50 ms).
    QElapsedTimer spent;
    spent.start();
    for (Chart c : {Failures, Backlog, Age, Concurrency, Latency, Cost}) {
        if (!m_pendingCharts.contains(c))
            continue;
        if (budgetMs >= 0 && spent.elapsed() >= budgetMs) {
            if (scheduleRest && !m_drawScheduled) {
                m_drawScheduled = true;
                QTimer::singleShot(0, this, [this] {
                    m_drawScheduled = false;
                    drawPendingCharts(kChartBudgetMs);
                });
            }
            return false;
        }
        m_pendingCharts.remove(c);
        refreshChart(c, m_first, m_last, true);
    }
    for (int c = 0; c < ChartCount; ++c) {
        if (!m_pendingCharts.contains(c))
            refreshChart(c, m_first, m_last, false); // the time axis labels
    }
    return true;
}

void ChartsPanel::refreshChart(int chart, qint64 first, qint64 last, bool dataChanged)
{
    TimeChartView *view = m_views.at(chart);
    const ChartSpec &spec = chartSpecs().at(chart);
    const AxisTicks xTicks = timeTicks(m_x0, m_x1, std::max(3, int(view->width() / 110)));
    view->setAxisText(
        Qt::AlignBottom,
        {xTicks.values, xTicks.labels,
         chart == lastShownChart() ? tr("simulated time (%1)").arg(xTicks.unit) : QString()});
    if (!dataChanged)
        return;
    // Points first, Qt Charts after: every axis range change re-lays out every line of the
    // chart, so the lines are emptied before the ranges move and filled once after.
    const int columns = this->columns(chart);
    double top = 0, rightTop = 0;
    QList<double> limits;
    QList<QPair<ChartLine *, QList<QPointF>>> updates;
    for (auto &line : m_lines) {
        if (line->chart != chart || !line->series->chart())
            continue;
        QList<QPointF> points;
        double peak = 0;
        if (!std::isnan(line->constant)) {
            points = {QPointF(m_x0, line->constant), QPointF(m_x1, line->constant)};
            limits.append(line->constant);
        } else if (!line->samples.isEmpty()) {
            for (const QPointF &p : std::as_const(line->samples)) {
                if (p.x() >= m_x0 && p.x() <= m_x1) {
                    points.append(p);
                    peak = std::max(peak, p.y());
                }
            }
        } else if (line->ghost) {
            const FrameStore *ghost = m_store ? m_store->ghost() : nullptr;
            if (ghost && !ghost->isEmpty()) {
                const double width = std::max(1e-9, ghost->catalog().binWidthSeconds);
                points =
                    windowPoints(*ghost, line->catalogIndex, qint64(std::floor(m_x0 / width)) - 1,
                                 qint64(std::ceil(m_x1 / width)), m_x0, m_x1, columns, &peak);
            }
        } else if (m_store) {
            points =
                windowPoints(*m_store, line->catalogIndex, first, last, m_x0, m_x1, columns, &peak);
        }
        if (line->secondaryAxis)
            rightTop = std::max(rightTop, peak);
        else
            top = std::max(top, peak);
        updates.append({line.get(), points});
    }
    // A limit far above the data (the 1,000 account pool vs 2 environments) would flatten every
    // line: it is in view only when within 2x of the data; its legend row states it.
    const double data = std::max(1.0, top);
    for (double limit : std::as_const(limits)) {
        if (limit <= 2 * data)
            top = std::max(top, limit);
    }
    const int targetTicks = std::max(2, std::min(5, int(view->height() / 45)));
    const AxisTicks yTicks = valueTicks(spec.kind, top * 1.05, targetTicks);
    bool secondary = false;
    for (const auto &line : m_lines)
        secondary = secondary || (line->chart == chart && line->secondaryAxis);
    // The right axis puts its ticks at the left axis's heights, so one grid serves both.
    const int n = std::max(1, int(yTicks.values.size()) - 1);
    const double rightStep = valueTicks(spec.secondaryKind, rightTop * 1.05, n).top / n;

    QValueAxis *x = m_xAxes.at(chart), *y = m_yAxes.at(chart), *right = m_rightAxes.at(chart);
    const bool moves = x->min() != m_x0 || x->max() != m_x1 || y->max() != yTicks.top
                       || (secondary && right->max() != n * rightStep);
    if (moves) {
        for (const auto &u : std::as_const(updates))
            u.first->series->clear();
    }
    // The grid step before the range, so an axis never lays out a range at a stale step.
    if (xTicks.values.size() >= 2)
        setTickInterval(x, xTicks.values.at(1) - xTicks.values.at(0));
    setRangeIfChanged(x, m_x0, m_x1);
    if (yTicks.values.size() >= 2)
        setTickInterval(y, yTicks.values.at(1));
    setRangeIfChanged(y, 0, yTicks.top);
    right->setVisible(secondary);
    if (secondary) {
        setTickInterval(right, rightStep);
        setRangeIfChanged(right, 0, n * rightStep);
    }
    for (const auto &u : std::as_const(updates))
        u.first->series->replace(u.second); // one bulk update per series and refresh

    QString yTitle = tr(spec.yTitle);
    if (yTitle.contains(QLatin1String("%1")))
        yTitle = yTitle.arg(formatDuration(m_store ? m_store->catalog().binWidthSeconds : 1));
    else if (!yTicks.unit.isEmpty() && yTicks.unit != QLatin1String("$"))
        yTitle = QStringLiteral("%1 (%2)").arg(yTitle, yTicks.unit);
    view->setAxisText(Qt::AlignLeft, {yTicks.values, yTicks.labels, yTitle});
    TimeChartView::AxisText rightText;
    if (secondary && spec.secondaryTitle) {
        rightText.title = tr(spec.secondaryTitle);
        for (int i = 0; i <= n; ++i) {
            rightText.values.append(i * rightStep);
            rightText.labels.append(formatValue(spec.secondaryKind, i * rightStep));
        }
    }
    view->setAxisText(Qt::AlignRight, rightText);
}

void ChartsPanel::updateCostSamples()
{
    // Running totals of every series in bin order (frameusage.h), priced every m_costStride bins:
    // projected = the usage so far priced for a 730-hour month; accrued = the share of that month
    // already elapsed (so tiers and the free tier spread evenly over the month, as the AWS
    // calculator does). Bounded work per refresh; the rest follows on the next.
    const SeriesCatalog &catalog = m_store->catalog();
    if (m_totals.isEmpty())
        m_totals.fill(0.0, catalog.series.size());
    QElapsedTimer budget;
    budget.start();
    bool added = false; // new services' lines: the cost legend is refilled once, at the end
    for (; m_totalsBins < m_store->frameCount(); ++m_totalsBins) {
        const qint64 b = m_totalsBins;
        const QList<double> &v = m_store->frame(b).values;
        for (int s = 0; s < m_totals.size() && s < v.size(); ++s)
            m_totals[s] += std::isfinite(v.at(s)) ? v.at(s) : 0.0;
        const bool last = m_store->isFinished() && b == m_store->frameCount() - 1;
        if ((b + 1) % m_costStride != 0 && !last)
            continue;
        const double seconds = m_store->simSecondsAt(b);
        const CostReport report = projectedCostReport(m_document->design(), catalog, m_totals,
                                                      seconds, m_pricing->catalogue());
        QMap<QString, QPair<QString, double>> perService;
        for (const CostLine &l : report.lines) {
            perService[l.serviceId].first = l.service;
            perService[l.serviceId].second += l.usd;
        }
        const double monthSeconds = report.hoursPerMonth * 3600.0;
        for (auto it = perService.cbegin(); it != perService.cend(); ++it) {
            for (bool accrued : {false, true}) {
                const QString name =
                    (accrued ? QStringLiteral("cost.accrued.") : QStringLiteral("cost.projected."))
                    + it.key();
                ChartLine *line = nullptr;
                for (auto &l : m_lines) {
                    if (!l->ghost && l->chart == Cost && l->name == name)
                        line = l.get();
                }
                if (!line) {
                    const QColor color = serviceColor(it.key());
                    line = addLine(Cost, InvalidId, name,
                                   accrued ? tr("%1 accrued (right axis)").arg(it.value().first)
                                           : tr("%1 projected per month").arg(it.value().first),
                                   -1, chartPen(color, accrued ? Qt::DotLine : Qt::SolidLine),
                                   false, accrued);
                    added = true;
                }
                const double usd =
                    accrued ? it.value().second * seconds / monthSeconds : it.value().second;
                line->samples.append(QPointF(seconds, usd));
            }
        }
        if (budget.elapsed() >= kCostBudgetMs) {
            ++m_totalsBins;
            m_store->pacer()->markDirty();
            break;
        }
    }
    if (added)
        fillLegend(Cost);
}

QString ChartsPanel::readout(const ChartLine &line, double seconds) const
{
    const ChartSpec &spec = chartSpecs().at(line.chart);
    const ValueKind kind = line.secondaryAxis ? spec.secondaryKind : spec.kind;
    if (!std::isnan(line.constant))
        return formatValue(kind, line.constant);
    if (!line.samples.isEmpty()) {
        double v = std::nan("");
        for (const QPointF &p : line.samples) {
            if (p.x() > seconds + 1e-9)
                break;
            v = p.y();
        }
        return formatValue(kind, v);
    }
    if (!m_store || m_store->isEmpty())
        return QString();
    return formatValue(kind, m_store->value(binAt(*m_store, seconds), line.catalogIndex));
}

void ChartsPanel::updateReadouts()
{
    const bool hovering = !std::isnan(m_hover);
    const bool any = m_store && !m_store->isEmpty();
    const double at = hovering ? m_hover : playheadSeconds();
    for (int c = 0; c < ChartCount; ++c) {
        QStringList values;
        for (const auto &l : m_lines) {
            if (l->chart == c && !l->ghost && !m_hidden.contains(l->component))
                values.append(any ? readout(*l, at) : QString());
        }
        m_legends.at(c)->setValues(values);
    }
    m_readoutLabel->setText(!any       ? QString()
                            : hovering ? tr("Values at %1 (pointer)").arg(formatClockTime(at))
                                       : tr("Values at %1 (playhead)").arg(formatClockTime(at)));
}

void ChartsPanel::onHovered(TimeChartView *view, double seconds)
{
    m_hover = seconds;
    for (TimeChartView *v : std::as_const(m_views))
        v->setHoverSeconds(seconds);
    updateReadouts();
    if (std::isnan(seconds) || !m_store || m_store->isEmpty()) {
        QToolTip::hideText();
        return;
    }
    // The hovered chart's tool tip lists time and value of each of its visible series.
    const int chart = int(m_views.indexOf(view));
    QStringList lines{QStringLiteral("<b>%1</b>").arg(formatClockTime(seconds))};
    for (const auto &l : m_lines) {
        if (l->chart == chart && !l->ghost && l->series->chart())
            lines.append(QStringLiteral("%1: <b>%2</b>")
                             .arg(l->title.toHtmlEscaped(), readout(*l, seconds)));
    }
    QToolTip::showText(QCursor::pos(), lines.join(QStringLiteral("<br>")), view);
}

} // namespace swb
