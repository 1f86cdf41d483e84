#include "model/variantjson.h"

#include <QJsonArray>

#include <cmath>

namespace swb {

namespace {

const QLatin1String kTypeKey("$type");
const QLatin1String kValueKey("value");
const QLatin1String kDoubleTag("double");
const QLatin1String kMapTag("map");

QJsonObject tagged(const QString &type, const QJsonValue &value) {
    return QJsonObject{{kTypeKey, type}, {kValueKey, value}};
}

std::optional<QVariant> taggedFromJson(const QJsonObject &object, QString *error) {
    const QString type = object.value(kTypeKey).toString();
    const QJsonValue value = object.value(kValueKey);
    if (type == kDoubleTag) {
        if (value.isDouble())
            return QVariant(value.toDouble());
        const QString text = value.toString();
        if (text == QLatin1String("nan"))
            return QVariant(std::nan(""));
        if (text == QLatin1String("inf") || text == QLatin1String("-inf"))
            return QVariant(text.startsWith(QLatin1Char('-')) ? -INFINITY : INFINITY);
        *error = QStringLiteral("a tagged double must hold a number, \"inf\", \"-inf\" or \"nan\"");
        return std::nullopt;
    }
    if (type == kMapTag) {
        if (!value.isObject()) {
            *error = QStringLiteral("a tagged map must hold an object");
            return std::nullopt;
        }
        auto map = variantMapFromJson(value.toObject(), error);
        return map ? std::optional<QVariant>(QVariant(*map)) : std::nullopt;
    }
    const QMetaType metaType = QMetaType::fromName(type.toLatin1());
    if (!metaType.isValid()) {
        *error = QStringLiteral("unsupported value type '%1'").arg(type);
        return std::nullopt;
    }
    if (metaType.id() == QMetaType::QByteArray)
        return QVariant(QByteArray::fromBase64(value.toString().toLatin1()));
    if (metaType.id() == QMetaType::QStringList) {
        QStringList list;
        for (const QJsonValue &item : value.toArray())
            list.append(item.toString());
        return QVariant(list);
    }
    QVariant converted(value.toString());
    if (!converted.convert(metaType)) {
        *error =
            QStringLiteral("cannot read '%1' as a value of type %2").arg(value.toString(), type);
        return std::nullopt;
    }
    return converted;
}

} // namespace

QJsonValue variantToJson(const QVariant &value) {
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return QJsonValue(QJsonValue::Null);
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::QString:
        return value.toString();
    case QMetaType::LongLong:
        return QJsonValue(value.toLongLong());
    case QMetaType::Double: {
        const double d = value.toDouble();
        if (std::isnan(d))
            return tagged(kDoubleTag, QStringLiteral("nan"));
        if (std::isinf(d))
            return tagged(kDoubleTag, d < 0 ? QStringLiteral("-inf") : QStringLiteral("inf"));
        if (d == std::floor(d))
            return tagged(kDoubleTag, d);
        return d;
    }
    case QMetaType::QVariantMap: {
        const QVariantMap map = value.toMap();
        const QJsonObject object = variantMapToJson(map);
        return map.contains(kTypeKey) ? QJsonValue(tagged(kMapTag, object)) : QJsonValue(object);
    }
    case QMetaType::QVariantList: {
        QJsonArray array;
        for (const QVariant &item : value.toList())
            array.append(variantToJson(item));
        return array;
    }
    case QMetaType::QStringList:
        return tagged(QStringLiteral("QStringList"),
                      QJsonArray::fromStringList(value.toStringList()));
    case QMetaType::QByteArray:
        return tagged(QStringLiteral("QByteArray"),
                      QString::fromLatin1(value.toByteArray().toBase64()));
    default:
        break;
    }
    return tagged(QString::fromLatin1(value.metaType().name()), value.toString());
}

std::optional<QVariant> variantFromJson(const QJsonValue &value, QString *error) {
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QVariant();
    case QJsonValue::Bool:
        return QVariant(value.toBool());
    case QJsonValue::String:
        return QVariant(value.toString());
    case QJsonValue::Double: {
        // Qt keeps integers that JSON text spelled without a fraction as integers.
        const QVariant v = value.toVariant();
        if (v.typeId() == QMetaType::LongLong)
            return v;
        return QVariant(value.toDouble());
    }
    case QJsonValue::Array: {
        QVariantList list;
        for (const QJsonValue &item : value.toArray()) {
            auto v = variantFromJson(item, error);
            if (!v)
                return std::nullopt;
            list.append(*v);
        }
        return QVariant(list);
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.contains(kTypeKey))
            return taggedFromJson(object, error);
        auto map = variantMapFromJson(object, error);
        return map ? std::optional<QVariant>(QVariant(*map)) : std::nullopt;
    }
    }
    return QVariant();
}

QJsonObject variantMapToJson(const QVariantMap &map) {
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), variantToJson(it.value()));
    return object;
}

std::optional<QVariantMap> variantMapFromJson(const QJsonObject &object, QString *error) {
    QVariantMap map;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        auto v = variantFromJson(it.value(), error);
        if (!v) {
            *error = QStringLiteral("key '%1': %2").arg(it.key(), *error);
            return std::nullopt;
        }
        map.insert(it.key(), *v);
    }
    return map;
}

} // namespace swb
