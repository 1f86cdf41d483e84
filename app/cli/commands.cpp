#include "commands.h"

namespace swb::cli {

const QList<Command> &commands()
{
    static const QList<Command> list = {
        {"validate", "validate FILE", "check a design and list its findings (exit 1 on errors)",
         &runValidate},
        {"cost", "cost FILE [--no-free-tier] [--format table|csv|json]",
         "monthly cost per component and billing dimension", &runCost},
        {"new", "new --pattern NAME FILE", "create a project from a bundled pattern", &runNew},
    };
    return list;
}

} // namespace swb::cli
