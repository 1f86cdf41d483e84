#pragma once
// Money and quantities as the cost panel and the charts print them: "$50.55", "-$0.72",
// "$1,234.56" (cents, rounded as the bill rounds them, sign before the dollar sign), "<$0.01" for
// a non-zero amount under half a cent; quantities "1,000,000", "12.5".

#include <QString>

namespace swb {

QString formatUsd(double usd);
QString formatQuantity(double value);

} // namespace swb
