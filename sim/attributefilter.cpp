#include "sim/attributefilter.h"

#include <QSet>

#include <cmath>

namespace swb {

namespace {

constexpr std::uint32_t kMaxBuckets = 64; // the core's mask is 64 bits wide

// Bucket counts per value for n buckets; the total never exceeds n.
QList<std::uint32_t> countsFor(const QList<AttributeValue> &values, std::uint32_t n,
                               double *worstError) {
    QList<std::uint32_t> counts;
    std::uint32_t used = 0;
    *worstError = 0;
    for (const AttributeValue &v : values) {
        auto k = std::uint32_t(std::lround(v.share * n));
        if (used + k > n)
            k = n - used;
        used += k;
        counts.append(k);
        *worstError = std::max(*worstError, std::abs(v.share - double(k) / n));
    }
    return counts;
}

} // namespace

bool parseAttributes(const QString &text, QList<AttributeValue> *out, QString *error) {
    out->clear();
    double total = 0;
    const QStringList items = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &raw : items) {
        const QString item = raw.trimmed();
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const qsizetype colon = item.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const double share = colon > eq ? item.mid(colon + 1).trimmed().toDouble(&ok) : 0;
        if (eq <= 0 || colon <= eq + 1 || !ok || share < 0 || share > 1) {
            *error = QStringLiteral("attribute '%1' is not name=value:share with a share "
                                    "between 0 and 1 (e.g. type=order:0.7)")
                         .arg(item);
            return false;
        }
        total += share;
        out->append({item.left(eq).trimmed(), item.mid(eq + 1, colon - eq - 1).trimmed(), share});
    }
    if (total > 1.0 + 1e-9) {
        *error = QStringLiteral("attribute shares add up to %1, more than 1").arg(total);
        return false;
    }
    return true;
}

bool parseFilterPolicy(const QString &text, QList<FilterRule> *out, QString *error) {
    out->clear();
    const QStringList items = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &raw : items) {
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

bool makeBuckets(const QList<AttributeValue> &values, AttributeBuckets *out) {
    *out = {};
    QSet<QString> names;
    for (const AttributeValue &v : values)
        names.insert(v.name);
    if (names.size() != 1)
        return false;
    // The smallest bucket count that represents every share exactly, else the closest one.
    std::uint32_t best = kMaxBuckets;
    double bestError = 2;
    for (std::uint32_t n = 1; n <= kMaxBuckets; ++n) {
        double err = 0;
        countsFor(values, n, &err);
        if (err < bestError - 1e-12) {
            bestError = err;
            best = n;
        }
        if (err < 1e-9)
            break;
    }
    double err = 0;
    const QList<std::uint32_t> counts = countsFor(values, best, &err);
    out->count = best;
    for (int i = 0; i < counts.size(); ++i) {
        for (std::uint32_t k = 0; k < counts[i]; ++k)
            out->valueOfBucket.append(i);
    }
    while (std::uint32_t(out->valueOfBucket.size()) < best)
        out->valueOfBucket.append(-1);
    return true;
}

std::uint64_t filterMask(const QList<AttributeValue> &values, const AttributeBuckets &buckets,
                         const QList<FilterRule> &policy) {
    // AND over names: with one attribute name in the traffic, a rule naming another attribute
    // never matches (SNS does not deliver when a filtered attribute is absent).
    std::uint64_t mask = buckets.count >= 64 ? ~0ull : ((1ull << buckets.count) - 1);
    QSet<QString> names;
    for (const FilterRule &r : policy)
        names.insert(r.name);
    for (const QString &name : names) {
        std::uint64_t accepted = 0;
        for (int b = 0; b < buckets.valueOfBucket.size(); ++b) {
            const int vi = buckets.valueOfBucket[b];
            if (vi < 0 || values[vi].name != name)
                continue;
            for (const FilterRule &r : policy) {
                if (r.name == name && r.value == values[vi].value)
                    accepted |= 1ull << b;
            }
        }
        mask &= accepted;
    }
    return mask;
}

double matchProbability(const QList<AttributeValue> &values, const QList<FilterRule> &policy) {
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

} // namespace swb
