#include "model/filterpolicy.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace swb {

std::optional<double> filterPolicyMatchShare(const QString &policy, const QString &attributes,
                                             QString *error)
{
    // name -> value -> share of the messages carrying it
    QHash<QString, QHash<QString, double>> shares;
    QHash<QString, double> totals;
    for (const QString &raw : attributes.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = raw.trimmed();
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const qsizetype colon = item.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const double share = colon > eq ? item.mid(colon + 1).trimmed().toDouble(&ok) : 0;
        if (eq <= 0 || colon <= eq + 1 || !ok || share < 0 || share > 1) {
            if (error)
                *error = QStringLiteral("attribute '%1' is not name=value:share with a share "
                                        "between 0 and 1 (e.g. type=order:0.7)")
                             .arg(item);
            return std::nullopt;
        }
        const QString name = item.left(eq).trimmed();
        shares[name][item.mid(eq + 1, colon - eq - 1).trimmed()] += share;
        totals[name] += share;
        if (totals[name] > 1 + 1e-9) {
            if (error)
                *error = QStringLiteral("shares of attribute '%1' add up to %2, more than 1")
                             .arg(name)
                             .arg(totals[name]);
            return std::nullopt;
        }
    }
    QHash<QString, QSet<QString>> accepted; // name -> values the policy accepts
    for (const QString &raw : policy.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = raw.trimmed();
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == item.size() - 1) {
            if (error)
                *error = QStringLiteral("filter rule '%1' is not name=value (e.g. type=order)")
                             .arg(item);
            return std::nullopt;
        }
        accepted[item.left(eq).trimmed()].insert(item.mid(eq + 1).trimmed());
    }
    double match = 1;
    for (auto it = accepted.cbegin(); it != accepted.cend(); ++it) {
        double any = 0;
        for (const QString &value : it.value())
            any += shares.value(it.key()).value(value);
        match *= any;
    }
    return match;
}

} // namespace swb
