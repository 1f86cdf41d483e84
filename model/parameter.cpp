#include "model/parameter.h"

#include <cmath>

namespace swb {

namespace {

QString number(double v)
{
    return QString::number(v, 'g', 12);
}

} // namespace

QString ParamSpec::rangeText() const
{
    switch (type) {
    case ParamType::Boolean:
        return QStringLiteral("true or false");
    case ParamType::Choice:
        return choices.join(QStringLiteral(", "));
    case ParamType::Text:
        return QStringLiteral("any text");
    case ParamType::Integer:
    case ParamType::Real:
        break;
    }
    QString range = number(minimum) + QStringLiteral(" to ") + number(maximum);
    if (!unit.isEmpty())
        range += QLatin1Char(' ') + unit;
    // The same range in the units the inspector shows and accepts, when they differ.
    if (quantity != paramunits::Quantity::Plain) {
        const QString human = paramunits::humanText(minimum, unit, quantity)
                              + QStringLiteral(" to ")
                              + paramunits::humanText(maximum, unit, quantity);
        if (human != range)
            range += QStringLiteral(" (%1)").arg(human);
    }
    if (sentinel)
        range = number(*sentinel) + QStringLiteral(" (%1) or ").arg(sentinelLabel()) + range;
    return range;
}

bool ParamSpec::appliesTo(const QVariantMap &values) const
{
    if (appliesWhenKey.isEmpty())
        return true;
    const auto it = values.constFind(appliesWhenKey);
    return it == values.cend() || appliesWhenValues.contains(it->toString());
}

QString ParamSpec::sentinelLabel() const
{
    return sentinelName.isEmpty() ? QStringLiteral("not set") : sentinelName;
}

std::optional<QVariant> normalizeValue(const ParamSpec &spec, const QVariant &value, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<QVariant> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    switch (spec.type) {
    case ParamType::Boolean: {
        if (value.typeId() == QMetaType::Bool)
            return value;
        const QString text = value.toString().trimmed().toLower();
        if (text == QLatin1String("true") || text == QLatin1String("1")
            || text == QLatin1String("yes") || text == QLatin1String("on"))
            return QVariant(true);
        if (text == QLatin1String("false") || text == QLatin1String("0")
            || text == QLatin1String("no") || text == QLatin1String("off"))
            return QVariant(false);
        return fail(QStringLiteral("must be true or false"));
    }
    case ParamType::Choice: {
        const QString text = value.toString().trimmed();
        for (const QString &choice : spec.choices) {
            if (choice.compare(text, Qt::CaseInsensitive) == 0)
                return QVariant(choice);
        }
        return fail(
            QStringLiteral("must be one of %1").arg(spec.choices.join(QStringLiteral(", "))));
    }
    case ParamType::Text:
        return QVariant(value.toString());
    case ParamType::Integer:
    case ParamType::Real:
        break;
    }
    // The sentinel's name ("unreserved") is typed or shown in place of its number.
    if (spec.sentinel && !spec.sentinelName.isEmpty()
        && value.toString().trimmed().compare(spec.sentinelName, Qt::CaseInsensitive) == 0)
        return spec.type == ParamType::Integer ? QVariant(static_cast<qlonglong>(*spec.sentinel))
                                               : QVariant(*spec.sentinel);
    bool ok = false;
    double v = value.toDouble(&ok);
    if (!ok && spec.quantity != paramunits::Quantity::Plain) {
        // "4 d", "256 KB", "15 min": converted to the stored unit; a unit of another quantity
        // or no number at all is refused with the units that are accepted.
        QString why;
        const auto parsed = paramunits::parse(value.toString(), spec.unit, spec.quantity, &why);
        if (!parsed)
            return fail(QStringLiteral("%1; allowed %2").arg(why, spec.rangeText()));
        v = *parsed;
        ok = true;
    }
    if (!ok) {
        QString text = value.toString().trimmed();
        if (!spec.unit.isEmpty() && text.endsWith(spec.unit))
            text.chop(spec.unit.size());
        v = text.trimmed().toDouble(&ok);
    }
    if (!ok || !std::isfinite(v))
        return fail(QStringLiteral("must be a number from %1").arg(spec.rangeText()));
    if (spec.type == ParamType::Integer && v != std::floor(v)) {
        if (spec.quantity != paramunits::Quantity::Plain)
            return fail(QStringLiteral("must be a whole number of %1 from %2")
                            .arg(spec.unit, spec.rangeText()));
        return fail(QStringLiteral("must be a whole number from %1").arg(spec.rangeText()));
    }
    const bool isSentinel = spec.sentinel && v == *spec.sentinel;
    if (!isSentinel && (v < spec.minimum || v > spec.maximum))
        return fail(QStringLiteral("is out of range; allowed %1").arg(spec.rangeText()));
    if (spec.type == ParamType::Integer)
        return QVariant(static_cast<qlonglong>(v));
    return QVariant(v);
}

QString formatValue(const ParamSpec &spec, const QVariant &value)
{
    switch (spec.type) {
    case ParamType::Boolean:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case ParamType::Choice:
    case ParamType::Text:
        return value.toString();
    case ParamType::Integer:
    case ParamType::Real:
        break;
    }
    if (spec.sentinel && !spec.sentinelName.isEmpty() && value.toDouble() == *spec.sentinel)
        return spec.sentinelName;
    if (spec.quantity != paramunits::Quantity::Plain)
        return paramunits::humanText(value.toDouble(), spec.unit, spec.quantity);
    QString text = spec.type == ParamType::Integer ? QString::number(value.toLongLong())
                                                   : number(value.toDouble());
    if (!spec.unit.isEmpty())
        text += QLatin1Char(' ') + spec.unit;
    return text;
}

} // namespace swb
