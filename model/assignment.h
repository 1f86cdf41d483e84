#pragma once

#include "model/document.h"

namespace swb {

// A scripted edit "COMPONENT.PARAM=VALUE" (or "project.KEY=VALUE"), as `swb set`, `swb simulate
// --set` and `swb sweep --vary` take them. Applied through the Document, so it is validated and
// worded exactly like an edit in the inspector.
struct Assignment {
    QString target; // block name, or "project"
    QString key;
    QString value;

    QString text() const { return target + QLatin1Char('.') + key + QLatin1Char('=') + value; }
};

// Splits at the first '=' and the last '.' before it, so block names may contain dots.
// Returns the problem, or an empty string.
QString parseAssignment(const QString &text, Assignment *out);

// Applies it as one undo command. Returns the problem (unknown block with the list of names,
// unknown parameter, value out of range with the allowed range), or an empty string.
QString applyAssignment(Document *document, const Assignment &assignment);

// The same on a plain design (a copy is edited through a temporary Document).
QString applyAssignments(Design *design, const QList<Assignment> &assignments);

} // namespace swb
