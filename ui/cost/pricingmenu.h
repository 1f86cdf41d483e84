#pragma once
// Settings > Pricing Catalogue...: the user chooses the catalogue file (JSON, the format of
// resources/pricing/us-east-1.json) that every price in the application uses: the cost panel's
// estimate and live bill, the charts' cost, exports and the Compare window
// (ui/cost/pricingsource.h). Settings > Use Built-in Prices goes back to the shipped catalogue.

class QMenu;

namespace swb {

class MainWindow;

// Adds the Settings menu (before Help) to the window's menu bar and returns it.
QMenu *addPricingMenu(MainWindow *window);

} // namespace swb
