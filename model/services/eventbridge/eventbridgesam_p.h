#pragma once

// Internal to EventBridge's SAM mapping (eventbridgesam.cpp: event patterns and the export;
// eventbridgesamimport.cpp: the import).

#include "model/parameter.h"
#include "model/sam/cfnnode.h"
#include "model/sam/samservice.h"

#include <optional>

namespace swb::eventbridge::samform {

using sam::CfnNode;

// Wire origin: a target in the Targets of an AWS::Events::Rule resource.
inline const QString kRuleOrigin = QStringLiteral("rule");
inline const QString kLambdaPrincipal = QStringLiteral("events.amazonaws.com");
// Wire extras: the logical id and the resource of a function target's imported permission.
inline const QString kPermissionKey = QStringLiteral("sam.permission");
inline const QString kPermissionNode = QStringLiteral("sam.permissionNode");

CfnNode str(const QString &text);
CfnNode parseKept(const QVariant &text); // kept YAML text; an empty map when none
QString yamlText(const CfnNode &node);
const QList<ParamSpec> &targetSpecs(); // a rule target wire's parameters

// Event patterns: the model's exact-match text <-> a template pattern (eventbridgesam.cpp).
CfnNode matchAllPattern();
std::optional<CfnNode> patternNode(const QString &text); // nullopt: the text does not parse
std::optional<QString> patternText(const CfnNode &node); // nullopt: more than exact values

void importWires(sam::ImportContext &x);

} // namespace swb::eventbridge::samform
