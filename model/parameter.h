#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

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

    // Human readable range, e.g. "1 to 900 s", "-1 (infinite) or 60 to 604800 s", "REST or HTTP".
    QString rangeText() const;
    // sentinelName, or "not set" when the catalogue gives none.
    QString sentinelLabel() const;
};

// Checks one value against its spec. On success returns the normalised value (e.g. "30" -> 30LL);
// on failure returns std::nullopt and, through error, the bare reason ("must be between ...").
std::optional<QVariant> normalizeValue(const ParamSpec &spec, const QVariant &value, QString *error);

// Formats a value with its unit for display and messages ("512 MB", "true", "REST").
QString formatValue(const ParamSpec &spec, const QVariant &value);

} // namespace swb
