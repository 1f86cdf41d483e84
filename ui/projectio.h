#pragma once

#include "model/atomicfile.h"

#include <QString>

namespace swb {

class Design;

// The editor's one door to the model's file formats (model/fileformat.h): the main window and the
// autosave only call these, so a change in the registry touches one file.
namespace projectio {

// Reads any registered format that can read the path; false + the reader's message otherwise.
// *isProject tells whether it was a native format, .swb or .swb.yaml (anything else is an import:
// saving it back under its own name would overwrite a template with a project database).
bool readDesign(const QString &path, Design *design, QString *error, bool *isProject = nullptr);
// Writes the project format (.swb), or its text form when the name ends in .swb.yaml, atomically;
// false + the writer's message otherwise (the old file is then untouched).
// force: replace a file of another kind or the file a link points to (model/atomicfile.h).
bool writeProject(const QString &path, const Design &design, QString *error, bool force = false);
// The output kind writeProject() writes at path (a project, or design text for .swb.yaml).
OutputKind projectKindFor(const QString &path);
// File dialog filters.
QString openFilter();
QString saveFilter();
// Adds ".swb" when the user typed a name without a suffix.
QString withProjectSuffix(const QString &path);

} // namespace projectio
} // namespace swb
