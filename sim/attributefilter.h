#pragma once
// SNS message attributes and filter policies as the core sees them (aws-behaviour.md §3
// "Filtering"): the core draws one attribute value per message uniformly from [0, valueCount) and a
// subscription accepts the values whose bit is set in its mask. A traffic source's
// "name=value:share" list is turned into buckets (each value gets a number of equal buckets
// proportional to its share, at most 64 in all); a filter policy "name=value, name=value2" (SNS:
// values of one name are OR-ed, different names AND-ed) accepts the buckets of its values. Parsing
// and match probabilities are the model's (model/filterpolicy.h); this file only adds the
// bucketing.

#include "model/filterpolicy.h"

#include <QList>
#include <QString>

#include <cstdint>

namespace swb {

// Bucketing of one source's attribute values: bucket i carries value valueOfBucket[i]
// (-1 = the message has no such attribute, for shares summing below 1).
struct AttributeBuckets {
    std::uint32_t count = 0;
    QList<int> valueOfBucket; // index into the parsed list, or -1
};

// True when the values use a single attribute name (then masks are exact up to the 1/64 rounding
// of shares); false when there are several names (use matchProbability instead).
bool makeBuckets(const QList<AttributeValue> &values, AttributeBuckets *out);
std::uint64_t filterMask(const QList<AttributeValue> &values, const AttributeBuckets &buckets,
                         const QList<FilterRule> &policy);

} // namespace swb
