#include "model/designjson.h"

#include "model/checkednumbers.h"
#include "model/designvalidation.h"

#include <QJsonArray>

#include <cmath>

namespace swb {

namespace {

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

// Reads the fields of one JSON record; the first problem is kept with the record's name.
class RecordReader
{
public:
    RecordReader(const QJsonObject &object, QString what, QString *error)
        : m_object(object)
        , m_what(std::move(what))
        , m_error(error)
    {}

    bool ok() const { return m_ok; }

    qint64 integer(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        const double d = v.toDouble();
        if (!v.isDouble() || d != std::floor(d)) {
            fail(key, QStringLiteral("a whole number"), v);
            return 0;
        }
        // Ids and counts: the range a JSON number holds exactly (checkednumbers.h).
        QString why;
        const auto value =
            checked::whole(d, -checked::kMaxWhole, checked::kMaxWhole,
                           QStringLiteral("%1: '%2'").arg(m_what, QLatin1String(key)), &why);
        if (!value)
            setError(why);
        return value.value_or(0);
    }

    double number(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (!v.isDouble())
            fail(key, QStringLiteral("a number"), v);
        return v.toDouble();
    }

    QString text(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (!v.isString())
            fail(key, QStringLiteral("a string"), v);
        return v.toString();
    }

    // An absent object reads as empty (parameters then get their defaults).
    QJsonObject object(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isObject())
            fail(key, QStringLiteral("an object"), v);
        return v.toObject();
    }

    QVariantMap extra(const char *key)
    {
        const QJsonObject o = object(key);
        if (!m_ok)
            return {};
        QString why;
        auto map = variantMapFromJson(o, &why);
        if (!map) {
            setError(QStringLiteral("%1: '%2': %3").arg(m_what, QLatin1String(key), why));
            return {};
        }
        return *map;
    }

    void setError(const QString &message)
    {
        if (m_ok)
            *m_error = message;
        m_ok = false;
    }

private:
    void fail(const char *key, const QString &expected, const QJsonValue &found)
    {
        setError(QStringLiteral("%1: '%2' must be %3, not %4")
                     .arg(m_what, QLatin1String(key), expected, jsonTypeName(found)));
    }

    QJsonObject m_object;
    QString m_what;
    QString *m_error;
    bool m_ok = true;
};

QString kindList(QStringList ids)
{
    return ids.join(QStringLiteral(", "));
}

} // namespace

QJsonObject paramsToJson(const QVariantMap &params)
{
    QJsonObject object;
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        object.insert(it.key(), QJsonValue::fromVariant(it.value()));
    return object;
}

QVariantMap paramsFromJson(const QJsonObject &object)
{
    return object.toVariantMap();
}

bool parseComponentKind(const QString &id, ComponentKind *kind, QString *error)
{
    if (componentKindFromId(id, kind))
        return true;
    QStringList ids;
    for (ComponentKind k : allComponentKinds())
        ids.append(componentKindId(k));
    *error = QStringLiteral("unknown block kind '%1' (known kinds: %2)").arg(id, kindList(ids));
    return false;
}

bool parseConnectionKind(const QString &id, ConnectionKind *kind, QString *error)
{
    if (connectionKindFromId(id, kind))
        return true;
    QStringList ids;
    for (ConnectionKind k : allConnectionKinds())
        ids.append(connectionKindId(k));
    *error = QStringLiteral("unknown wire kind '%1' (known kinds: %2)").arg(id, kindList(ids));
    return false;
}

bool parseFaultKind(const QString &id, FaultKind *kind, QString *error)
{
    if (faultKindFromId(id, kind))
        return true;
    QStringList ids;
    for (FaultKind k :
         {FaultKind::BadDeploy, FaultKind::Outage, FaultKind::TrafficSpike, FaultKind::Throttle})
        ids.append(faultKindId(k));
    *error = QStringLiteral("unknown fault kind '%1' (known kinds: %2)").arg(id, kindList(ids));
    return false;
}

