#pragma once

#include "model/fileformat.h"

namespace swb::sam {

// SAM / CloudFormation templates as a FileFormat, so File > Open and `swb` commands accept them.
// read() discards the import report; callers that show it (File > Import SAM template...,
// `swb import`) call importSamFile() from samimporter.h instead.
class SamFormat : public FileFormat
{
public:
    QString id() const override { return QStringLiteral("sam"); }
    QString displayName() const override { return QStringLiteral("SAM / CloudFormation template"); }
    QStringList suffixes() const override;
    // Sniffs the first 64 KB for AWSTemplateFormatVersion, the Serverless transform or a
    // top-level Resources key.
    bool canRead(const QString &path) const override;
    bool canWrite() const override { return true; }
    bool read(const QString &path, Design *out) override;
    bool write(const QString &path, const Design &design) override;
};

} // namespace swb::sam
