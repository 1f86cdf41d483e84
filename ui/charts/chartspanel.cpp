#include "ui/charts/chartspanel.h"

#include "model/document.h"
#include "model/services/account/account.h"
#include "model/services/lambda/lambda.h"
#include "model/pricing.h"
#include "ui/charts/timechartview.h"
#include "ui/cost/frameusage.h"
#include "ui/playback/framestore.h"

#include <QCursor>
#include <QLegendMarker>
#include <QLineSeries>
#include <QListWidget>
#include <QScrollArea>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace swb {

namespace {

struct SeriesSpec {
    const char *name;
    const char *label;
};

struct ChartSpec {
    const char *title;
    const char *yTitle;
    QList<SeriesSpec> series;
};

// Series names and meanings: sim/core/simulation.h. Sum series are per bin (per second at the
// automatic 1 s bins), Max series are the peak within the bin.
const QList<ChartSpec> &chartSpecs()
{
    static const QList<ChartSpec> specs = {
        {"Concurrency vs limits",
         "environments",
         {{"lambda.concurrency", "concurrency"}, {"account.concurrency", "concurrency"}}},
        {"Queue backlog", "messages", {{"sqs.visible", "visible"}, {"sqs.in_flight", "in flight"}}},
        {"Oldest message age / iterator age",
         "seconds",
         {{"sqs.oldest_age_s", "oldest message"},
          {"kinesis.iterator_age_s", "iterator age"},
          {"kinesis.blocked_shards", "blocked shards"},
          {"sfn.transition_delay_s", "transition delay"}}},
        {"Throttles, errors, retries, DLQ",
         "per bin",
         {{"lambda.throttles", "throttles"},
          {"lambda.errors", "errors"},
          {"lambda.retries", "retries"},
          {"lambda.dlq", "to DLQ"},
          {"sqs.to_dlq", "to DLQ"},
          {"apigw.throttled_429", "429s"},
          {"kinesis.write_throttles", "write throttles"},
          {"kinesis.read_throttles", "read throttles"},
          {"sns.publish_throttles", "publish throttles"},
          {"sfn.start_throttles", "StartExecution throttles"},
          {"sns.dlq", "to DLQ"},
          {"sfn.failures", "failures"},
          {"downstream.rejections", "rejections"}}},
        {"End-to-end latency per entry path",
         "ms",
         {{"source.e2e_p50_ms", "p50"},
          {"source.e2e_p95_ms", "p95"},
          {"source.e2e_p99_ms", "p99"}}},
        {"Monthly cost per service", "USD / month (projected)", {}},
    };
    return specs;
}

double niceCeil(double v)
{
    if (!(v > 0))
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (v <= m * p)
            return m * p;
    }
    return 10 * p;
}

// 0..top on round ticks; thousands without exponents ("10000", not "1e+04").
void setNiceRange(QValueAxis *axis, double top)
{
    axis->setRange(0, niceCeil(top));
    axis->applyNiceNumbers();
    axis->setLabelFormat(axis->max() >= 1000 ? QStringLiteral("%.0f") : QStringLiteral("%.3g"));
}

} // namespace

