#include "ui/charts/chartspanel.h"

#include "model/document.h"
#include "model/services/account/account.h"
#include "model/services/lambda/lambda.h"
#include "ui/charts/chartlegend.h"
#include "ui/charts/chartspecs.h"
#include "ui/charts/timechartview.h"
#include "ui/cost/pricingsource.h"
#include "ui/playback/framestore.h"
#include "ui/playback/refreshpacer.h"
#include "sim/seriesname.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QListWidget>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace swb {

namespace {

constexpr int kChartMinHeight = 118;

QValueAxis *makeAxis(bool grid)
{
    auto *axis = new QValueAxis;
    // Labels and titles are painted by TimeChartView (human numbers); the axis keeps the range
    // and draws the grid at the same round ticks (TicksDynamic, anchored at 0).
    axis->setLabelsVisible(false);
    axis->setTitleVisible(false);
    axis->setGridLineVisible(grid);
    axis->setMinorGridLineVisible(false);
    axis->setRange(0, 1);
    axis->setTickInterval(0.25); // never 0: a dynamic axis would lay out endless ticks
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setGridLinePen(QPen(QColor(225, 225, 225), 1));
    axis->setLinePen(QPen(QColor(160, 160, 160), 1));
    return axis;
}

// Lambda's internal async queue only matters for a function something invokes asynchronously
// (an async invoke or an SNS subscription, resources/help/aws-behaviour.md §1).
bool invokedAsync(const Design &design, ComponentId function)
{
    for (const Connection &w : design.connections) {
        if (w.target == function
            && (w.kind == ConnectionKind::AsyncInvoke || w.kind == ConnectionKind::Subscription))
            return true;
    }
    return false;
}

} // namespace

