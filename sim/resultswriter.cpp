#include "sim/resultswriter.h"

#include "model/fileformat.h"
#include "model/texttable.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace swb {

namespace {

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QString severityName(BuildFinding::Severity s)
{
    switch (s) {
    case BuildFinding::Severity::Error:
        return QStringLiteral("error");
    case BuildFinding::Severity::Warning:
        return QStringLiteral("warning");
    case BuildFinding::Severity::Info:
        break;
    }
    return QStringLiteral("info");
}

QJsonObject summaryJson(const RunResults &r)
{
    QJsonArray components;
    for (const ComponentSummary &c : r.summary.components) {
        components.append(QJsonObject{
            {QStringLiteral("id"), double(c.id)},
            {QStringLiteral("name"), c.name},
            {QStringLiteral("kind"), componentKindId(c.kind)},
            {QStringLiteral("peakConcurrency"), number(c.peakConcurrency)},
            {QStringLiteral("throttles"), number(c.throttles)},
            {QStringLiteral("maxBacklog"), number(c.maxBacklog)},
            {QStringLiteral("maxIteratorAgeS"), number(c.maxIteratorAgeS)},
            {QStringLiteral("dlqCount"), number(c.dlqCount)},
            {QStringLiteral("latencyP99Ms"), number(c.latencyP99Ms)},
            {QStringLiteral("errors"), number(c.errors)},
            {QStringLiteral("retries"), number(c.retries)},
            {QStringLiteral("coldStartProbability"), number(c.coldStartProbability)},
            {QStringLiteral("monthlyCostUsd"), number(c.monthlyCostUsd)},
        });
    }
    return {
        {QStringLiteral("components"), components},
        {QStringLiteral("peakAccountConcurrency"), r.summary.peakAccountConcurrency},
        {QStringLiteral("monthlyCostUsd"), number(r.summary.monthlyCostUsd)},
        {QStringLiteral("costNotes"), QJsonArray::fromStringList(r.summary.costNotes)},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(r.summary.warnings)},
    };
}

} // namespace

QByteArray resultsToJson(const RunResults &r, ResultsSeries withSeries, ResultsTiming timing)
{
    const LedgerSnapshot &l = r.summary.ledger;
    QJsonObject metadata{
        {QStringLiteral("design"), r.metadata.designName},
        {QStringLiteral("seed"), QString::number(r.metadata.seed)},
        {QStringLiteral("durationSeconds"), r.metadata.durationSeconds},
        {QStringLiteral("binWidthSeconds"), r.metadata.binWidthSeconds},
        {QStringLiteral("bins"), double(r.binCount())},
        {QStringLiteral("catalogueDate"), r.metadata.catalogueDate},
        {QStringLiteral("events"), double(r.summary.events)},
        {QStringLiteral("fingerprint"), QString::number(r.summary.fingerprint, 16)},
    };
    if (timing == ResultsTiming::Include)
        metadata.insert(QStringLiteral("wallSeconds"), r.summary.wallSeconds);
    const QJsonObject ledger{
        {QStringLiteral("produced"), double(l.produced)},
        {QStringLiteral("inFlight"), double(l.inFlight)},
        {QStringLiteral("succeeded"), double(l.succeeded)},
        {QStringLiteral("deadLettered"), double(l.deadLettered)},
        {QStringLiteral("expired"), double(l.expired)},
        {QStringLiteral("rejected"), double(l.rejected)},
        {QStringLiteral("dropped"), double(l.dropped)},
    };
    QJsonArray findings;
    for (const BuildFinding &f : r.build.findings) {
        findings.append(QJsonObject{{QStringLiteral("severity"), severityName(f.severity)},
                                    {QStringLiteral("code"), f.code},
                                    {QStringLiteral("message"), f.message}});
    }
    QJsonArray series;
    const qint64 bins = r.binCount();
    const int seriesCount = withSeries == ResultsSeries::Include ? int(r.catalog.series.size()) : 0;
    for (int s = 0; s < seriesCount; ++s) {
        const SeriesEntry &e = r.catalog.series[s];
        QJsonArray values;
        for (qint64 b = 0; b < bins; ++b)
            values.append(number(r.value(b, s)));
        series.append(QJsonObject{{QStringLiteral("name"), e.name},
                                  {QStringLiteral("component"), e.componentName},
                                  {QStringLiteral("componentId"), double(e.component)},
                                  {QStringLiteral("unit"), e.unit},
                                  {QStringLiteral("aggregation"), e.aggregation},
                                  {QStringLiteral("values"), values}});
    }
    QJsonObject root{
        {QStringLiteral("format"), QLatin1String(kResultsFormat)},
        {QStringLiteral("version"), kResultsVersion},
        {QStringLiteral("metadata"), metadata},
        {QStringLiteral("ledger"), ledger},
        {QStringLiteral("summary"), summaryJson(r)},
        {QStringLiteral("findings"), findings},
    };
    if (withSeries == ResultsSeries::Include)
        root.insert(QStringLiteral("series"), series);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray resultsToCsv(const RunResults &r)
{
    QString out;
    out += QStringLiteral("time_s");
    for (const SeriesEntry &e : r.catalog.series)
        out += QLatin1Char(',') + csvField(e.title());
    out += QLatin1Char('\n');
    const qint64 bins = r.binCount();
    const int n = int(r.catalog.series.size());
    for (qint64 b = 0; b < bins; ++b) {
        out += QString::number(double(b) * r.catalog.binWidthSeconds, 'g', 12);
        for (int s = 0; s < n; ++s)
            out += QLatin1Char(',') + QString::number(r.value(b, s), 'g', 15);
        out += QLatin1Char('\n');
    }
    return out.toUtf8();
}

QString resultsSizeMessage(const QString &path, qint64 bytes)
{
    return QStringLiteral("'%1' is %2 MB; a JSON results file may be at most %3 MB (write a "
                          "shorter run, or CSV)")
        .arg(path)
        .arg(double(bytes) / (1024 * 1024), 0, 'f', 1)
        .arg(kMaxResultsBytes / (1024 * 1024));
}

bool writeResults(const RunResults &results, const QString &path, QString *error,
                  ResultsTiming timing, bool force)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray data;
    OutputKind kind = OutputKind::Json;
    if (suffix == QLatin1String("json")) {
        data = resultsToJson(results, ResultsSeries::Include, timing);
        // What this writes, the reader reads back: its size bound applies here, same message.
        if (data.size() > kMaxResultsBytes) {
            *error = QStringLiteral("Cannot save %1").arg(resultsSizeMessage(path, data.size()));
            return false;
        }
    } else if (suffix == QLatin1String("csv")) {
        data = resultsToCsv(results);
        kind = OutputKind::Csv;
    } else {
        *error = QStringLiteral("'%1': unknown results format '.%2' (allowed: .json, .csv)")
                     .arg(path, suffix);
        return false;
    }
    return writeFileAtomically(path, data, kind, force, error);
}

} // namespace swb
