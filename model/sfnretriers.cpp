#include "model/sfnretriers.h"

#include "model/checkednumbers.h"
#include "model/parametercatalogue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace swb {

namespace {

const QString kAll = QStringLiteral("States.ALL");

// The ranges of the States Language fields are the Task wire's single Retry parameters'
// (parametercatalogue.cpp: IntervalSeconds 1 to 99999999, MaxAttempts 0 to 99999999,
// BackoffRate 1 to 1000, MaxDelaySeconds 1 to 31622401), checked before any conversion (a
// MaxAttempts of 1e300 once reached an out-of-range cast).
const ParamSpec &taskSpec(const char *key)
{
    const ParamSpec *spec = catalogue::findConnectionParam(
        ConnectionKind::ServiceIntegration, ComponentKind::StepFunctions, QLatin1String(key));
    Q_ASSERT(spec);
    return *spec;
}

bool number(const QJsonObject &o, const char *key, const char *specKey, double *out, QString *why)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    const ParamSpec &spec = taskSpec(specKey);
    if (!v.isDouble()) {
        *why = QStringLiteral("%1 must be a number from %2")
                   .arg(QLatin1String(key), checked::rangeText(spec.minimum, spec.maximum));
        return false;
    }
    const std::optional<double> value =
        spec.type == ParamType::Integer
            ? std::optional<double>(checked::whole(v.toDouble(), qint64(spec.minimum),
                                                   qint64(spec.maximum), QLatin1String(key), why))
            : checked::real(v.toDouble(), spec.minimum, spec.maximum, QLatin1String(key), why);
    if (value)
        *out = *value;
    return bool(value);
}

bool parseOne(const QJsonValue &value, bool last, RetrierSpec *r, QString *why)
{
    if (!value.isObject()) {
        *why = QStringLiteral("must be an object");
        return false;
    }
    const QJsonObject o = value.toObject();
    static const QStringList known{
        QStringLiteral("ErrorEquals"),     QStringLiteral("IntervalSeconds"),
        QStringLiteral("MaxAttempts"),     QStringLiteral("BackoffRate"),
        QStringLiteral("MaxDelaySeconds"), QStringLiteral("JitterStrategy"),
        QStringLiteral("Comment")};
    for (const QString &key : o.keys()) {
        if (!known.contains(key)) {
            *why = QStringLiteral("unknown field %1 (allowed: %2)").arg(key, known.join(u", "));
            return false;
        }
    }
    const QJsonArray names = o.value(QLatin1String("ErrorEquals")).toArray();
    if (names.isEmpty()) {
        *why = QStringLiteral("ErrorEquals must be a non-empty list of error names");
        return false;
    }
    for (const QJsonValue &n : names) {
        if (!n.isString() || n.toString().isEmpty()) {
            *why = QStringLiteral("ErrorEquals holds only error names (strings)");
            return false;
        }
        r->errorEquals.append(n.toString());
    }
    // States.ALL must appear alone and in the last retrier (concepts-error-handling).
    if (r->errorEquals.contains(kAll) && (r->errorEquals.size() > 1 || !last)) {
        *why = QStringLiteral("States.ALL must be alone in ErrorEquals and in the last retrier");
        return false;
    }
    double attempts = double(r->maxAttempts), maxDelay = r->maxDelaySeconds;
    if (!number(o, "IntervalSeconds", "retryInterval", &r->intervalSeconds, why)
        || !number(o, "MaxAttempts", "retryMaxAttempts", &attempts, why)
        || !number(o, "BackoffRate", "retryBackoffRate", &r->backoffRate, why)
        || !number(o, "MaxDelaySeconds", "retryMaxDelay", &maxDelay, why))
        return false;
    r->maxAttempts = qlonglong(attempts); // whole and within 0..99999999: checked above
    r->maxDelaySeconds = maxDelay;
    const QString jitter =
        o.value(QLatin1String("JitterStrategy")).toString(QStringLiteral("NONE"));
    if (jitter != QLatin1String("NONE") && jitter != QLatin1String("FULL")) {
        *why = QStringLiteral("JitterStrategy must be FULL or NONE");
        return false;
    }
    r->fullJitter = jitter == QLatin1String("FULL");
    return true;
}

} // namespace

bool parseRetriers(const QString &text, QList<RetrierSpec> *out, QString *error)
{
    out->clear();
    if (text.trimmed().isEmpty())
        return true;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isArray()) {
        *error = pe.error != QJsonParseError::NoError
                     ? QStringLiteral("not valid JSON at character %1: %2")
                           .arg(pe.offset)
                           .arg(pe.errorString())
                     : QStringLiteral("must be a JSON array of retriers");
        return false;
    }
    const QJsonArray list = doc.array();
    for (qsizetype i = 0; i < list.size(); ++i) {
        RetrierSpec r;
        QString why;
        if (!parseOne(list.at(i), i == list.size() - 1, &r, &why)) {
            *error = QStringLiteral("retrier %1: %2").arg(i + 1).arg(why);
            out->clear();
            return false;
        }
        out->append(r);
    }
    return true;
}

QString retriersToJson(const QList<RetrierSpec> &retriers)
{
    QJsonArray list;
    for (const RetrierSpec &r : retriers) {
        QJsonObject o;
        o.insert(QStringLiteral("ErrorEquals"), QJsonArray::fromStringList(r.errorEquals));
        if (r.intervalSeconds != 1)
            o.insert(QStringLiteral("IntervalSeconds"), r.intervalSeconds);
        if (r.maxAttempts != 3)
            o.insert(QStringLiteral("MaxAttempts"), r.maxAttempts);
        if (r.backoffRate != 2.0)
            o.insert(QStringLiteral("BackoffRate"), r.backoffRate);
        if (r.maxDelaySeconds >= 0)
            o.insert(QStringLiteral("MaxDelaySeconds"), r.maxDelaySeconds);
        if (r.fullJitter)
            o.insert(QStringLiteral("JitterStrategy"), QStringLiteral("FULL"));
        list.append(o);
    }
    return QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
}

} // namespace swb
