#include "ui/compare/compareresults.h"

#include "ui/charts/chartline.h"
#include "ui/charts/timechartview.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace swb {

namespace {

struct ChartSpec {
    const char *title;
    const char *yTitle;
    std::vector<double> ComparisonRow::*series;
};

const ChartSpec kCharts[CompareResults::ChartCount] = {
    {"Throughput (succeeded end to end)", "per second", &ComparisonRow::throughput},
    {"Latency p99 (worst entry path)", "ms", &ComparisonRow::p99Ms},
    {"Lambda concurrency (account)", "environments", &ComparisonRow::concurrency},
};

// Okabe-Ito colours: told apart by colour-blind readers too; a design keeps its colour in every
// chart and in the table.
QColor designColor(int index)
{
    static const QColor colors[] = {
        QColor(0, 114, 178),  QColor(230, 159, 0), QColor(0, 158, 115), QColor(204, 121, 167),
        QColor(86, 180, 233), QColor(213, 94, 0),  QColor(0, 0, 0),     QColor(240, 228, 66)};
    return colors[index % int(std::size(colors))];
}

} // namespace

CompareResults::CompareResults(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(this))
    , m_copy(new QAction(tr("&Copy Table as CSV"), this))
    , m_legend(new QWidget)
{
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_copy->setObjectName(QStringLiteral("actionCopyCompareTable"));
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copy, &QAction::triggered, this, &CompareResults::copyCsv);
    m_table->addAction(m_copy);

    m_legend->setObjectName(QStringLiteral("compareLegend"));
    new QHBoxLayout(m_legend);
    auto *charts = new QWidget;
    auto *chartsColumn = new QVBoxLayout(charts);
    chartsColumn->setContentsMargins(0, 0, 0, 0);
    chartsColumn->addWidget(m_legend);
    auto *chartsLayout = new QHBoxLayout;
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsColumn->addLayout(chartsLayout, 1);
    QFont small = font();
    small.setPointSizeF(8);
    for (int i = 0; i < ChartCount; ++i) {
        auto *chart = new QChart;
        chart->setTitle(tr(kCharts[i].title));
        QFont titleFont = small;
        titleFont.setPointSizeF(9.5);
        titleFont.setBold(true);
        chart->setTitleFont(titleFont);
        chart->setMargins(QMargins(4, 4, 4, 4));
        chart->legend()->hide(); // m_legend names the lines of all three
        auto *x = new QValueAxis;
        x->setTitleText(tr("simulated time (s)"));
        x->setLabelFormat(QStringLiteral("%.0f"));
        auto *y = new QValueAxis;
        y->setTitleText(tr(kCharts[i].yTitle));
        y->setLabelFormat(QStringLiteral("%.4g"));
        for (QValueAxis *axis : {x, y}) {
            axis->setTitleFont(small);
            axis->setLabelsFont(small);
        }
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        auto *view = new TimeChartView(chart);
        view->setObjectName(QStringLiteral("compareChart%1").arg(i));
        view->setMinimumSize(260, 240);
        chartsLayout->addWidget(view);
        m_views.append(view);
        m_xAxes.append(x);
        m_yAxes.append(y);
    }

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_table);
    splitter->addWidget(charts);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    clear();
}

void CompareResults::clear()
{
    m_rows.clear();
    fillTable();
    fillLegend();
    for (TimeChartView *view : std::as_const(m_views)) {
        view->chart()->removeAllSeries();
        view->setBands({});
    }
}

void CompareResults::setResults(const QList<ComparisonRow> &rows, const ComparisonOptions &options)
{
    clear();
    m_rows = rows;
    fillTable();
    fillCharts(options);
    fillLegend();
}

