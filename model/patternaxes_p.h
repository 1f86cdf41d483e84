#pragma once

// Private to model/patternaxes*.cpp.

#include "model/patternaxes.h"

namespace swb::axes {

QString count(double value);  // 10000 -> "10,000", grouped like AWS's own pages
QString span(double seconds); // in the unit a person would use: "30 s", "6 h", "4 days"

// The pricing row, one cell per channel, from the catalogue's dimensions.
QList<AxisCell> pricingRow(const PricingCatalogue &prices);

} // namespace swb::axes
