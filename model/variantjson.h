#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QVariant>

#include <optional>

namespace swb {

// Typed JSON for values without a catalogue. Strings, bools, null, qlonglong, lists, maps and
// doubles with a fractional part are plain JSON; what JSON text would change is tagged as
// {"$type": NAME, "value": ...}: doubles with an integral or non-finite value (JSON text turns
// 3.0 into the integer 3), other Qt types (int, QByteArray, QDateTime, ...) and maps that
// themselves hold a "$type" key. Only types QVariant can convert from a string are supported;
// anything else is refused on reading with a message naming the type.
QJsonValue variantToJson(const QVariant &value);
std::optional<QVariant> variantFromJson(const QJsonValue &value, QString *error);
QJsonObject variantMapToJson(const QVariantMap &map);
std::optional<QVariantMap> variantMapFromJson(const QJsonObject &object, QString *error);

} // namespace swb
