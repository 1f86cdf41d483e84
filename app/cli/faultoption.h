#pragma once
// --fault KIND[:BLOCK]@START+DURATION, worded and parsed once for `swb simulate` and `swb compare`
// (the kinds of comparisonFaultKinds()); both place the result with injectFault
// (sim/comparison.h), so a fault lands on the same block in both.

#include "cli.h"

namespace swb {
struct ComparisonFault;
}

namespace swb::cli {

OptionSpec faultOption();
// Parses --fault's value into *fault; returns the problem (naming the accepted form) or "".
QString parseFaultOption(const QString &text, ComparisonFault *fault);

} // namespace swb::cli
