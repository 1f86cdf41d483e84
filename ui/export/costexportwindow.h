#pragma once
// File > Export > Cost Sheet...: CSV, XLSX or PDF by the chosen file name. The bill is
// the current run's measured usage when a run is loaded and still matches the design, otherwise
// the analytic estimate; the status bar says which.

namespace swb {

class MainWindow;

void exportCostFromWindow(MainWindow *window);

} // namespace swb
