#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace swb {

// Durations and sizes in human units: a parameter stored in seconds reads "4 d" rather than
// "345600 s", one stored in bytes "256 KB" rather than "262144 B", and the inspector accepts
// "15 min" or "1 MB" for either. Sizes count in 1,024s, as AWS's limits do ("256 KB" is the
// 262,144-byte SQS/SNS message limit, aws-behaviour.md sections 3 and 4).
namespace paramunits {

enum class Quantity { Plain, Duration, Size };

// The quantity a catalogue unit measures: "ms", "s", "min", "h", "d" are durations; "B", "KB",
// "MB", "GB" sizes; anything else (req/s, records, x) is plain.
Quantity quantityOf(const QString &unit);

// The units a quantity is written in, smallest first ("ms, s, min, h, d").
QStringList unitNames(Quantity quantity);

// value (in baseUnit) in the largest unit that shows it as a whole number: 345600 s -> "4 d",
// 262144 B -> "256 KB", 90 s -> "90 s", 0.5 ms -> "0.5 ms". Plain quantities: "value baseUnit".
QString humanText(double value, const QString &baseUnit, Quantity quantity);

// Reads "4 d", "256KB", "15 min", "1.5 h" or a bare number (in baseUnit) and returns the value in
// baseUnit. std::nullopt when text is no number or names a unit of another quantity; error then
// says why and lists the accepted units.
std::optional<double> parse(const QString &text, const QString &baseUnit, Quantity quantity,
                            QString *error);

} // namespace paramunits
} // namespace swb
