#pragma once

// AWS event patterns (the JSON that selects events for a rule, and the syntax Lambda event
// filtering shares) <-> the model's exact-match filter text (model/filterpolicy.h): the text
// "type=order, type=refund" is the pattern {"detail": {"type": ["order", "refund"]}}. A name of
// the event's envelope (source, detail-type, account, region, resources, id, time, version) sits
// at the top level, a dotted name nests under detail. Only exact string values are modelled.

#include "model/sam/cfnnode.h"

#include <QString>

#include <optional>

namespace swb::sam {

// The pattern every event matches (a prefix "" on source): what no filter text is written as.
CfnNode matchAllEventPattern();
// The template pattern of a filter text (empty: match all); nullopt when the text does not parse.
std::optional<CfnNode> eventPatternNode(const QString &text);
// The filter text of a template pattern (a map, or JSON in a string); an empty text for the
// match-all pattern; nullopt when it uses more than exact values (prefix, numeric,
// anything-but...).
std::optional<QString> eventPatternText(const CfnNode &node);

class ImportContext;
// eventPatternText of the pattern a template holds at `where`; nullopt (noted in the import
// report: the pattern stays as written) when absent or more than exact values.
std::optional<QString> readEventPattern(ImportContext &x, const CfnNode *pattern,
                                        const QString &where);

} // namespace swb::sam
