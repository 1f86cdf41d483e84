#pragma once

#include "model/design.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace swb {

// The five patterns the 2018 talk compares (resources/help/aws-behaviour.md section 8), as
// ready-made designs with a traffic source, named blocks, sensible numbers (stated in the
// description), failure handling and an auto-layout. None of them has an Error finding.
//   api-lambda         API Gateway -> Lambda -> database (sync microservice)
//   sns-fanout         SNS -> Lambda and SNS -> SQS -> Lambda, with DLQs
//   sqs-lambda         SQS -> Lambda, redrive to a DLQ
//   kinesis-lambda     Kinesis -> Lambda, on-failure SQS destination
//   api-stepfunctions  API Gateway -> Step Functions -> 3 Lambdas with retries

QStringList patternIds();                      // in the order above
QString patternTitle(const QString &id);       // empty for an unknown id
QString patternDescription(const QString &id); // empty for an unknown id
// One line on the workload the pattern suits ("Background jobs that can wait...").
QString patternUseCase(const QString &id);
// The design, built through Document edits so every value passed the catalogue's validation;
// std::nullopt for an unknown id.
std::optional<Design> makePattern(const QString &id);

} // namespace swb
