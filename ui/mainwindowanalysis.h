#pragma once
// MainWindow's analysis docks: Charts, Cost, Faults and Advisor. Installed by one call in
// the MainWindow constructor after the playback session exists (they read its FrameStore).

#include <QDockWidget>

namespace swb {

class MainWindow;

struct AnalysisDocks {
    QDockWidget *charts = nullptr;  // objectName "chartsDock", widget: ChartsPanel
    QDockWidget *cost = nullptr;    // "costDock", CostPanel
    QDockWidget *faults = nullptr;  // "faultsDock", FaultsPanel
    QDockWidget *advisor = nullptr; // "advisorDock", AdvisorPanel
};

AnalysisDocks setupAnalysisDocks(MainWindow *window);

} // namespace swb
