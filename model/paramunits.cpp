#include "model/paramunits.h"

#include <QRegularExpression>

#include <cmath>
#include <span>

namespace swb::paramunits {

namespace {

// factor: the unit in the quantity's smallest unit (milliseconds, bytes), so conversions
// between units of a table multiply and divide whole numbers.
struct Unit {
    const char *name; // as shown
    double factor;
    std::initializer_list<const char *> aliases; // also accepted on input, any case
};

const Unit kDurations[] = {
    {"ms", 1, {"msec", "millisecond", "milliseconds"}},
    {"s", 1e3, {"sec", "secs", "second", "seconds"}},
    {"min", 60e3, {"m", "mins", "minute", "minutes"}},
    {"h", 3600e3, {"hr", "hrs", "hour", "hours"}},
    {"d", 86400e3, {"day", "days"}},
};

const Unit kSizes[] = {
    {"B", 1, {"byte", "bytes"}},
    {"KB", 1024, {"KiB", "k"}},
    {"MB", 1024.0 * 1024, {"MiB"}},
    {"GB", 1024.0 * 1024 * 1024, {"GiB"}},
};

std::span<const Unit> unitsOf(Quantity quantity)
{
    switch (quantity) {
    case Quantity::Duration:
        return kDurations;
    case Quantity::Size:
        return kSizes;
    case Quantity::Plain:
        break;
    }
    return {};
}

const Unit *findUnit(Quantity quantity, const QString &text)
{
    for (const Unit &unit : unitsOf(quantity)) {
        if (text.compare(QLatin1String(unit.name), Qt::CaseInsensitive) == 0)
            return &unit;
        for (const char *alias : unit.aliases) {
            if (text.compare(QLatin1String(alias), Qt::CaseInsensitive) == 0)
                return &unit;
        }
    }
    return nullptr;
}

QString number(double v)
{
    return QString::number(v, 'g', 12);
}

// A whole number up to the rounding a decimal input or a unit factor leaves ("1.1 h" is
// 3960.0000000000005 s).
bool nearlyWhole(double v, double *rounded)
{
    *rounded = std::round(v);
    return std::abs(v - *rounded) <= 1e-9 * std::max(1.0, std::abs(v));
}

} // namespace

Quantity quantityOf(const QString &unit)
{
    for (Quantity q : {Quantity::Duration, Quantity::Size}) {
        for (const Unit &u : unitsOf(q)) {
            if (unit == QLatin1String(u.name))
                return q;
        }
    }
    return Quantity::Plain;
}

QStringList unitNames(Quantity quantity)
{
    QStringList names;
    for (const Unit &unit : unitsOf(quantity))
        names.append(QLatin1String(unit.name));
    return names;
}

QString humanText(double value, const QString &baseUnit, Quantity quantity)
{
    const Unit *base = findUnit(quantity, baseUnit);
    if (base && value != 0 && std::isfinite(value)) {
        const std::span<const Unit> units = unitsOf(quantity);
        for (auto it = units.rbegin(); it != units.rend(); ++it) {
            double whole = 0;
            const double x = value * base->factor / it->factor;
            if (std::abs(x) >= 1 && nearlyWhole(x, &whole))
                return number(whole) + QLatin1Char(' ') + QLatin1String(it->name);
        }
    }
    return baseUnit.isEmpty() ? number(value) : number(value) + QLatin1Char(' ') + baseUnit;
}

std::optional<double> parse(const QString &text, const QString &baseUnit, Quantity quantity,
                            QString *error)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^\\s*([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*([A-Za-z]*)\\s*$"));
    auto fail = [&](const QString &why) -> std::optional<double> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QStringList names = unitNames(quantity);
    const QString allowed = names.isEmpty() ? QString() : names.join(QStringLiteral(", "));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        if (names.isEmpty())
            return fail(QStringLiteral("'%1' is not a number").arg(text.trimmed()));
        return fail(
            QStringLiteral("'%1' is not a number with a unit (%2)").arg(text.trimmed(), allowed));
    }
    const double number = match.captured(1).toDouble();
    const QString unitText = match.captured(2);
    if (unitText.isEmpty() || unitText == baseUnit)
        return number;
    const Unit *base = findUnit(quantity, baseUnit);
    const Unit *unit = findUnit(quantity, unitText);
    if (!base || !unit) {
        if (names.isEmpty())
            return fail(QStringLiteral("'%1': unknown unit '%2'%3")
                            .arg(text.trimmed(), unitText,
                                 baseUnit.isEmpty() ? QStringLiteral("; type a plain number")
                                                    : QStringLiteral("; the unit is ") + baseUnit));
        return fail(QStringLiteral("'%1': unknown unit '%2'; use %3")
                        .arg(text.trimmed(), unitText, allowed));
    }
    const double value = number * unit->factor / base->factor;
    double whole = 0;
    return nearlyWhole(value, &whole) ? whole : value;
}

} // namespace swb::paramunits