ChartsPanel::ChartsPanel(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_chooser(new QListWidget(this))
{
    m_chooser->setObjectName(QStringLiteral("chartComponents"));
    m_chooser->setToolTip(tr("Blocks whose series are shown"));
    connect(m_chooser, &QListWidget::itemChanged, this, &ChartsPanel::onItemChanged);

    auto *charts = new QWidget;
    auto *chartsLayout = new QVBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < ChartCount; ++i) {
        const ChartSpec &spec = chartSpecs().at(i);
        auto *chart = new QChart;
        chart->setTitle(tr(spec.title));
        QFont titleFont = chart->titleFont();
        titleFont.setPointSizeF(9.5);
        titleFont.setBold(true);
        chart->setTitleFont(titleFont);
        chart->setMargins(QMargins(4, 4, 4, 4));
        chart->legend()->setAlignment(Qt::AlignBottom);
        chart->legend()->setShowToolTips(true); // full names of elided legend entries
        chart->legend()->setFont(QFont(chart->legend()->font().family(), 8));
        auto *x = new QValueAxis;
        x->setTitleText(tr("simulated time (s)"));
        QFont small = x->titleFont();
        small.setPointSizeF(8);
        x->setTitleFont(small);
        x->setLabelsFont(small);
        x->setLabelFormat(QStringLiteral("%.0f"));
        auto *y = new QValueAxis;
        y->setTitleText(tr(spec.yTitle));
        y->setLabelFormat(QStringLiteral("%.4g"));
        y->setTitleFont(small);
        y->setLabelsFont(small);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        if (i == Cost) {
            m_accruedAxis = new QValueAxis;
            m_accruedAxis->setTitleText(tr("USD accrued so far"));
            m_accruedAxis->setLabelFormat(QStringLiteral("%.3g"));
            m_accruedAxis->setTitleFont(small);
            m_accruedAxis->setLabelsFont(small);
            chart->addAxis(m_accruedAxis, Qt::AlignRight);
        }
        auto *view = new TimeChartView(chart);
        view->setObjectName(QStringLiteral("chart%1").arg(i));
        view->setMinimumHeight(300);
        chartsLayout->addWidget(view);
        m_views.append(view);
        m_xAxes.append(x);
        m_yAxes.append(y);
        m_yMax.append(0);
    }
    auto *scroll = new QScrollArea;
    scroll->setWidget(charts);
    scroll->setWidgetResizable(true);

    // The chooser is a wrapping row of check boxes above the charts, so a narrow dock keeps its
    // width for the plots.
    m_chooser->setFlow(QListView::LeftToRight);
    m_chooser->setWrapping(true);
    m_chooser->setResizeMode(QListView::Adjust);
    m_chooser->setMaximumHeight(52);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chooser);
    layout->addWidget(scroll, 1);

    connect(document, &Document::faultsChanged, this, &ChartsPanel::updateBands);
    connect(document, &Document::designReset, this, &ChartsPanel::updateBands);
    updateBands();
}

ChartsPanel::~ChartsPanel()
{
    clearLines();
}

void ChartsPanel::setFrameStore(FrameStore *store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (!store)
        return;
    connect(store, &FrameStore::runStarted, this, &ChartsPanel::rebuild);
    connect(store, &FrameStore::cleared, this, &ChartsPanel::rebuild);
    connect(store, &FrameStore::framesAppended, this, &ChartsPanel::appendFrames);
    connect(store, &FrameStore::positionChanged, this, &ChartsPanel::updateCursor);
    rebuild();
    if (store->frameCount() > 0)
        appendFrames(0, store->frameCount());
}

void ChartsPanel::clearLines()
{
    for (auto &line : m_lines) {
        if (line->series->chart())
            line->series->chart()->removeSeries(line->series);
        delete line->series;
    }
    m_lines.clear();
}

ChartLine *ChartsPanel::addLine(Chart chart, ComponentId component, const QString &name,
                                const QString &title, int catalogIndex, bool ghost, bool secondary)
{
    auto line = std::make_unique<ChartLine>();
    line->chart = chart;
    line->component = component;
    line->name = name;
    line->catalogIndex = catalogIndex;
    line->ghost = ghost;
    line->secondaryAxis = secondary;
    line->series = new QLineSeries;
    line->series->setName(ghost ? tr("%1 (previous run)").arg(title) : title);
    QLineSeries *s = line->series;
    connect(s, &QLineSeries::hovered, this, [s](const QPointF &p, bool state) {
        if (state)
            QToolTip::showText(
                QCursor::pos(),
                tr("%1\nt = %2 s: %3").arg(s->name()).arg(p.x(), 0, 'f', 1).arg(p.y(), 0, 'g', 6));
        else
            QToolTip::hideText();
    });
    QChart *c = m_views.at(chart)->chart();
    if (!m_hidden.contains(component)) {
        c->addSeries(s);
        s->attachAxis(m_xAxes.at(chart));
        s->attachAxis(secondary ? m_accruedAxis : m_yAxes.at(chart));
    }
    m_lines.push_back(std::move(line));
    return m_lines.back().get();
}

