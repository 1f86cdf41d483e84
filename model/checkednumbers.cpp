#include "model/checkednumbers.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace swb::checked {

namespace {

// 2^63: the first double that no longer fits a qint64.
constexpr double kTwoTo63 = 9223372036854775808.0;

QString number(double v)
{
    return QString::number(v, 'g', 12);
}

bool refuse(QString *error, const QString &path, const QString &why)
{
    if (error)
        *error = path + QStringLiteral(": ") + why;
    return false;
}

bool inRange(double v, double min, double max, const QString &path, QString *error)
{
    if (std::isnan(v))
        return refuse(error, path,
                      QStringLiteral("is not a number (allowed: %1)").arg(rangeText(min, max)));
    if (!(v >= min && v <= max))
        return refuse(
            error, path,
            QStringLiteral("%1 is out of range (allowed: %2)").arg(number(v), rangeText(min, max)));
    return true;
}

} // namespace

QString rangeText(double min, double max)
{
    return number(min) + QStringLiteral(" to ") + number(max);
}

std::optional<double> real(double v, double min, double max, const QString &path, QString *error)
{
    if (!inRange(v, min, max, path, error))
        return std::nullopt;
    return v;
}

std::optional<qint64> whole(double v, qint64 min, qint64 max, const QString &path, QString *error)
{
    if (!inRange(v, double(min), double(max), path, error))
        return std::nullopt;
    if (v != std::floor(v)) {
        refuse(error, path,
               QStringLiteral("%1 is not a whole number (allowed: %2)")
                   .arg(number(v), rangeText(double(min), double(max))));
        return std::nullopt;
    }
    // double(max) may round up to 2^63 for bounds near the type's limit.
    if (!(v < kTwoTo63 && v >= -kTwoTo63)) {
        refuse(error, path,
               QStringLiteral("%1 is out of range (allowed: %2)")
                   .arg(number(v), rangeText(double(min), double(max))));
        return std::nullopt;
    }
    return static_cast<qint64>(v);
}

std::optional<qint64> count(double v, const QString &path, QString *error)
{
    return whole(v, 0, kMaxWhole, path, error);
}

std::optional<qint64> id(double v, const QString &path, QString *error, bool allowNone)
{
    return whole(v, allowNone ? 0 : 1, kMaxWhole, path, error);
}

std::optional<double> coordinate(double v, const QString &path, QString *error)
{
    return real(v, -kMaxCoordinate, kMaxCoordinate, path, error);
}

std::optional<double> seconds(double v, double min, const QString &path, QString *error)
{
    return real(v, min, kMaxSeconds, path, error);
}

std::optional<qint64> bytes(double v, qint64 max, const QString &path, QString *error)
{
    return whole(v, 0, max, path, error);
}

std::optional<double> usd(double v, const QString &path, QString *error)
{
    return real(v, 0, kMaxUsd, path, error);
}

QPointF clampPoint(const QPointF &p)
{
    const auto clamp = [](double v) {
        return std::isnan(v) ? 0.0 : std::clamp(v, -kMaxCoordinate, kMaxCoordinate);
    };
    return QPointF(clamp(p.x()), clamp(p.y()));
}

qint64 saturatingRound(double v)
{
    if (std::isnan(v))
        return 0;
    const double r = std::round(v);
    if (r >= kTwoTo63)
        return std::numeric_limits<qint64>::max();
    if (r < -kTwoTo63)
        return std::numeric_limits<qint64>::min();
    return static_cast<qint64>(r);
}

} // namespace swb::checked
