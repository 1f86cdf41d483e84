#pragma once
// Private to the text format (textformat.cpp, textformatkeys.cpp): includes yaml-cpp, which only
// swb_model links.

#include <QString>

#include <yaml-cpp/yaml.h>

namespace swb::textformat {

// "design.swb.yaml:14:5", the place every message starts with.
QString where(const QString &source, const YAML::Mark &mark);

// Refuses keys the format does not have, at every level: the top-level sections, the fields of
// blocks, wires and faults, the settings and every block's and wire's parameters (the catalogue
// of its kind). The message names the place and the nearest valid key ("design.swb.yaml:14:5:
// block 'worker' has no key 'parms' (did you mean 'params'?)"). Empty when every key is known.
// Values are not checked here: designFromJson() does that with the project file's messages.
QString checkKeys(const YAML::Node &root, const QString &source);

} // namespace swb::textformat
