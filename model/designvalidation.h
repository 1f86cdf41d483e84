#pragma once

#include "model/design.h"

namespace swb {

// The one check every reader (project file, clipboard JSON, later YAML and SAM) runs before a
// design reaches a Document, so a damaged or hand-edited file is refused with the same message
// wherever it comes from.
//
// normalizeDesign() brings every stored value to its catalogue type (Integer -> qlonglong, Real ->
// double, Boolean -> bool, Choice/Text -> QString, so "30" or 30.0 both become 30LL), adds
// catalogue keys the input lacks with AWS's default (files written before a knob existed stay
// readable), and checks the invariants the rest of the program relies on:
//   - every parameter and setting is a catalogue key with a value in its documented range
//     (the message names the block or wire, the parameter, the value and the allowed range, as
//     Document edits do);
//   - ids are positive, unique across blocks, wires and faults, below nextId, and equal to
//     their map key;
//   - block names are non-empty and unique; positions are finite;
//   - both ends of every wire exist, no wire loops on one block, no wire is duplicated;
//   - every fault passes validateFault().
// The AWS wiring rules (checkWire) are deliberately not enforced here: an edit such as switching a
// dead-letter queue to FIFO can make an existing wire illegal, and refusing to reopen that file
// would lose the user's work. They are findings for validation instead.
//
// Returns the first problem found, or an empty string. On failure *design is partly normalised.
QString normalizeDesign(Design *design);

// The same checks on a copy: empty when the design is valid as it stands.
QString validateDesign(const Design &design);

} // namespace swb