namespace {

QJsonObject componentToJson(const Component &c)
{
    return QJsonObject{{QStringLiteral("id"), QJsonValue(qint64(c.id))},
                       {QStringLiteral("kind"), componentKindId(c.kind)},
                       {QStringLiteral("name"), c.name},
                       {QStringLiteral("x"), c.position.x()},
                       {QStringLiteral("y"), c.position.y()},
                       {QStringLiteral("params"), paramsToJson(c.params)},
                       {QStringLiteral("extra"), variantMapToJson(c.extra)}};
}

QJsonObject connectionToJson(const Connection &w)
{
    return QJsonObject{{QStringLiteral("id"), QJsonValue(qint64(w.id))},
                       {QStringLiteral("kind"), connectionKindId(w.kind)},
                       {QStringLiteral("source"), QJsonValue(qint64(w.source))},
                       {QStringLiteral("target"), QJsonValue(qint64(w.target))},
                       {QStringLiteral("params"), paramsToJson(w.params)},
                       {QStringLiteral("extra"), variantMapToJson(w.extra)}};
}

QJsonObject faultToJson(const Fault &f)
{
    return QJsonObject{{QStringLiteral("id"), QJsonValue(qint64(f.id))},
                       {QStringLiteral("kind"), faultKindId(f.kind)},
                       {QStringLiteral("target"), QJsonValue(qint64(f.target))},
                       {QStringLiteral("start"), f.start},
                       {QStringLiteral("duration"), f.duration},
                       {QStringLiteral("errorRate"), f.errorRate},
                       {QStringLiteral("durationFactor"), f.durationFactor},
                       {QStringLiteral("rateFactor"), f.rateFactor}};
}

// Each parser reads one record; ids are checked for duplicates here because a map would
// otherwise silently keep only the last record with an id.
bool readComponents(const QJsonArray &array, Design *design, QString *error)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        RecordReader r(array.at(i).toObject(), QStringLiteral("block %1 of the list").arg(i + 1),
                       error);
        if (!array.at(i).isObject()) {
            r.setError(QStringLiteral("block %1 of the list is not an object").arg(i + 1));
            return false;
        }
        Component c;
        c.id = r.integer("id");
        c.name = r.text("name");
        const QString kind = r.text("kind");
        c.position = QPointF(r.number("x"), r.number("y"));
        c.params = paramsFromJson(r.object("params"));
        c.extra = r.extra("extra");
        if (!r.ok())
            return false;
        QString why;
        if (!parseComponentKind(kind, &c.kind, &why)) {
            *error = QStringLiteral("block #%1 '%2': %3").arg(c.id).arg(c.name, why);
            return false;
        }
        if (design->components.contains(c.id)) {
            *error = QStringLiteral("two blocks have the id #%1").arg(c.id);
            return false;
        }
        design->components.insert(c.id, c);
    }
    return true;
}

bool readConnections(const QJsonArray &array, Design *design, QString *error)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        RecordReader r(array.at(i).toObject(), QStringLiteral("wire %1 of the list").arg(i + 1),
                       error);
        if (!array.at(i).isObject()) {
            r.setError(QStringLiteral("wire %1 of the list is not an object").arg(i + 1));
            return false;
        }
        Connection w;
        w.id = r.integer("id");
        const QString kind = r.text("kind");
        w.source = r.integer("source");
        w.target = r.integer("target");
        w.params = paramsFromJson(r.object("params"));
        w.extra = r.extra("extra");
        if (!r.ok())
            return false;
        QString why;
        if (!parseConnectionKind(kind, &w.kind, &why)) {
            *error = QStringLiteral("wire #%1: %2").arg(w.id).arg(why);
            return false;
        }
        if (design->connections.contains(w.id)) {
            *error = QStringLiteral("two wires have the id #%1").arg(w.id);
            return false;
        }
        design->connections.insert(w.id, w);
    }
    return true;
}

