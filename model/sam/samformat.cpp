#include "model/sam/samformat.h"

#include "model/sam/samexporter.h"
#include "model/sam/samimporter.h"

#include <QFile>

namespace swb::sam {

QStringList SamFormat::suffixes() const
{
    return {QStringLiteral("yaml"), QStringLiteral("yml"), QStringLiteral("json"),
            QStringLiteral("template")};
}

bool SamFormat::canRead(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(64 * 1024);
    if (head.contains("AWSTemplateFormatVersion") || head.contains("AWS::Serverless-2016-10-31"))
        return true;
    return head.startsWith("Resources:") || head.contains("\nResources:")
           || head.contains("\"Resources\"");
}

bool SamFormat::read(const QString &path, Design *out)
{
    SamImportResult result = importSamFile(path);
    if (!result.ok())
        return fail(result.error);
    *out = result.design;
    return true;
}

bool SamFormat::write(const QString &path, const Design &design)
{
    const QString problem = checkWritablePath(path);
    if (!problem.isEmpty())
        return fail(problem);
    QString error;
    if (!writeFileAtomically(path, exportSam(design), &error))
        return fail(error);
    return true;
}

} // namespace swb::sam
