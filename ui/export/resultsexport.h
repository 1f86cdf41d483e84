#pragma once
// File > Export > Results...: the current run's time series as CSV or JSON, in the
// format `swb simulate --out` writes (sim/resultswriter.h documents the columns and units).

#include "sim/runresults.h"

namespace swb {

class Design;
class FrameStore;
class PricingCatalogue;
class MainWindow;

// The run held by a FrameStore as RunResults: its catalogue, every frame's values, the summary
// when the run finished, the design's name and seed, and the simulated time covered so far as
// the duration; priced with priceRun (so monthlyCostUsd and catalogueDate are filled). A run
// still in progress gives the bins so far (ok is false when there is no frame at all).
RunResults runResultsFromStore(const FrameStore &store, const Design &design,
                               const PricingCatalogue &catalogue);

// Asks for a file name (the window's Prompter) and writes the window's current run there; an
// error dialog when there is no run or the write fails, a status-bar message on success.
void exportResultsFromWindow(MainWindow *window);

} // namespace swb
