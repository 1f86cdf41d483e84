#pragma once
// The registry of service modules: the one list of them, in palette order (= ComponentKind
// order). Layers look a kind's facts up here instead of switching on the kind.

#include "model/services/servicemodule.h"

namespace swb {

const ServiceModule &serviceModule(ComponentKind kind);
const QList<const ServiceModule *> &serviceModules();
const ServiceModule *serviceModuleById(const QString &id);

} // namespace swb
