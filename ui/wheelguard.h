#pragma once

class QWidget;

namespace swb {

// Makes the mouse wheel over a value widget (combo box, spin box) in a scrolling form scroll
// the form unless the widget has keyboard focus: a user scrolling down a panel must not change
// an answer they only passed over. The widget no longer takes focus from the wheel either
// (Qt::StrongFocus); a click or Tab focuses it, and then the wheel changes it as usual.
void guardWheel(QWidget *widget);

} // namespace swb
