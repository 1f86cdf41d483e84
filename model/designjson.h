#pragma once

#include "model/design.h"
#include "model/variantjson.h"

#include <QJsonObject>

namespace swb {

// The design as JSON: the clipboard's payload and the building blocks of the project file.
//
// Lossless, also through JSON text: catalogue parameters and settings are written as plain JSON
// values and get their exact type back from the catalogue on reading (an integral Real such as
// 100.0 is written "100" and read back as the double 100.0); opaque "extra" maps, which have no
// catalogue, use the typed encoding of variantToJson() (variantjson.h). Ids, names, positions,
// faults, settings and nextId are kept as they are.
//
// {"format": 1, "name": ..., "nextId": N, "settings": {...}, "extra": {...},
//  "components": [{"id", "kind", "name", "x", "y", "params", "extra"}, ...],
//  "connections": [{"id", "kind", "source", "target", "params", "extra"}, ...],
//  "faults": [{"id", "kind", "target", "start", "duration", "errorRate", "durationFactor",
//              "rateFactor"}, ...]}
constexpr int DesignJsonFormat = 1;

QJsonObject designToJson(const Design &design);

// Parses and then validates with normalizeDesign() (designvalidation.h), so the messages are the
// project reader's: "block #4 'orders' (Lambda function): ..." naming the record, the parameter,
// the value and the allowed range. On failure *out is left untouched and *error says why.
bool designFromJson(const QJsonObject &json, Design *out, QString *error);

// Plain JSON for catalogue values; normalizeDesign() restores their types.
QJsonObject paramsToJson(const QVariantMap &params);
QVariantMap paramsFromJson(const QJsonObject &object);

// Kind ids as files spell them; on an unknown id the error lists the known ones.
bool parseComponentKind(const QString &id, ComponentKind *kind, QString *error);
bool parseConnectionKind(const QString &id, ConnectionKind *kind, QString *error);
bool parseFaultKind(const QString &id, FaultKind *kind, QString *error);

} // namespace swb
