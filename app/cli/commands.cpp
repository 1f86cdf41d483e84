#include "commands.h"

namespace swb::cli {

const QList<Command> &commands()
{
    static const QList<Command> list = {
        {"validate", "validate FILE", "check a design and list its findings (exit 1 on errors)",
         &runValidate},
        {"cost",
         "cost FILE [--no-free-tier] [--new-account] [--format table|csv|json] [--pricing JSON]",
         "monthly cost per component and billing dimension", &runCost},
        {"new", "new --pattern NAME FILE", "create a project from a bundled pattern", &runNew},
        {"simulate",
         "simulate FILE --duration 1h [--seed N] [--out results.json|results.csv] "
         "[--set COMPONENT.PARAM=VALUE ...]",
         "run the simulation, print a summary per block, write the time series", &runSimulate},
        {"set", "set FILE COMPONENT.PARAM=VALUE... [--out OTHER]",
         "change parameters from a script, validated like GUI edits", &runSet},
        {"convert", "convert IN OUT",
         "convert a design between formats (.swb project, .swb.yaml text)", &runConvert},
        {"sweep",
         "sweep FILE --vary COMPONENT.PARAM=a,b,c [--vary ...] --duration D [--seeds N] "
         "[--threads N] [--out table.csv|table.json]",
         "run a grid of what-ifs over seeds in parallel; headline figures with 95% intervals",
         &runSweep},
        {"compare",
         "compare FILE FILE... [--rate R] [--pattern P] [--duration D] [--seed N] "
         "[--fault KIND@START+DURATION] [--csv]",
         "run the same traffic and fault through several designs; one table", &runCompare},
        {"check",
         "check FILE [--budget 500/month] [--p99 300ms] [--no-loss] [--baseline OTHER] "
         "[--duration D] [--seed N] [--markdown]",
         "fail (exit 1) when a design breaks its budget, latency or loss gates", &runCheck},
        {"import", "import TEMPLATE OUT.swb [--force]",
         "import a SAM / CloudFormation template (YAML or JSON) and print the import report",
         &runImport},
        {"export",
         "export sam FILE OUT.yaml | export cost FILE OUT.csv|xlsx|pdf "
         "[--from-results RESULTS.json] [--no-free-tier] | "
         "export diagram FILE OUT.svg|png|pdf [--scale N] [--transparent] [--select A,B] "
         "[--no-title] [--no-legend] [--title TEXT] [--date YYYY-MM-DD]",
         "export a design as a SAM template, its monthly cost as a sheet, or its diagram",
         &runExport},
    };
    return list;
}

} // namespace swb::cli
