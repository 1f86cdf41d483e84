#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace swb {

// SNS message attributes and filter policies in the parameters' grammar (see
// parametercatalogue.cpp; resources/help/aws-behaviour.md section 3 "Filtering"): a traffic
// source's attributes "type=order:0.7,type=refund:0.3" (name=value:share; the shares of one name
// add up to at most 1, the rest of the messages lack that attribute), a subscription's policy
// "type=order, type=refund" (SNS: values of one name are OR-ed, names AND-ed; a message without a
// filtered attribute is not delivered). Different attribute names are taken as independent.
// Shared by the cost model's steady-state rates and the simulator's scenario builder.

struct AttributeValue {
    QString name;
    QString value;
    double share = 0;
};

struct FilterRule {
    QString name;
    QString value;
};

// Parse the two texts. Return false with a message naming the bad item.
bool parseAttributes(const QString &text, QList<AttributeValue> *out, QString *error);
bool parseFilterPolicy(const QString &text, QList<FilterRule> *out, QString *error);

// Probability that a message matches the policy.
double matchProbability(const QList<AttributeValue> &values, const QList<FilterRule> &policy);

// Both texts parsed and matched; nullopt with the parser's message when either is malformed.
std::optional<double> filterPolicyMatchShare(const QString &policy, const QString &attributes,
                                             QString *error);

} // namespace swb
