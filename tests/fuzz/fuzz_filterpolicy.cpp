// The SNS filter-policy and message-attribute parsers on arbitrary text (the first line is the
// policy, the rest the attributes; the whole text is also parsed as either). A match share is a
// probability.

#include "fuzzutil.h"

#include "model/filterpolicy.h"

#include <QHash>

#include <cmath>

using namespace swb;

SWB_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    const qsizetype newline = text.indexOf(QLatin1Char('\n'));
    const QString policy = newline < 0 ? text : text.left(newline);
    const QString attributes = newline < 0 ? QString() : text.mid(newline + 1);
    QString error;
    const std::optional<double> share = filterPolicyMatchShare(policy, attributes, &error);
    if (share)
        fuzz::require(std::isfinite(*share) && *share >= 0 && *share <= 1 + 1e-9,
                      "a match share is a probability", QString::number(*share));
    QList<FilterRule> rules;
    parseFilterPolicy(text, &rules, &error);
    QList<AttributeValue> values;
    if (parseAttributes(text, &values, &error)) {
        // The grammar (filterpolicy.h): a share is a fraction and the shares of one name add up
        // to at most 1.
        QHash<QString, double> total;
        for (const AttributeValue &v : std::as_const(values)) {
            fuzz::require(std::isfinite(v.share) && v.share >= 0 && v.share <= 1,
                          "an attribute's share is a fraction", QString::number(v.share));
            total[v.name] += v.share;
        }
        for (double sum : std::as_const(total))
            fuzz::require(sum <= 1 + 1e-9, "the shares of one name add up to at most 1",
                          QString::number(sum));
    }
    fuzz::requireRefusedIfExpected(share.has_value(), text);
    return 0;
}
