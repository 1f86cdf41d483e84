#pragma once
// Measured usage of a run held in a FrameStore, up to a bin, priced exactly as sim/runcost.cpp
// prices a finished headless run (measuredCostReport): the Sum series are totalled bin by bin in
// bin order (the same order RunResults totals them, so a whole run gives the same dollars) and
// handed over as a one-bin RunResults covering the elapsed simulated time.

#include "model/costmodel.h"
#include "sim/seriescatalog.h"

#include <QList>

namespace swb {

class Design;
class FrameStore;
class PricingCatalogue;

// Totals of every series over bins [0, lastBin]; empty when the store has no such bin.
QList<double> seriesTotals(const FrameStore &store, qint64 lastBin);

// Projected monthly bill (730 h) of usage `totals` measured over `seconds` of simulated time.
// An empty report when seconds <= 0.
CostReport projectedCostReport(const Design &design, const SeriesCatalog &catalog,
                               const QList<double> &totals, double seconds,
                               const PricingCatalogue &catalogue);

} // namespace swb
