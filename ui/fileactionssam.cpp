#include "ui/fileactions.h"

#include "ui/prompter.h"

#include "model/document.h"
#include "model/sam/samexporter.h"
#include "model/sam/samimporter.h"

#include <QFileInfo>

namespace swb {

namespace {

const QString kTemplateFilter = QStringLiteral("SAM / CloudFormation template (*.yaml *.yml "
                                               "*.json *.template)");

} // namespace

bool FileActions::importSamTemplate()
{
    const QString path =
        m_prompter->openFileName(m_window, tr("Import SAM template"), QString(), kTemplateFilter);
    return !path.isEmpty() && importSamFile(path);
}

bool FileActions::importSamFile(const QString &path)
{
    if (!maybeSave())
        return false;
    const sam::SamImportResult result = sam::importSamFile(path);
    if (!result.ok()) {
        m_prompter->showError(m_window, tr("Import SAM template"),
                              tr("Cannot import %1:\n%2").arg(path, result.error));
        return false;
    }
    // No file path: Save must ask for a project name rather than overwrite the template.
    load(result.design, QString());
    m_prompter->showInformation(m_window, tr("Import report"), result.report.toText());
    Q_EMIT statusMessage(tr("Imported %1 (%2 blocks)")
                             .arg(QFileInfo(path).fileName())
                             .arg(result.design.components.size()),
                         5000);
    return true;
}

bool FileActions::exportSamTemplate()
{
    QString suggested = m_document->filePath();
    if (!suggested.isEmpty())
        suggested = QFileInfo(suggested).path() + QLatin1Char('/')
                    + QFileInfo(suggested).completeBaseName() + QStringLiteral(".yaml");
    const QString path =
        m_prompter->saveFileName(m_window, tr("Export SAM template"), suggested, kTemplateFilter);
    return !path.isEmpty() && exportSamTo(path);
}

bool FileActions::exportSamTo(const QString &path)
{
    bool force = false;
    if (!m_prompter->confirmReplace(m_window, path, OutputKind::Template, &force))
        return false;
    QString error;
    if (!sam::exportSamFile(m_document->design(), path, &error, force)) {
        m_prompter->showError(m_window, tr("Export SAM template"),
                              tr("Cannot export to %1:\n%2").arg(path, error));
        return false;
    }
    Q_EMIT statusMessage(tr("Exported SAM template %1").arg(QFileInfo(path).fileName()), 5000);
    return true;
}

} // namespace swb
