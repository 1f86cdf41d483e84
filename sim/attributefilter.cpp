#include "sim/attributefilter.h"

#include <QSet>

#include <cmath>

namespace swb {

namespace {

constexpr std::uint32_t kMaxBuckets = 64; // the core's mask is 64 bits wide

// Bucket counts per value for n buckets; the total never exceeds n.
QList<std::uint32_t> countsFor(const QList<AttributeValue> &values, std::uint32_t n,
                               double *worstError)
{
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

bool makeBuckets(const QList<AttributeValue> &values, AttributeBuckets *out)
{
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
                         const QList<FilterRule> &policy)
{
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

} // namespace swb
