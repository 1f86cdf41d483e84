#pragma once

#include "model/design.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace swb {

// The bundled patterns: the five the 2018 talk compares (resources/help/aws-behaviour.md section 8)
// and today's event router, as ready-made designs with a traffic source, named blocks, sensible
// numbers (stated in the description), failure handling and a layout. None of them has an Error
// or Warning finding. They are data: resources/patterns/patterns.yaml lists them (id, title,
// description, use case) and <id>.swb.yaml holds each design in the text format, so a pattern for
// a new service touches no code.

QStringList patternIds();                      // in the index's order
QString patternTitle(const QString &id);       // empty for an unknown id
QString patternDescription(const QString &id); // empty for an unknown id
// One line on the workload the pattern suits ("Background jobs that can wait...").
QString patternUseCase(const QString &id);
// The design, read like a user's file so every value passed the catalogue's validation;
// std::nullopt for an unknown id (or a bundled file that does not read, with a warning).
std::optional<Design> makePattern(const QString &id);

} // namespace swb