ChartsPanel::ChartsPanel(Document *document, const PricingSource *pricing, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_pricing(pricing)
    , m_chooser(new QListWidget(this))
{
    m_chooser->setObjectName(QStringLiteral("chartComponents"));
    m_chooser->setToolTip(tr("Blocks whose series are shown"));
    connect(m_chooser, &QListWidget::itemChanged, this, &ChartsPanel::onItemChanged);

    auto *bar = new QWidget(this);
    buildToolbar(bar);

    // Every chart gets the same margins around its plot, so the plots line up.
    QFont small = font();
    small.setPointSizeF(8);
    const QFontMetrics fm(small);
    const int side = fm.horizontalAdvance(QStringLiteral("888.8 min")) + fm.height() + 12;
    m_margins = QMargins(side, fm.height() + 10, side, fm.height() + 8);

    auto *charts = new QWidget;
    auto *chartsLayout = new QVBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->setSpacing(2);
    for (int i = 0; i < ChartCount; ++i) {
        const ChartSpec &spec = chartSpecs().at(i);
        auto *chart = new QChart;
        chart->setTitle(tr(spec.title)); // painted by the view over its pinned margin
        chart->setTitleBrush(Qt::transparent);
        chart->setMargins(QMargins(0, 0, 0, 0));
        chart->setBackgroundRoundness(0);
        chart->legend()->hide(); // the ChartLegend beside the chart names every series
        auto *x = makeAxis(true);
        auto *y = makeAxis(true);
        auto *right = makeAxis(false);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        chart->addAxis(right, Qt::AlignRight);
        right->setVisible(spec.secondaryTitle != nullptr);
        auto *view = new TimeChartView(chart);
        view->setObjectName(QStringLiteral("chart%1").arg(i));
        view->setMinimumHeight(kChartMinHeight);
        view->setPlotMargins(m_margins);
        view->setHeading(tr(spec.title));
        view->setTimeNavigation(true);
        connect(view, &TimeChartView::hovered, this,
                [this, view](double s) { onHovered(view, s); });
        connect(view, &TimeChartView::zoomRequested, this, &ChartsPanel::onZoom);
        connect(view, &TimeChartView::panRequested, this, &ChartsPanel::onPan);
        auto *legend = new ChartLegend;
        legend->setObjectName(QStringLiteral("chartLegend%1").arg(i));
        connect(legend, &ChartLegend::removeGhostRequested, this, [this] {
            if (m_store)
                m_store->clearGhost();
        });
        auto *row = new QWidget;
        auto *rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->setSpacing(0);
        rowLayout->addWidget(view, 1);
        rowLayout->addWidget(legend);
        m_rows.append(row);
        m_views.append(view);
        m_legends.append(legend);
        m_xAxes.append(x);
        m_yAxes.append(y);
        m_rightAxes.append(right);
        m_dataKeys.append(QString());
    }
    auto *scroll = new QScrollArea;
    scroll->setWidget(charts);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    // The chooser is a wrapping row of check boxes above the charts, so a narrow dock keeps its
    // width for the plots.
    m_chooser->setFlow(QListView::LeftToRight);
    m_chooser->setWrapping(true);
    m_chooser->setResizeMode(QListView::Adjust);
    m_chooser->setFixedHeight(m_chooser->fontMetrics().height() + 12);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(bar);
    layout->addWidget(m_chooser);
    layout->addWidget(scroll, 1);

    // What went wrong first (failures), then where work piles up (backlog, age), then capacity,
    // latency and money.
    for (Chart c : {Failures, Backlog, Age, Concurrency, Latency, Cost})
        chartsLayout->addWidget(m_rows.at(c), 1);

    connect(document, &Document::faultsChanged, this, &ChartsPanel::updateBands);
    connect(document, &Document::designReset, this, &ChartsPanel::updateBands);
    // Another catalogue re-prices the cost chart from the run's first bin.
    connect(pricing, &PricingSource::catalogueChanged, this, [this] {
        m_needsRebuild = true;
        requestRefresh();
    });
    updateBands();
    updateWindow();
}

ChartsPanel::~ChartsPanel()
{
    clearLines();
}

void ChartsPanel::buildToolbar(QWidget *bar)
{
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(4, 2, 4, 0);
    m_windowBox = new QComboBox(bar);
    m_windowBox->setObjectName(QStringLiteral("chartWindowBox"));
    m_windowBox->setToolTip(tr("How much simulated time the charts show"));
    const QList<QPair<QString, double>> windows = {
        {tr("last 1 min"), 60}, {tr("last 5 min"), 300}, {tr("last 15 min"), 900},
        {tr("last 1 h"), 3600}, {tr("last 6 h"), 21600}, {tr("whole run"), 0}};
    for (const auto &[text, seconds] : windows)
        m_windowBox->addItem(text, seconds);
    m_windowBox->setCurrentIndex(1);
    connect(m_windowBox, &QComboBox::activated, this,
            [this] { setWindowSeconds(m_windowBox->currentData().toDouble()); });

    auto button = [bar, layout](const QString &name, const QString &text, const QString &tip) {
        auto *b = new QToolButton(bar);
        b->setObjectName(name);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        layout->addWidget(b);
        return b;
    };
    layout->addWidget(new QLabel(tr("Time:"), bar));
    layout->addWidget(m_windowBox);
    auto *zoomIn = button(QStringLiteral("chartZoomIn"), tr("+"),
                          tr("Zoom in on time (mouse wheel over a chart)"));
    auto *zoomOut = button(QStringLiteral("chartZoomOut"), tr("\u2212"), tr("Zoom out on time"));
    m_wholeRun = button(QStringLiteral("chartWholeRun"), tr("Whole run"),
                        tr("Show the whole run on every chart"));
    m_follow = button(QStringLiteral("chartFollow"), tr("Follow playhead"),
                      tr("Keep the playback position in view (dragging a chart stops following)"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    connect(zoomIn, &QToolButton::clicked, this, [this] { onZoom(0.5, std::nan("")); });
    connect(zoomOut, &QToolButton::clicked, this, [this] { onZoom(2.0, std::nan("")); });
    connect(m_wholeRun, &QToolButton::clicked, this, &ChartsPanel::showWholeRun);
    connect(m_follow, &QToolButton::toggled, this, &ChartsPanel::setFollowing);
    layout->addStretch(1);
    m_readoutLabel = new QLabel(bar);
    m_readoutLabel->setObjectName(QStringLiteral("chartReadout"));
    m_readoutLabel->setToolTip(tr("The legends give each series' value at this time"));
    layout->addWidget(m_readoutLabel);
}

void ChartsPanel::setFrameStore(FrameStore *store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    if (m_store)
        m_store->pacer()->removeView(this);
    m_store = store;
    m_needsRebuild = true;
    m_midRefresh = false;
    if (!store)
        return;
    auto markRebuild = [this] {
        m_needsRebuild = true;
        requestRefresh();
    };
    connect(store, &FrameStore::runStarted, this, markRebuild);
    connect(store, &FrameStore::cleared, this, markRebuild);
    connect(store, &FrameStore::ghostChanged, this, markRebuild);
    store->pacer()->addSteppedView(this, [this] { return refreshStep(); });
    refreshNow();
}

void ChartsPanel::requestRefresh()
{
    if (m_store)
        m_store->pacer()->markDirty();
    else
        refresh();
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

ChartLine *ChartsPanel::addLine(int chart, ComponentId component, const QString &name,
                                const QString &title, int catalogIndex, const QPen &pen, bool ghost,
                                bool secondary)
{
    auto line = std::make_unique<ChartLine>();
    line->chart = chart;
    line->component = component;
    line->name = name;
    line->title = title;
    line->catalogIndex = catalogIndex;
    line->ghost = ghost;
    line->secondaryAxis = secondary;
    line->series = new QLineSeries;
    line->series->setName(ghost ? tr("%1 (previous run)").arg(title) : title);
    line->series->setPen(pen);
    m_lines.push_back(std::move(line));
    attach(m_lines.back().get());
    return m_lines.back().get();
}

void ChartsPanel::attach(ChartLine *line)
{
    if (m_hidden.contains(line->component) || line->series->chart())
        return;
    QChart *c = m_views.at(line->chart)->chart();
    c->addSeries(line->series);
    line->series->attachAxis(m_xAxes.at(line->chart));
    line->series->attachAxis(line->secondaryAxis ? m_rightAxes.at(line->chart)
                                                 : m_yAxes.at(line->chart));
}

void ChartsPanel::rebuild()
{
    m_needsRebuild = false;
    clearLines();
    m_colors.clear();
    m_chooser->blockSignals(true);
    m_chooser->clear();
    m_totals.clear();
    m_totalsBins = 0;
    for (QString &key : m_dataKeys)
        key.clear();
    if (m_store && !m_store->catalog().series.isEmpty()) {
        const SeriesCatalog &catalog = m_store->catalog();
        // One colour per block, in the design's order, for every chart.
        for (const SeriesEntry &e : catalog.series) {
            if (e.component != InvalidId && !m_colors.contains(e.component))
                m_colors.insert(e.component, QColor());
        }
        QList<ComponentId> ids = m_colors.keys();
        std::sort(ids.begin(), ids.end());
        for (int i = 0; i < ids.size(); ++i)
            m_colors[ids.at(i)] = blockColor(i);
        QList<ComponentId> listed;
        for (int chart = 0; chart < ChartCount; ++chart) {
            for (const ChartSeriesSpec &spec : chartSpecs().at(chart).series) {
                const QString name = QLatin1String(spec.name);
                for (int i = 0; i < catalog.series.size(); ++i) {
                    const SeriesEntry &e = catalog.series.at(i);
                    if (e.name != name
                        || (name == QLatin1String(seriesName(core::LmAsyncQueue))
                            && !invokedAsync(m_document->design(), e.component)))
                        continue;
                    const QPen pen = chartPen(componentColor(e.component), spec.style);
                    addLine(chart, e.component, name,
                            QStringLiteral("%1 %2").arg(e.componentName, tr(spec.label)), i, pen,
                            false, spec.secondary);
                    if (listed.contains(e.component))
                        continue;
                    listed.append(e.component);
                    auto *item = new QListWidgetItem(e.componentName, m_chooser);
                    item->setData(Qt::UserRole, qint64(e.component));
                    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                    item->setCheckState(m_hidden.contains(e.component) ? Qt::Unchecked
                                                                       : Qt::Checked);
                    item->setIcon(penSwatch(QPen(componentColor(e.component), 3)));
                }
            }
        }
        const qint64 bins = std::max<qint64>(1, catalog.binCount);
        m_costStride = std::max<qint64>(1, (bins + 239) / 240);
        addLimitLines();
        addGhostLines();
    }
    m_chooser->blockSignals(false);
    fillLegends();
    layoutRows();
}

bool ChartsPanel::isChartShown(Chart chart) const
{
    for (const auto &l : m_lines) {
        if (l->chart == chart && !l->ghost)
            return true;
    }
    return chart == Cost && m_store && !m_store->isEmpty();
}

void ChartsPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutRows();
    requestRefresh(); // decimated to the new plot widths
}

int ChartsPanel::lastShownChart() const
{
    int last = -1;
    for (Chart c : {Failures, Backlog, Age, Concurrency, Latency, Cost}) {
        if (!m_rows.at(c)->isHidden())
            last = c;
    }
    return last;
}

void ChartsPanel::layoutRows()
{
    // Only charts with something to show; the legends take a share of the width that leaves
    // the plots most of it; the time axis is titled once, under the last chart.
    const int legendWidth = std::clamp(width() * 28 / 100, 170, 270);
    for (int c = 0; c < ChartCount; ++c) {
        const bool empty = !m_store || m_store->catalog().series.isEmpty();
        m_rows.at(c)->setHidden(!empty && !isChartShown(Chart(c)));
        m_legends.at(c)->setFixedWidth(legendWidth);
    }
    const int last = lastShownChart();
    for (int c = 0; c < ChartCount; ++c) {
        QMargins margins = m_margins;
        if (c == last)
            margins.setBottom(margins.bottom() + fontMetrics().height());
        m_views.at(c)->setPlotMargins(margins);
    }
    // The block chooser: as many wrapped rows as its blocks need (at most two, then it
    // scrolls), once the list has laid its items out.
    m_chooser->setVisible(m_chooser->count() > 0);
    QTimer::singleShot(0, m_chooser, [chooser = m_chooser] {
        if (chooser->count() == 0)
            return;
        const QRect last = chooser->visualItemRect(chooser->item(chooser->count() - 1));
        const int row = chooser->visualItemRect(chooser->item(0)).height();
        const int needed = last.bottom() + chooser->verticalScrollBar()->value() + 1;
        chooser->setFixedHeight(std::min(needed, 2 * row + 2) + 2 * chooser->frameWidth() + 2);
    });
}

QColor ChartsPanel::componentColor(ComponentId component) const
{
    return component == InvalidId ? accountColor() : m_colors.value(component);
}

void ChartsPanel::addLimitLines()
{
    // Reserved concurrency caps a function (0 = kill switch); the unreserved account pool is
    // shared by all functions (resources/help/aws-behaviour.md, Lambda concurrency).
    const Design &design = m_document->design();
    for (const Component &c : design.components) {
        if (c.kind != ComponentKind::Lambda || !m_colors.contains(c.id))
            continue;
        const std::optional<qlonglong> reserved =
            lambda::reservedConcurrency(lambda::Params::of(c.params)).cap();
        if (!reserved)
            continue;
        ChartLine *l = addLine(Concurrency, c.id, QStringLiteral("limit"),
                               tr("%1 reserved limit (%2)").arg(c.name).arg(*reserved), -1,
                               chartPen(componentColor(c.id), Qt::DashLine));
        l->constant = double(*reserved);
    }
    const double account = double(account::Params::of(design.settings).accountConcurrency);
    if (account > 0) {
        ChartLine *l = addLine(Concurrency, InvalidId, QStringLiteral("limit"),
                               tr("account pool (%1)").arg(account), -1,
                               chartPen(accountColor(), Qt::DashLine));
        l->constant = account;
    }
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
        QColor color = current.series->pen().color();
        color.setAlpha(120);
        addLine(current.chart, current.component, current.name, current.title, g,
                chartPen(color, Qt::DashLine), true, current.secondaryAxis);
    }
}

void ChartsPanel::fillLegends()
{
    for (int c = 0; c < ChartCount; ++c)
        fillLegend(c);
}

void ChartsPanel::fillLegend(int chart)
{
    QList<ChartLegend::Entry> entries;
    bool ghost = false;
    for (const auto &l : m_lines) {
        if (l->chart != chart || m_hidden.contains(l->component))
            continue;
        if (l->ghost)
            ghost = true;
        else
            entries.append({l->title, l->series->pen()});
    }
    m_legends.at(chart)->setEntries(entries);
    m_legends.at(chart)->setGhostShown(ghost);
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
        if (shown) {
            attach(l.get());
        } else if (l->series->chart()) {
            l->series->chart()->removeSeries(l->series);
        }
    }
    for (QString &key : m_dataKeys)
        key.clear();
    fillLegends();
    refresh(); // at once: a click answers without waiting for the pacer
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

void ChartsPanel::updateBands()
{
    const Design &design = m_document->design();
    QList<TimeChartView::Band> bands;
    for (const Fault &f : design.faults) {
        const QString target = faultTargetName(f, design); // a block, or a subscription wire
        bands.append({f.start, f.start + f.duration,
                      target.isEmpty()
                          ? faultKindName(f.kind)
                          : QStringLiteral("%1: %2").arg(faultKindName(f.kind), target)});
    }
    for (TimeChartView *v : m_views)
        v->setBands(bands);
}

} // namespace swb
