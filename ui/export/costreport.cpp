#include "ui/export/costreport.h"

#include "model/atomicfile.h"
#include "model/costsheet.h"
#include "model/design.h"
#include "model/services/traffic/traffic.h"
#include "sim/runresults.h"
#include "ui/export/costreportcharts.h"
#include "ui/export/costreportlayout.h"

#include <QBuffer>
#include <QFileInfo>
#include <QLocale>
#include <QPdfWriter>

namespace swb {

namespace {

QString number(double v, int decimals)
{
    return QLocale(QLocale::English).toString(v, 'f', decimals);
}

QString quantityText(double q, const QString &unit)
{
    return number(q, q >= 100 || q == std::floor(q) ? 0 : 2) + QLatin1Char(' ') + unit;
}

// "200 req/s (poisson)", "100 req/s x10 for 300 s from 600 s (spike)", with the mean over the run
// when the pattern makes it differ.
QString trafficText(const Design &design, const Component &c, double runSeconds)
{
    const QVariantMap &p = c.params;
    const QString pattern = p.value(QStringLiteral("pattern")).toString();
    const double rate = p.value(QStringLiteral("rate")).toDouble();
    QString text = number(rate, rate == std::floor(rate) ? 0 : 2) + QStringLiteral(" req/s");
    const double multiplier = p.value(QStringLiteral("spikeMultiplier")).toDouble();
    if (pattern == QLatin1String("spike"))
        text += QStringLiteral(", x%1 for %2 s from %3 s")
                    .arg(multiplier)
                    .arg(p.value(QStringLiteral("spikeDuration")).toDouble())
                    .arg(p.value(QStringLiteral("spikeStart")).toDouble());
    else if (pattern == QLatin1String("step"))
        text += QStringLiteral(", x%1 from %2 s")
                    .arg(multiplier)
                    .arg(p.value(QStringLiteral("spikeStart")).toDouble());
    else if (pattern == QLatin1String("diurnal"))
        text += QStringLiteral(", peak x%1 at %2 h")
                    .arg(p.value(QStringLiteral("peakFactor")).toDouble())
                    .arg(p.value(QStringLiteral("peakHour")).toDouble());
    else if (pattern == QLatin1String("replay"))
        text = QStringLiteral("replay of %1").arg(p.value(QStringLiteral("replayFile")).toString());
    text += QStringLiteral(" (%1)").arg(pattern);
    const double mean = traffic::meanRate(design, c, runSeconds);
    if (std::abs(mean - rate) > 1e-9 * std::max(1.0, rate))
        text += QStringLiteral("; mean over %1 s: %2 req/s").arg(runSeconds).arg(mean, 0, 'g', 6);
    return text;
}

} // namespace

QList<QPair<QString, QString>> costReportAssumptions(const CostReportContent &content)
{
    const CostReport &r = content.report;
    QList<QPair<QString, QString>> out;
    out.append({QStringLiteral("Region"), r.region});
    out.append({QStringLiteral("Prices of"),
                QStringLiteral("%1 (%2 catalogue)").arg(r.priceDate, r.currency)});
    out.append({QStringLiteral("Month"), QStringLiteral("%1 hours").arg(r.hoursPerMonth)});
    out.append({QStringLiteral("Free tier"), freeTierAssumption(r.options)});
    double runSeconds = content.design->setting(QStringLiteral("duration")).toDouble();
    if (content.run) {
        runSeconds = content.run->metadata.durationSeconds;
        out.append({QStringLiteral("Figures"),
                    QStringLiteral("usage measured in a simulation, projected to a month")});
        out.append(
            {QStringLiteral("Run"), QStringLiteral("%1 s simulated, seed %2, %3 bins of %4 s")
                                        .arg(runSeconds)
                                        .arg(content.run->metadata.seed)
                                        .arg(content.run->binCount())
                                        .arg(content.run->metadata.binWidthSeconds)});
    } else {
        out.append({QStringLiteral("Figures"),
                    QStringLiteral("analytic estimate from the traffic sources' mean rates")});
    }
    for (const Component &c : content.design->components) {
        if (c.kind == ComponentKind::TrafficSource)
            out.append({QStringLiteral("Traffic: %1").arg(c.name),
                        trafficText(*content.design, c, runSeconds)});
    }
    return out;
}

QString costReportTitle(const CostReportContent &content)
{
    if (!content.title.trimmed().isEmpty())
        return content.title;
    if (content.design && !content.design->name.trimmed().isEmpty())
        return content.design->name;
    return QStringLiteral("Untitled design");
}

bool writeCostReportPdf(const CostReportContent &content, const QString &path, QString *error,
                        bool force)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!content.design)
        return fail(QStringLiteral("no design to report on"));
    // Checked before the (slow) rendering: a refused target says so at once.
    AtomicFile file(path, OutputKind::Pdf, force);
    if (!file.open())
        return fail(file.error());

    ReportLayout layout(costReportTitle(content));
    layout.heading(QStringLiteral("Monthly cost report: %1").arg(layout.title()), 16);
    layout.paragraph(content.run ? QStringLiteral("Measured usage of a simulation, projected to a "
                                                  "%1-hour month.")
                                       .arg(content.report.hoursPerMonth)
                                 : QStringLiteral("Analytic estimate (no simulation): mean rates "
                                                  "over a %1-hour month.")
                                       .arg(content.report.hoursPerMonth));
    if (content.scene)
        layout.diagram(content.scene, 300);
    layout.heading(QStringLiteral("Assumptions"), 11);
    layout.keyValues(costReportAssumptions(content));

    layout.heading(QStringLiteral("Cost per block and billing dimension"), 11);
    QList<QStringList> rows;
    for (const CostLine &l : content.report.lines) {
        rows.append({l.componentName, l.dimension, quantityText(l.quantity, l.unit),
                     l.appliedPrice.isEmpty() ? l.priceText : l.appliedPrice,
                     formatCents(toCents(l.usd))});
    }
    layout.table({QStringLiteral("Component"), QStringLiteral("Dimension"),
                  QStringLiteral("Quantity/month"), QStringLiteral("Unit price"),
                  QStringLiteral("USD")},
                 rows,
                 {QStringLiteral("Total (%1 per month)").arg(content.report.currency),
                  formatCents(content.report.totalCents())});
    const QStringList notes = content.report.assumptions + content.report.warnings;
    if (!notes.isEmpty()) {
        layout.heading(QStringLiteral("Notes"), 11);
        for (const QString &n : notes)
            layout.paragraph(QStringLiteral("- ") + n);
    }
    if (content.run) {
        const QList<ReportChart> charts =
            reportCharts(*content.design, *content.run, *content.catalogue, content.report.options);
        constexpr double chartHeight = 170; // four charts to an A4 page
        if (!charts.isEmpty())
            layout.heading(QStringLiteral("Key charts of the run"), 11, chartHeight);
        for (const ReportChart &c : charts)
            layout.chart(c, content.run->metadata.durationSeconds, chartHeight);
    }

    // Rendered in memory, then written and committed with every result checked.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(QStringLiteral("Monthly cost report: %1").arg(layout.title()));
        writer.setCreator(QStringLiteral("Serverless Workbench"));
        if (!layout.render(writer))
            return fail(QStringLiteral("cannot render the PDF for '%1'").arg(path));
    }
    if (!file.write(buffer.data()) || !file.commit())
        return fail(file.error());
    return true;
}

} // namespace swb
