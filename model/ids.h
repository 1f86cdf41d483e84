#pragma once

#include <QtGlobal>

namespace swb {

// Stable identifiers. They are allocated by a Design, never reused within it, survive undo,
// delete and save/load, and are the only way other layers refer to model objects.
using ComponentId = qint64;
using ConnectionId = qint64;
using FaultId = qint64;
constexpr qint64 InvalidId = 0;

} // namespace swb
