#pragma once
// Numbers read from outside the program (project files, design text, SAM templates, results
// files, replay files, price lists) are checked here before they are converted or used: finite,
// inside the field's range, whole where the field is. Every reader words a refusal the same way,
// naming the field's path: "metadata.events: 1e+308 is out of range (allowed: 0 to 9.0072e+15)".
//
// Why one place: converting a double outside an integer type's range is undefined behaviour,
// and fuzzing found it at every reader that did the cast itself (block coordinates reaching
// QSizeF::toSize(), results ids and counts, a Retry MaxAttempts of 1e300, a replay timestamp of
// 1e300). Nothing outside this file casts a double read from a file to an integer.

#include <QPointF>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace swb::checked {

// Ranges of the fields several formats share.
// Canvas coordinates: ten thousand kilometres of canvas at one unit a pixel; a 100,000-block
// design laid out by the app stays far inside, and every export can draw the whole extent.
inline constexpr double kMaxCoordinate = 1e7;
// Ids, counts and other whole numbers: 2^53 - 1, the largest integer a JSON number (a double)
// holds exactly, so whatever is written reads back as the same number.
inline constexpr qint64 kMaxWhole = 9007199254740991LL;
// Simulated or configured times: one year, the longest any parameter or fault spans.
inline constexpr double kMaxSeconds = 31536000.0;
// A monthly bill in USD that a results file or a price computation may hold.
inline constexpr double kMaxUsd = 1e12;

// The checks. Each returns the value, or nullopt with *error = "<path>: <why>" (path names the
// field: "block #4 'orders': x", "series[3].componentId").
std::optional<double> real(double v, double min, double max, const QString &path, QString *error);
std::optional<qint64> whole(double v, qint64 min, qint64 max, const QString &path, QString *error);
// A count of things (messages, events, bins): whole, 0 to kMaxWhole.
std::optional<qint64> count(double v, const QString &path, QString *error);
// An id: whole, 1 to kMaxWhole (0 where allowNone, meaning "none").
std::optional<qint64> id(double v, const QString &path, QString *error, bool allowNone = false);
// A canvas coordinate: -kMaxCoordinate to kMaxCoordinate.
std::optional<double> coordinate(double v, const QString &path, QString *error);
// A time in seconds: min to kMaxSeconds.
std::optional<double> seconds(double v, double min, const QString &path, QString *error);
// A size in bytes: whole, 0 to max.
std::optional<qint64> bytes(double v, qint64 max, const QString &path, QString *error);
// A price or an amount in USD: 0 to kMaxUsd.
std::optional<double> usd(double v, const QString &path, QString *error);

// "1 to 900", "0 to 9.0072e+15": a range as the messages print it.
QString rangeText(double min, double max);

// A position clamped into the canvas (NaN gives 0): where the editor, not a file, made it.
QPointF clampPoint(const QPointF &p);

// Conversions of computed values that can never be undefined: round to the nearest integer and
// saturate at the type's limits (NaN gives 0). For values the program computed from checked
// inputs, where a refusal would come too late to name a field.
qint64 saturatingRound(double v);

} // namespace swb::checked
