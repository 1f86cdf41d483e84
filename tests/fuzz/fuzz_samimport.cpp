// The SAM / CloudFormation importer on arbitrary YAML or JSON, with an empty folder as the
// template's folder. An imported design is valid, in range and exports to a template without
// crashing. Files outside the template's folder are none of its business: the outcome must not
// depend on whether they exist (a template may come from anyone and must not learn it), so an
// input naming the sibling folder "outside" is imported again with that folder hidden, and both
// outcomes must be the same.

#include "fuzzutil.h"

#include "model/designvalidation.h"
#include "model/sam/samexporter.h"
#include "model/sam/samimporter.h"

#include <QDir>
#include <QFile>

using namespace swb;

SWB_FUZZ_INIT

namespace {

struct Folders {
    QString root;    // swb-fuzz-sam-PID
    QString base;    // root/template: the template's folder, empty
    QString outside; // root/outside: holds present.yaml and present/
    QString hidden;  // root/outside is renamed to this for the second import
};

const Folders &folders()
{
    static const Folders f = [] {
        Folders f;
        f.root = QDir::tempPath()
                 + QStringLiteral("/swb-fuzz-sam-%1").arg(QCoreApplication::applicationPid());
        f.base = f.root + QStringLiteral("/template");
        f.outside = f.root + QStringLiteral("/outside");
        f.hidden = f.root + QStringLiteral("/hidden");
        QDir().mkpath(f.base);
        QDir().mkpath(f.outside + QStringLiteral("/present"));
        QFile file(f.outside + QStringLiteral("/present.yaml"));
        if (file.open(QIODevice::WriteOnly))
            file.write("StartAt: A\nStates: {A: {Type: Pass, End: true}}\n");
        return f;
    }();
    return f;
}

QString outcome(const sam::SamImportResult &r)
{
    return QString::number(int(r.status)) + QLatin1Char('\n') + r.error + QLatin1Char('\n')
           + r.report.toText();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text = fuzz::bytes(data, size);
    const Folders &f = folders();
    const sam::SamImportResult result =
        sam::importSamText(text, f.base, QStringLiteral("fuzz.yaml"));
    if (text.contains("outside")) {
        QDir().rename(f.outside, f.hidden);
        const sam::SamImportResult blind =
            sam::importSamText(text, f.base, QStringLiteral("fuzz.yaml"));
        QDir().rename(f.hidden, f.outside);
        fuzz::require(outcome(blind) == outcome(result),
                      "an import does not depend on files outside the template's folder",
                      outcome(result) + QStringLiteral("\n--- with the files gone:\n")
                          + outcome(blind));
    }
    if (!result.ok())
        return 0;
    fuzz::requireRefusedIfExpected(true);
    fuzz::requireDesignInRange(result.design);
    const QString problem = validateDesign(result.design);
    fuzz::require(problem.isEmpty(), "an imported design is valid", problem);
    const QByteArray exported = sam::exportSam(result.design);
    fuzz::require(!exported.isEmpty(), "an imported design exports");
    return 0;
}
