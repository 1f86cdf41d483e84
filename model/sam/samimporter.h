#pragma once

#include "model/design.h"
#include "model/sam/importreport.h"

#include <QByteArray>
#include <QString>

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
SamImportResult importSamFile(const QString &path);
// baseDir locates the files the template references (CodeUri, DefinitionUri, ...).
SamImportResult importSamText(const QByteArray &text, const QString &baseDir,
                              const QString &sourceName = QString());

} // namespace swb::sam
