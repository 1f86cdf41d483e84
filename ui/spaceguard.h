#pragma once

class QWidget;

namespace swb {

// Space is the window-wide Play / Pause shortcut, and Qt gives a window shortcut precedence
// over a focused button, check box, list or combo box (they do not claim the key), so Space on a
// focused Create button or inspector check box played the simulation instead of pressing it.
// This keeps Space (without modifiers) for such a focused control in `window` (docks included);
// elsewhere, on the canvas for one, Space still plays.
void keepSpaceForFocusedControls(QWidget *window);

} // namespace swb