void CompareResults::fillTable()
{
    const QStringList columns = comparisonColumns();
    m_table->clear();
    m_table->setColumnCount(int(columns.size()));
    m_table->setHorizontalHeaderLabels(columns);
    const QStringList help = comparisonColumnHelp();
    for (int c = 0; c < columns.size(); ++c)
        m_table->horizontalHeaderItem(c)->setToolTip(help.value(c));
    m_table->setRowCount(int(m_rows.size()));
    for (int r = 0; r < m_rows.size(); ++r) {
        const ComparisonRow &row = m_rows.at(r);
        const QStringList cells = comparisonCells(row);
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            const bool text = c == 0 || c == cells.size() - 1;
            item->setTextAlignment(Qt::AlignVCenter | (text ? Qt::AlignLeft : Qt::AlignRight));
            if (c == cells.size() - 1)
                item->setToolTip(cells.at(c));
            if (c == 0)
                item->setData(Qt::DecorationRole, designColor(r));
            if (!row.ok && c == cells.size() - 1)
                item->setForeground(QColor(180, 0, 0));
            m_table->setItem(r, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_copy->setEnabled(!m_rows.isEmpty());
}

void CompareResults::fillCharts(const ComparisonOptions &options)
{
    for (int i = 0; i < ChartCount; ++i) {
        QChart *chart = m_views.at(i)->chart();
        double top = 0;
        for (int r = 0; r < m_rows.size(); ++r) {
            const ComparisonRow &row = m_rows.at(r);
            const std::vector<double> &values = row.*(kCharts[i].series);
            if (!row.ok || values.empty())
                continue;
            // Bins without a value (no unit finished: p99 is NaN) break the line, so an outage
            // shows as a gap rather than a straight line across it. Past kMaxSegments the gaps
            // are bridged: a line per gap would cost more than it tells.
            constexpr int kMaxSegments = 50;
            QList<QList<QPointF>> segments(1);
            for (std::size_t b = 0; b < values.size(); ++b) {
                const double x = std::min(options.durationSeconds, (b + 1) * row.binWidthSeconds);
                if (!std::isnan(values[b]))
                    segments.last().append(QPointF(x, values[b]));
                else if (!segments.last().isEmpty())
                    segments.append(QList<QPointF>());
            }
            if (segments.size() > kMaxSegments) {
                for (qsizetype s = 1; s < segments.size(); ++s)
                    segments.first().append(segments.at(s));
                segments.resize(1);
            }
            for (const QList<QPointF> &points : std::as_const(segments)) {
                if (points.isEmpty())
                    continue;
                auto *series = new QLineSeries;
                series->setName(row.name);
                series->setPen(QPen(designColor(r), 1.6));
                chart->addSeries(series);
                series->attachAxis(m_xAxes.at(i));
                series->attachAxis(m_yAxes.at(i));
                // Long runs are thinned (min/max per bucket) so spikes stay visible.
                series->replace(minMaxDecimate(points, kMaxChartPoints / 2));
                for (const QPointF &p : points)
                    top = std::max(top, p.y());
            }
        }
        m_xAxes.at(i)->setRange(0, options.durationSeconds);
        m_yAxes.at(i)->setRange(0, top > 0 ? top * 1.05 : 1);
        m_yAxes.at(i)->applyNiceNumbers();
        m_yAxes.at(i)->setMin(0);
        // A short label: the band may be narrow and the form names the fault kind.
        if (options.fault)
            m_views.at(i)->setBands(
                {{options.fault->start, options.fault->start + options.fault->duration,
                  tr("fault")}});
    }
}

void CompareResults::fillLegend()
{
    QLayout *layout = m_legend->layout();
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int r = 0; r < m_rows.size(); ++r) {
        if (!m_rows.at(r).ok)
            continue; // no line to name; its row says why
        QPixmap swatch(22, 4);
        swatch.fill(designColor(r));
        auto *entry = new QWidget;
        auto *entryLayout = new QHBoxLayout(entry);
        entryLayout->setContentsMargins(0, 0, 8, 0);
        entryLayout->setSpacing(4);
        auto *line = new QLabel;
        line->setPixmap(swatch);
        entryLayout->addWidget(line);
        entryLayout->addWidget(new QLabel(m_rows.at(r).name));
        layout->addWidget(entry);
    }
    static_cast<QHBoxLayout *>(layout)->addStretch(1);
    m_legend->setVisible(!m_rows.isEmpty());
}

void CompareResults::copyCsv()
{
    if (!m_rows.isEmpty())
        QApplication::clipboard()->setText(comparisonCsv(m_rows));
}

} // namespace swb
