#pragma once

#include <QString>

namespace swb {

class Design;

// The editor's one door to the model's file formats (model/fileformat.h): the main window and the
// autosave only call these, so a change in the registry touches one file.
namespace projectio {

// Reads any registered format that can read the path; false + the reader's message otherwise.
bool readDesign(const QString &path, Design *design, QString *error);
// Writes the project format (.swb), atomically; false + the writer's message otherwise (the old
// file is then untouched).
bool writeProject(const QString &path, const Design &design, QString *error);
// File dialog filters.
QString openFilter();
QString saveFilter();
// Adds ".swb" when the user typed a name without a suffix.
QString withProjectSuffix(const QString &path);

} // namespace projectio
} // namespace swb
