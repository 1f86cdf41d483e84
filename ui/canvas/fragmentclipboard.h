#pragma once

#include "model/design.h"

#include <optional>

class QMimeData;

namespace swb {

// Copy/paste of design fragments through the system clipboard, as designjson.h JSON under
// kDesignFragmentMime (and as plain text, so a fragment can be inspected or mailed). Because it
// goes through the clipboard it also works between two windows or documents of the app.
namespace fragmentclipboard {

// The selected blocks, the wires between them and their faults, as a self-contained design.
Design makeFragment(const Design &design, const QList<ComponentId> &components);

QMimeData *toMimeData(const Design &fragment);
// nullopt when there is no fragment on the clipboard (error empty) or it is malformed (error says
// what and where).
std::optional<Design> fromMimeData(const QMimeData *mime, QString *error);

void copy(const Design &fragment);
std::optional<Design> paste(QString *error);

} // namespace fragmentclipboard
} // namespace swb
