#pragma once

#include "model/paramunits.h"

#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

#include <optional>

namespace swb {

enum class ParamType { Integer, Real, Boolean, Choice, Text };

// One knob of a block or wire: what it is called, its unit, AWS's default and the range AWS
// accepts. Stored values are normalised: Integer -> qlonglong, Real -> double, Boolean -> bool,
// Choice and Text -> QString.
struct ParamSpec {
    QString key;         // stable, used in files and on the command line ("timeout")
    QString displayName; // "Timeout"
    QString unit;        // "s", "MB", "req/s"; empty when unit-less
    ParamType type = ParamType::Real;
    QVariant defaultValue;
    double minimum = 0;
    double maximum = 0;
    // A value outside [minimum, maximum] that AWS gives a special meaning (-1 = "not set" or
    // "infinite"); it is accepted and its meaning is in the help text.
    std::optional<double> sentinel;
    // The sentinel's name, shown instead of the number and accepted as input ("unreserved",
    // "no limit").
    QString sentinelName;
    QStringList choices; // for Choice
    QString help;        // what AWS does at this setting, with the source
    // Durations and sizes are shown and typed in human units ("4 d", "256 KB"); set from the
    // unit by the service declarations (a clock hour such as the diurnal peak stays Plain).
    paramunits::Quantity quantity = paramunits::Quantity::Plain;
    // Set when the parameter only takes effect for some values of another parameter of the same
    // block (the diurnal peak only for diurnal traffic, message groups only for FIFO queues):
    // the inspector then shows it only when it applies. Its value is kept either way.
    QString appliesWhenKey;
    QStringList appliesWhenValues;

    // Human readable range, e.g. "1 to 900 s (1 s to 15 min)", "-1 (infinite) or 60 to 604800 s
    // (1 min to 7 d)", "REST or HTTP".
    QString rangeText() const;
    // Whether the parameter takes effect given the block's (or wire's) values; true when it
    // depends on nothing or the controlling value is missing (values should hold the defaults).
    bool appliesTo(const QVariantMap &values) const;
    // sentinelName, or "not set" when the catalogue gives none.
    QString sentinelLabel() const;
};

// Checks one value against its spec. On success returns the normalised value (e.g. "30" -> 30LL);
// on failure returns std::nullopt and, through error, the bare reason ("must be between ...").
std::optional<QVariant> normalizeValue(const ParamSpec &spec, const QVariant &value,
                                       QString *error);

// Formats a value with its unit for display and messages ("512 MB", "4 d", "true", "REST").
QString formatValue(const ParamSpec &spec, const QVariant &value);

} // namespace swb