void ChartsPanel::rebuild()
{
    clearLines();
    m_chooser->blockSignals(true);
    m_chooser->clear();
    for (double &m : m_yMax)
        m = 0;
    m_accruedMax = 0;
    m_totals.clear();
    m_totalsBins = 0;
    if (!m_store || m_store->catalog().series.isEmpty()) {
        m_chooser->blockSignals(false);
        return;
    }
    const SeriesCatalog &catalog = m_store->catalog();
    QList<ComponentId> components;
    for (int chart = 0; chart < ChartCount; ++chart) {
        for (const SeriesSpec &spec : chartSpecs().at(chart).series) {
            const QString name = QLatin1String(spec.name);
            for (int i = 0; i < catalog.series.size(); ++i) {
                const SeriesEntry &e = catalog.series.at(i);
                if (e.name != name)
                    continue;
                addLine(Chart(chart), e.component, name,
                        QStringLiteral("%1 %2").arg(e.componentName, tr(spec.label)), i);
                if (!components.contains(e.component)) {
                    components.append(e.component);
                    auto *item = new QListWidgetItem(e.componentName, m_chooser);
                    item->setData(Qt::UserRole, qint64(e.component));
                    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                    item->setCheckState(m_hidden.contains(e.component) ? Qt::Unchecked
                                                                       : Qt::Checked);
                }
            }
        }
    }
    for (QValueAxis *x : m_xAxes)
        x->setRange(0, std::max(1.0, catalog.durationSeconds));
    addLimitLines();
    addGhostLines();
    m_chooser->blockSignals(false);
    fitAxes();
    updateCursor();
}

void ChartsPanel::addLimitLines()
{
    // Reserved concurrency caps a function (0 = kill switch); the unreserved account pool is
    // shared by all functions (resources/help/aws-behaviour.md, Lambda concurrency).
    const Design &design = m_document->design();
    const double duration = m_xAxes.at(Concurrency)->max();
    auto addLimit = [&](ComponentId id, const QString &title, double limit) {
        ChartLine *l = addLine(Concurrency, id, QStringLiteral("limit"), title, -1);
        QPen pen(l->series->pen());
        pen.setStyle(Qt::DashLine);
        pen.setWidthF(1.5);
        l->series->setPen(pen);
        l->series->replace({QPointF(0, limit), QPointF(duration, limit)});
    };
    for (const Component &c : design.components) {
        if (c.kind != ComponentKind::Lambda)
            continue;
        const std::optional<qlonglong> reserved =
            lambda::reservedConcurrency(lambda::Params::of(c.params)).cap();
        if (reserved)
            addLimit(c.id, tr("%1 reserved limit (%2)").arg(c.name).arg(*reserved),
                     double(*reserved));
    }
    const double account = double(account::Params::of(design.settings).accountConcurrency);
    if (account > 0)
        addLimit(InvalidId, tr("account pool (%1)").arg(account), account);
}

void ChartsPanel::addGhostLines()
{
    const FrameStore *ghost = m_store->ghost();
    if (!ghost || ghost->isEmpty())
        return;
    const qsizetype count = m_lines.size();
    for (qsizetype i = 0; i < count; ++i) {
        const ChartLine current = *m_lines.at(i); // copy: addLine may grow m_lines
        if (current.catalogIndex < 0)
            continue;
        const SeriesEntry &e = m_store->catalog().series.at(current.catalogIndex);
        const int g = ghost->catalog().indexOf(e.componentName, e.name);
        if (g < 0)
            continue;
        ChartLine *l = addLine(Chart(current.chart), current.component, current.name,
                               current.series->name(), g, true);
        QColor color = current.series->color();
        color.setAlpha(110);
        QPen pen(color, 1.2, Qt::DashLine);
        l->series->setPen(pen);
        QList<QPointF> points;
        const QList<double> values = ghost->seriesValues(g);
        for (qsizetype b = 0; b < values.size(); ++b) {
            if (!std::isnan(values.at(b))) {
                points.append(QPointF(ghost->simSecondsAt(b), values.at(b)));
                m_yMax[current.chart] = std::max(m_yMax.at(current.chart), values.at(b));
            }
        }
        l->series->replace(minMaxDecimate(points, kMaxChartPoints / 2));
        for (QLegendMarker *m : m_views.at(current.chart)->chart()->legend()->markers(l->series))
            m->setVisible(false); // the legend names the current run; ghosts are explained once
    }
}

void ChartsPanel::appendFrames(qint64 first, qint64 count)
{
    if (!m_store || count <= 0)
        return;
    for (auto &line : m_lines) {
        if (line->ghost || line->catalogIndex < 0)
            continue;
        QList<QPointF> points;
        points.reserve(count);
        for (qint64 b = first; b < first + count; ++b) {
            const MetricFrame &f = m_store->frame(b);
            points.append(QPointF(f.simSeconds, f.values.value(line->catalogIndex, std::nan(""))));
        }
        const double maxY = line->append(points);
        m_yMax[line->chart] = std::max(m_yMax.at(line->chart), maxY);
    }
    // Running totals for the cost chart, one bin at a time in bin order (frameusage.h).
    if (m_totals.isEmpty())
        m_totals.fill(0.0, m_store->catalog().series.size());
    for (; m_totalsBins < first + count; ++m_totalsBins) {
        const QList<double> &v = m_store->frame(m_totalsBins).values;
        for (int s = 0; s < m_totals.size() && s < v.size(); ++s)
            m_totals[s] += v.at(s);
    }
    updateCost(first + count - 1);
    fitAxes();
    updateCursor();
}

