#include "model/sfnretriers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace swb {

namespace {

const QString kAll = QStringLiteral("States.ALL");

bool number(const QJsonObject &o, const char *key, double min, double *out, QString *why)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isDouble() || v.toDouble() < min) {
        *why =
            QStringLiteral("%1 must be a number of at least %2").arg(QLatin1String(key)).arg(min);
        return false;
    }
    *out = v.toDouble();
    return true;
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
    if (!number(o, "IntervalSeconds", 1, &r->intervalSeconds, why)
        || !number(o, "MaxAttempts", 0, &attempts, why)
        || !number(o, "BackoffRate", 1, &r->backoffRate, why)
        || !number(o, "MaxDelaySeconds", 1, &maxDelay, why))
        return false;
    r->maxAttempts = qlonglong(attempts);
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
