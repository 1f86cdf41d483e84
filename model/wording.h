#pragma once

#include <QString>

namespace swb {

// The noun with "a" or "an" before it, by how it is said: "an SQS queue", "an API Gateway",
// "a Lambda function", "an on-failure destination". An initialism counts by its first letter's
// name (S is "ess", so "an SNS topic"; but "a Kinesis stream"). capital: "An ..." / "A ...".
QString withArticle(const QString &noun, bool capital = false);

// "1 block", "3 blocks", "0 errors": the count with the noun in the right number (plural
// defaults to the singular plus "s").
QString counted(qint64 n, const QString &singular, const QString &plural = {});

} // namespace swb
