#pragma once

#include <QString>

#include <optional>

namespace swb {

// Share of a traffic source's messages that an SNS filter policy lets through, for the
// steady-state rates (reference/aws-behaviour.md section 3 "Filtering"). The grammar is the
// parameters' (see parametercatalogue.cpp): attributes "type=order:0.7,type=refund:0.3"
// (name=value:share, shares of one name at most 1 in all; the rest of the messages lack the
// attribute), policy "type=order, type=refund" (SNS: values of one name are OR-ed, names AND-ed;
// a message without a filtered attribute is not delivered). Different attribute names are taken
// as independent. Returns nullopt with a message naming the bad item when either text is
// malformed.
std::optional<double> filterPolicyMatchShare(const QString &policy, const QString &attributes,
                                             QString *error);

} // namespace swb
