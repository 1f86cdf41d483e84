#include "model/sam/samformat.h"

#include "model/sam/samexporter.h"
#include "model/sam/samimporter.h"

#include "model/referencedfile.h"

namespace swb::sam {

QStringList SamFormat::suffixes() const
{
    return {QStringLiteral("yaml"), QStringLiteral("yml"), QStringLiteral("json"),
            QStringLiteral("template")};
}

bool SamFormat::canRead(const QString &path) const
{
    const std::optional<QByteArray> bytes = readFileHead(path, 64 * 1024);
    if (!bytes)
        return false;
    const QByteArray &head = *bytes;
    if (head.contains("AWSTemplateFormatVersion") || head.contains("AWS::Serverless-2016-10-31"))
        return true;
    return head.startsWith("Resources:") || head.contains("\nResources:")
           || head.contains("\"Resources\"");
}

bool SamFormat::read(const QString &path, Design *out)
{
    SamImportResult result = importSamFile(path, allowedDirectories());
    if (!result.ok())
        return fail(result.error);
    *out = result.design;
    return true;
}

bool SamFormat::write(const QString &path, const Design &design)
{
    QString error;
    if (!exportSamFile(design, path, &error, force()))
        return fail(error);
    return true;
}

} // namespace swb::sam