bool readFaults(const QJsonArray &array, Design *design, QString *error)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        RecordReader r(array.at(i).toObject(), QStringLiteral("fault %1 of the list").arg(i + 1),
                       error);
        if (!array.at(i).isObject()) {
            r.setError(QStringLiteral("fault %1 of the list is not an object").arg(i + 1));
            return false;
        }
        Fault f;
        f.id = r.integer("id");
        const QString kind = r.text("kind");
        f.target = r.integer("target");
        f.start = r.number("start");
        f.duration = r.number("duration");
        f.errorRate = r.number("errorRate");
        f.durationFactor = r.number("durationFactor");
        f.rateFactor = r.number("rateFactor");
        if (!r.ok())
            return false;
        QString why;
        if (!parseFaultKind(kind, &f.kind, &why)) {
            *error = QStringLiteral("fault #%1: %2").arg(f.id).arg(why);
            return false;
        }
        if (design->faults.contains(f.id)) {
            *error = QStringLiteral("two faults have the id #%1").arg(f.id);
            return false;
        }
        design->faults.insert(f.id, f);
    }
    return true;
}

QJsonArray arrayField(const QJsonObject &json, const char *key, bool *ok, QString *error)
{
    const QJsonValue v = json.value(QLatin1String(key));
    if (!v.isUndefined() && !v.isArray()) {
        *error = QStringLiteral("'%1' must be an array, not %2")
                     .arg(QLatin1String(key), jsonTypeName(v));
        *ok = false;
    }
    return v.toArray();
}

} // namespace

QJsonObject designToJson(const Design &design)
{
    QJsonArray components;
    for (const Component &c : design.components)
        components.append(componentToJson(c));
    QJsonArray connections;
    for (const Connection &w : design.connections)
        connections.append(connectionToJson(w));
    QJsonArray faults;
    for (const Fault &f : design.faults)
        faults.append(faultToJson(f));
    return QJsonObject{{QStringLiteral("format"), DesignJsonFormat},
                       {QStringLiteral("name"), design.name},
                       {QStringLiteral("nextId"), QJsonValue(qint64(design.nextId))},
                       {QStringLiteral("settings"), paramsToJson(design.settings)},
                       {QStringLiteral("extra"), variantMapToJson(design.extra)},
                       {QStringLiteral("components"), components},
                       {QStringLiteral("connections"), connections},
                       {QStringLiteral("faults"), faults}};
}

bool designFromJson(const QJsonObject &json, Design *out, QString *error)
{
    QString message;
    RecordReader r(json, QStringLiteral("the design"), &message);
    const qint64 format = r.integer("format");
    Design design;
    design.name = r.text("name");
    design.nextId = r.integer("nextId");
    design.settings = paramsFromJson(r.object("settings"));
    design.extra = r.extra("extra");
    bool ok = r.ok();
    if (ok && format > DesignJsonFormat) {
        message = QStringLiteral("made by a newer Serverless Workbench (format %1, this version "
                                 "reads up to %2)")
                      .arg(format)
                      .arg(DesignJsonFormat);
        ok = false;
    }
    if (ok && format < 1) {
        message = QStringLiteral("'format' must be between 1 and %1, not %2")
                      .arg(DesignJsonFormat)
                      .arg(format);
        ok = false;
    }
    const QJsonArray components = ok ? arrayField(json, "components", &ok, &message) : QJsonArray();
    const QJsonArray connections =
        ok ? arrayField(json, "connections", &ok, &message) : QJsonArray();
    const QJsonArray faults = ok ? arrayField(json, "faults", &ok, &message) : QJsonArray();
    ok = ok && readComponents(components, &design, &message)
         && readConnections(connections, &design, &message)
         && readFaults(faults, &design, &message);
    if (ok) {
        message = normalizeDesign(&design);
        ok = message.isEmpty();
    }
    if (!ok) {
        if (error)
            *error = message;
        return false;
    }
    *out = std::move(design);
    return true;
}

} // namespace swb