void ChartsPanel::updateCost(qint64 lastBin)
{
    // One point per batch: projected = the usage so far priced for a 730-hour month; accrued =
    // the pro-rata share of that month already elapsed (so tiers and the free tier are spread
    // evenly over the month, as the AWS calculator does).
    const double seconds = m_store->simSecondsAt(lastBin);
    const CostReport report =
        projectedCostReport(m_document->design(), m_store->catalog(), m_totals, seconds);
    if (report.lines.isEmpty())
        return;
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
                line = addLine(Cost, InvalidId, name,
                               accrued ? tr("%1 accrued").arg(it.value().first)
                                       : tr("%1 projected").arg(it.value().first),
                               -1, false, accrued);
                if (accrued)
                    line->series->setPen(QPen(line->series->color(), 1.2, Qt::DotLine));
            }
            const double usd =
                accrued ? it.value().second * seconds / monthSeconds : it.value().second;
            line->append({QPointF(seconds, usd)});
            if (accrued)
                m_accruedMax = std::max(m_accruedMax, usd);
            else
                m_yMax[Cost] = std::max(m_yMax.at(Cost), usd);
        }
    }
}

void ChartsPanel::fitAxes()
{
    for (int i = 0; i < ChartCount; ++i) {
        double top = m_yMax.at(i);
        if (i == Concurrency) {
            // A limit far above the data (the 1,000 account pool vs 2 environments) would flatten
            // every line: it is shown only when within 2x of the data; its legend states it.
            for (const auto &l : m_lines) {
                if (l->chart == Concurrency && l->name == QLatin1String("limit")
                    && l->series->count() > 0) {
                    const double limit = l->series->at(0).y();
                    if (limit <= 2 * std::max(1.0, m_yMax.at(i)))
                        top = std::max(top, limit);
                }
            }
        }
        setNiceRange(m_yAxes.at(i), top * 1.1);
    }
    setNiceRange(m_accruedAxis, m_accruedMax * 1.1);
}

void ChartsPanel::updateCursor()
{
    const qint64 bin = m_store ? m_store->position() : -1;
    const double seconds = bin >= 0 ? m_store->simSecondsAt(bin) : std::nan("");
    for (TimeChartView *v : m_views)
        v->setCursorSeconds(seconds);
}

void ChartsPanel::updateBands()
{
    const Design &design = m_document->design();
    QList<TimeChartView::Band> bands;
    for (const Fault &f : design.faults) {
        const Component *target = design.component(f.target);
        bands.append({f.start, f.start + f.duration,
                      target ? QStringLiteral("%1: %2").arg(faultKindName(f.kind), target->name)
                             : faultKindName(f.kind)});
    }
    for (TimeChartView *v : m_views)
        v->setBands(bands);
}

void ChartsPanel::onItemChanged(QListWidgetItem *item)
{
    setComponentShown(item->data(Qt::UserRole).toLongLong(), item->checkState() == Qt::Checked);
}

void ChartsPanel::setComponentShown(ComponentId component, bool shown)
{
    if (shown)
        m_hidden.remove(component);
    else
        m_hidden.insert(component);
    for (auto &l : m_lines) {
        if (l->component != component)
            continue;
        QChart *c = m_views.at(l->chart)->chart();
        if (shown && !l->series->chart()) {
            c->addSeries(l->series);
            l->series->attachAxis(m_xAxes.at(l->chart));
            l->series->attachAxis(l->secondaryAxis ? m_accruedAxis : m_yAxes.at(l->chart));
            if (l->ghost) {
                for (QLegendMarker *m : c->legend()->markers(l->series))
                    m->setVisible(false);
            }
        } else if (!shown && l->series->chart()) {
            c->removeSeries(l->series);
        }
    }
}

QLineSeries *ChartsPanel::series(Chart chart, ComponentId component, const QString &name,
                                 bool ghost) const
{
    for (const auto &l : m_lines) {
        if (l->chart == chart && l->component == component && l->name == name && l->ghost == ghost)
            return l->series->chart() ? l->series : nullptr;
    }
    return nullptr;
}

} // namespace swb
