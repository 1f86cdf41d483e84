#include "model/filterpolicy.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace swb {

bool parseAttributes(const QString &text, QList<AttributeValue> *out, QString *error)
{
    out->clear();
    QHash<QString, double> totals; // per attribute name
    for (const QString &raw : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = raw.trimmed();
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const qsizetype colon = item.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const double share = colon > eq ? item.mid(colon + 1).trimmed().toDouble(&ok) : 0;
        // !(0 <= share <= 1) also refuses "nan", which QString::toDouble accepts.
        if (eq <= 0 || colon <= eq + 1 || !ok || !(share >= 0 && share <= 1)) {
            *error = QStringLiteral("attribute '%1' is not name=value:share with a share "
                                    "between 0 and 1 (e.g. type=order:0.7)")
                         .arg(item);
            return false;
        }
        const QString name = item.left(eq).trimmed();
        totals[name] += share;
        if (totals[name] > 1 + 1e-9) {
            *error = QStringLiteral("shares of attribute '%1' add up to %2, more than 1")
                         .arg(name)
                         .arg(totals[name]);
            return false;
        }
        out->append({name, item.mid(eq + 1, colon - eq - 1).trimmed(), share});
    }
    return true;
}

bool parseFilterPolicy(const QString &text, QList<FilterRule> *out, QString *error)
{
    out->clear();
    for (const QString &raw : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = raw.trimmed();
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == item.size() - 1) {
            *error =
                QStringLiteral("filter rule '%1' is not name=value (e.g. type=order)").arg(item);
            return false;
        }
        out->append({item.left(eq).trimmed(), item.mid(eq + 1).trimmed()});
    }
    return true;
}

double matchProbability(const QList<AttributeValue> &values, const QList<FilterRule> &policy)
{
    QSet<QString> names;
    for (const FilterRule &r : policy)
        names.insert(r.name);
    double p = 1;
    for (const QString &name : names) {
        double share = 0;
        for (const AttributeValue &v : values) {
            if (v.name != name)
                continue;
            for (const FilterRule &r : policy) {
                if (r.name == name && r.value == v.value) {
                    share += v.share;
                    break;
                }
            }
        }
        p *= share;
    }
    return p;
}

std::optional<double> filterPolicyMatchShare(const QString &policy, const QString &attributes,
                                             QString *error)
{
    QList<AttributeValue> values;
    QList<FilterRule> rules;
    QString why;
    if (!parseAttributes(attributes, &values, &why) || !parseFilterPolicy(policy, &rules, &why)) {
        if (error)
            *error = why;
        return std::nullopt;
    }
    return matchProbability(values, rules);
}

} // namespace swb
