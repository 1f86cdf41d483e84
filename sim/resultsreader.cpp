#include "sim/resultsreader.h"

#include "model/checkednumbers.h"
#include "model/design.h"
#include "model/parametercatalogue.h"
#include "model/referencedfile.h"
#include "sim/resultswriter.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cmath>
#include <stdexcept>

namespace swb {

namespace {

// Thrown inside the parser and turned into the error message; never escapes this file.
struct BadResults : std::runtime_error {
    using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const QString &where, const QString &what)
{
    throw BadResults((where + QStringLiteral(": ") + what).toStdString());
}

QJsonObject object(const QJsonObject &parent, const char *key, const QString &where)
{
    const QJsonValue v = parent.value(QLatin1String(key));
    if (!v.isObject())
        fail(where + QLatin1Char('.') + QLatin1String(key),
             QStringLiteral("missing or not an object"));
    return v.toObject();
}

QJsonArray array(const QJsonObject &parent, const char *key, const QString &where)
{
    const QJsonValue v = parent.value(QLatin1String(key));
    if (!v.isArray())
        fail(where + QLatin1Char('.') + QLatin1String(key),
             QStringLiteral("missing or not an array"));
    return v.toArray();
}

QString text(const QJsonObject &parent, const char *key, const QString &where)
{
    const QJsonValue v = parent.value(QLatin1String(key));
    if (!v.isString())
        fail(where + QLatin1Char('.') + QLatin1String(key),
             QStringLiteral("missing or not a string"));
    return v.toString();
}

// A number, or NaN for null (the writer's spelling of "not applicable").
double numberOrNull(const QJsonValue &v, const QString &where)
{
    if (v.isNull())
        return std::nan("");
    if (!v.isDouble())
        fail(where, QStringLiteral("expected a number or null"));
    return v.toDouble();
}

double number(const QJsonObject &parent, const char *key, const QString &where)
{
    const QJsonValue v = parent.value(QLatin1String(key));
    if (!v.isDouble())
        fail(where + QLatin1Char('.') + QLatin1String(key),
             QStringLiteral("missing or not a number"));
    return v.toDouble();
}

// Every number goes through model/checkednumbers.h before it is used; a refusal names the field.
template<typename T>
T checkedValue(std::optional<T> value, const QString &error)
{
    if (!value)
        throw BadResults(error.toStdString());
    return *value;
}

qint64 countField(const QJsonObject &parent, const char *key, const QString &where)
{
    const QString path = where + QLatin1Char('.') + QLatin1String(key);
    QString error;
    return checkedValue(checked::count(number(parent, key, where), path, &error), error);
}

// A summary figure: null (not applicable to the kind) or a number in [0, max].
double figure(const QJsonObject &o, const char *key, double max, const QString &where)
{
    const QString path = where + QLatin1Char('.') + QLatin1String(key);
    const double v = numberOrNull(o.value(QLatin1String(key)), path);
    if (std::isnan(v))
        return v;
    QString error;
    return checkedValue(checked::real(v, 0, max, path, &error), error);
}

void readMetadata(const QJsonObject &root, RunResults *r)
{
    const QJsonObject m = object(root, "metadata", QStringLiteral("results"));
    const QString where = QStringLiteral("metadata");
    r->metadata.designName = text(m, "design", where);
    bool ok = false;
    r->metadata.seed = m.value(QLatin1String("seed")).toString().toULongLong(&ok);
    if (!ok)
        fail(where + QStringLiteral(".seed"), QStringLiteral("missing or not a decimal integer"));
    // A run lasts what the project's duration setting allows (a 1e-300 s run once priced a
    // bill of -9.2e16 USD: the month's scale factor overflowed).
    const ParamSpec *duration = catalogue::findProjectParam(QStringLiteral("duration"));
    QString error;
    r->metadata.durationSeconds = checkedValue(
        checked::real(number(m, "durationSeconds", where), duration->minimum, duration->maximum,
                      where + QStringLiteral(".durationSeconds"), &error),
        error);
    r->metadata.binWidthSeconds = checkedValue(
        checked::real(number(m, "binWidthSeconds", where), 1e-3, r->metadata.durationSeconds,
                      where + QStringLiteral(".binWidthSeconds"), &error),
        error);
    r->metadata.catalogueDate = m.value(QLatin1String("catalogueDate")).toString();
    r->summary.events = quint64(countField(m, "events", where));
    // Wall time is written only on request (swb simulate --timing), so that one seed gives
    // byte-identical files; older files always have it.
    if (m.contains(QLatin1String("wallSeconds")))
        r->summary.wallSeconds =
            checkedValue(checked::seconds(number(m, "wallSeconds", where), 0,
                                          where + QStringLiteral(".wallSeconds"), &error),
                         error);
    r->summary.fingerprint = m.value(QLatin1String("fingerprint")).toString().toULongLong(&ok, 16);
}

// The bins cover the run: as many as the bin width needs for the duration (the clock rounds to
// whole microseconds, hence one bin of slack), at most the core's 100,000.
qint64 readBinCount(const QJsonObject &root, const RunMetadata &meta)
{
    const QJsonObject m = object(root, "metadata", QStringLiteral("results"));
    const qint64 bins = countField(m, "bins", QStringLiteral("metadata"));
    const double needed = std::ceil(meta.durationSeconds / meta.binWidthSeconds - 1e-9);
    if (bins > kMaxResultBins || std::abs(double(bins) - needed) > 1)
        fail(QStringLiteral("metadata.bins"),
             QStringLiteral("%1 bins do not cover %2 s in bins of %3 s (expected %4, at most "
                            "%5)")
                 .arg(bins)
                 .arg(meta.durationSeconds)
                 .arg(meta.binWidthSeconds)
                 .arg(needed)
                 .arg(kMaxResultBins));
    return bins;
}

void readSeries(const QJsonObject &root, qint64 bins, RunResults *r)
{
    const QJsonArray series = array(root, "series", QStringLiteral("results"));
    r->catalog.binWidthSeconds = r->metadata.binWidthSeconds;
    r->catalog.durationSeconds = r->metadata.durationSeconds;
    r->catalog.binCount = bins;
    std::vector<std::vector<double>> columns;
    for (qsizetype i = 0; i < series.size(); ++i) {
        const QString where = QStringLiteral("series[%1]").arg(i);
        if (!series.at(i).isObject())
            fail(where, QStringLiteral("not an object"));
        const QJsonObject s = series.at(i).toObject();
        SeriesEntry e;
        e.name = text(s, "name", where);
        e.componentName = text(s, "component", where);
        e.unit = text(s, "unit", where);
        e.aggregation = text(s, "aggregation", where);
        if (e.aggregation != QLatin1String("sum") && e.aggregation != QLatin1String("max")
            && e.aggregation != QLatin1String("last") && e.aggregation != QLatin1String("mean"))
            fail(where + QStringLiteral(".aggregation"),
                 QStringLiteral("'%1' (allowed: sum, max, last, mean)").arg(e.aggregation));
        QString error;
        const qint64 id =
            checkedValue(checked::id(number(s, "componentId", where),
                                     where + QStringLiteral(".componentId"), &error, true),
                         error);
        e.component = id == 0 ? InvalidId : ComponentId(id);
        const QJsonArray values = array(s, "values", where);
        if (values.size() != bins)
            fail(where + QStringLiteral(".values"),
                 QStringLiteral("has %1 numbers, metadata.bins says %2")
                     .arg(values.size())
                     .arg(bins));
        std::vector<double> column;
        column.reserve(std::size_t(bins));
        for (qsizetype b = 0; b < values.size(); ++b)
            column.push_back(
                numberOrNull(values.at(b), where + QStringLiteral(".values[%1]").arg(b)));
        columns.push_back(std::move(column));
        r->catalog.series.append(e);
    }
    // RunResults keeps the bins row-major: bin b, series s at b * series + s.
    r->values.resize(std::size_t(bins) * columns.size());
    for (std::size_t s = 0; s < columns.size(); ++s) {
        for (std::size_t b = 0; b < std::size_t(bins); ++b)
            r->values[b * columns.size() + s] = columns[s][b];
    }
}

void readSummary(const QJsonObject &root, RunResults *r)
{
    const QJsonObject summary = object(root, "summary", QStringLiteral("results"));
    const QJsonArray components = array(summary, "components", QStringLiteral("summary"));
    constexpr double kCount = double(checked::kMaxWhole);
    QSet<ComponentId> ids;
    for (qsizetype i = 0; i < components.size(); ++i) {
        const QString where = QStringLiteral("summary.components[%1]").arg(i);
        if (!components.at(i).isObject())
            fail(where, QStringLiteral("not an object"));
        const QJsonObject o = components.at(i).toObject();
        ComponentSummary c;
        QString error;
        c.id = ComponentId(checkedValue(
            checked::id(number(o, "id", where), where + QStringLiteral(".id"), &error), error));
        if (ids.contains(c.id))
            fail(where + QStringLiteral(".id"),
                 QStringLiteral("%1 appears twice in the summary").arg(c.id));
        ids.insert(c.id);
        c.name = text(o, "name", where);
        const QString kind = text(o, "kind", where);
        if (!componentKindFromId(kind, &c.kind))
            fail(where + QStringLiteral(".kind"), QStringLiteral("unknown kind '%1'").arg(kind));
        c.peakConcurrency = figure(o, "peakConcurrency", kCount, where);
        c.throttles = figure(o, "throttles", kCount, where);
        c.maxBacklog = figure(o, "maxBacklog", kCount, where);
        c.maxIteratorAgeS = figure(o, "maxIteratorAgeS", checked::kMaxSeconds, where);
        c.dlqCount = figure(o, "dlqCount", kCount, where);
        c.latencyP99Ms = figure(o, "latencyP99Ms", checked::kMaxSeconds * 1000, where);
        c.errors = figure(o, "errors", kCount, where);
        c.retries = figure(o, "retries", kCount, where);
        if (o.contains(QLatin1String("coldStartProbability"))) // absent from older files
            c.coldStartProbability = figure(o, "coldStartProbability", 1, where);
        c.monthlyCostUsd = figure(o, "monthlyCostUsd", checked::kMaxUsd, where);
        r->summary.components.append(c);
    }
    const QString where = QStringLiteral("summary");
    const double peak = figure(summary, "peakAccountConcurrency", kCount, where);
    r->summary.peakAccountConcurrency = std::isnan(peak) ? 0 : peak;
    r->summary.monthlyCostUsd = figure(summary, "monthlyCostUsd", checked::kMaxUsd, where);
    for (const QJsonValue &v : summary.value(QLatin1String("costNotes")).toArray())
        r->summary.costNotes.append(v.toString());
    for (const QJsonValue &v : summary.value(QLatin1String("warnings")).toArray())
        r->summary.warnings.append(v.toString());

    const QJsonObject l = object(root, "ledger", QStringLiteral("results"));
    auto count = [&](const char *key) {
        return quint64(countField(l, key, QStringLiteral("ledger")));
    };
    r->summary.ledger = {count("produced"),     count("inFlight"), count("succeeded"),
                         count("deadLettered"), count("expired"),  count("rejected"),
                         count("dropped")};
}

} // namespace

RunResults readResultsJson(const QByteArray &json, const QString &origin, QString *error)
{
    RunResults r;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    try {
        if (parseError.error != QJsonParseError::NoError)
            fail(QStringLiteral("offset %1").arg(parseError.offset),
                 QStringLiteral("not JSON (%1)").arg(parseError.errorString()));
        if (!doc.isObject())
            fail(QStringLiteral("results"), QStringLiteral("the top level is not an object"));
        const QJsonObject root = doc.object();
        if (root.value(QLatin1String("format")).toString() != QLatin1String(kResultsFormat))
            fail(QStringLiteral("format"),
                 QStringLiteral("not a results file of 'swb simulate --out' (expected format "
                                "\"%1\")")
                     .arg(QLatin1String(kResultsFormat)));
        const int version = root.value(QLatin1String("version")).toInt();
        if (version < 1 || version > kResultsVersion)
            fail(QStringLiteral("version"),
                 QStringLiteral("%1 is not supported (this swb reads version %2)")
                     .arg(root.value(QLatin1String("version")).toVariant().toString())
                     .arg(kResultsVersion));
        readMetadata(root, &r);
        readSeries(root, readBinCount(root, r.metadata), &r);
        readSummary(root, &r);
    } catch (const BadResults &e) {
        if (error)
            *error = QStringLiteral("'%1': %2").arg(origin, QString::fromStdString(e.what()));
        return RunResults{};
    }
    r.ok = true;
    r.summary.completed = true;
    r.summary.simSeconds = r.metadata.durationSeconds;
    return r;
}

RunResults readResultsFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    QString why = info.isFile() && info.size() > kMaxResultsBytes
                      ? resultsSizeMessage(path, info.size())
                      : QString();
    QByteArray bytes;
    if (why.isEmpty() && readRegularFile(path, kMaxResultsBytes, &bytes, &why))
        return readResultsJson(bytes, path, error);
    if (error)
        *error = why;
    return {};
}

QString resultsDesignMismatch(const RunResults &results, const Design &design)
{
    for (const ComponentSummary &c : results.summary.components) {
        const Component *d = design.component(c.id);
        if (!d)
            return QStringLiteral("the run has block '%1' (id %2), which the design does not have")
                .arg(c.name)
                .arg(c.id);
        if (d->name != c.name || d->kind != c.kind)
            return QStringLiteral("the run's block %1 is '%2' (%3), the design's is '%4' (%5)")
                .arg(c.id)
                .arg(c.name, componentKindId(c.kind), d->name, componentKindId(d->kind));
    }
    for (const Component &d : design.components) {
        bool found = false;
        for (const ComponentSummary &c : results.summary.components)
            found = found || c.id == d.id;
        if (!found)
            return QStringLiteral("the design's block '%1' (id %2) is not in the run")
                .arg(d.name)
                .arg(d.id);
    }
    return {};
}

} // namespace swb
