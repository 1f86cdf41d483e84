#pragma once

#include "model/design.h"
#include "model/sam/importreport.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace swb::sam {

// Result of reading a SAM / CloudFormation template into a design.
struct SamImportResult {
    enum class Status {
        Ok,          // design built; the report may still hold warnings
        Unreadable,  // the file cannot be read or is above the size bound
        NotTemplate, // malformed YAML/JSON, hostile structure, or no Resources section
    };
    Status status = Status::Ok;
    QString error; // what and where ("template.yaml: line 3, column 7: ...")
    Design design;
    ImportReport report;

    bool ok() const { return status == Status::Ok; }
};

// Imports a template (YAML or JSON, short tags included). Modelled resources become blocks,
// references between them wires (checked by wiringrules.h: an illegal wire is reported, not
// made); everything else is kept in Component::extra / Design::extra for export and listed in the
// report. Parameter defaults resolve !Ref'd values; values outside the catalogue range are
// clamped and reported. No traffic source is created (the report says where to add one), unless
// the template was exported by the workbench (Metadata.ServerlessWorkbench restores blocks that
// are not AWS resources, names, positions and simulation-only parameters). Blocks without a
// stored position are placed by autoLayout().
// "t.yaml is 5.2 MB; templates above 4 MB are refused (...)": the size refusal of the importer
// and of the exporter alike.
QString templateSizeMessage(const QString &path, qint64 bytes);

// The template must be a regular file of at most 4 MB. Files it references (CodeUri,
// DefinitionUri, ...) are looked at only inside its folder (baseDir) or allowedDirs
// (model/referencedfile.h): a template may come from anyone.
SamImportResult importSamFile(const QString &path, const QStringList &allowedDirs = {});
SamImportResult importSamText(const QByteArray &text, const QString &baseDir,
                              const QString &sourceName = QString(),
                              const QStringList &allowedDirs = {});

} // namespace swb::sam
