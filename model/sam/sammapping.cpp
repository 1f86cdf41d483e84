#include "model/sam/sammapping.h"

#include <QHash>

namespace swb::sam {

bool componentKindForType(const QString &resourceType, ComponentKind *kind)
{
    static const QHash<QString, ComponentKind> table = {
        {QStringLiteral("AWS::Serverless::Function"), ComponentKind::Lambda},
        {QStringLiteral("AWS::Lambda::Function"), ComponentKind::Lambda},
        {QStringLiteral("AWS::SQS::Queue"), ComponentKind::SqsQueue},
        {QStringLiteral("AWS::SNS::Topic"), ComponentKind::SnsTopic},
        {QStringLiteral("AWS::Kinesis::Stream"), ComponentKind::KinesisStream},
        {QStringLiteral("AWS::Serverless::StateMachine"), ComponentKind::StepFunctions},
        {QStringLiteral("AWS::StepFunctions::StateMachine"), ComponentKind::StepFunctions},
        {QStringLiteral("AWS::Serverless::Api"), ComponentKind::ApiGateway},
        {QStringLiteral("AWS::Serverless::HttpApi"), ComponentKind::ApiGateway},
        {QStringLiteral("AWS::ApiGateway::RestApi"), ComponentKind::ApiGateway},
        {QStringLiteral("AWS::ApiGatewayV2::Api"), ComponentKind::ApiGateway},
    };
    auto it = table.constFind(resourceType.trimmed());
    if (it == table.cend())
        return false;
    *kind = it.value();
    return true;
}

QString defaultTypeFor(ComponentKind kind, const QVariantMap &params)
{
    switch (kind) {
    case ComponentKind::Lambda:
        return QStringLiteral("AWS::Serverless::Function");
    case ComponentKind::SqsQueue:
        return QStringLiteral("AWS::SQS::Queue");
    case ComponentKind::SnsTopic:
        return QStringLiteral("AWS::SNS::Topic");
    case ComponentKind::KinesisStream:
        return QStringLiteral("AWS::Kinesis::Stream");
    case ComponentKind::StepFunctions:
        return QStringLiteral("AWS::Serverless::StateMachine");
    case ComponentKind::ApiGateway:
        return params.value(QStringLiteral("type")).toString() == QLatin1String("HTTP")
                   ? QStringLiteral("AWS::Serverless::HttpApi")
                   : QStringLiteral("AWS::Serverless::Api");
    case ComponentKind::TrafficSource:
    case ComponentKind::Downstream:
        break;
    }
    return {};
}

const QList<PropertyMapping> &propertyMappings(const QString &resourceType)
{
    using C = Conversion;
    static const QList<PropertyMapping> none;
    static const QHash<QString, QList<PropertyMapping>> table = {
        {QStringLiteral("AWS::Serverless::Function"),
         {{QStringLiteral("memory"), QStringLiteral("MemorySize"), C::Plain},
          {QStringLiteral("timeout"), QStringLiteral("Timeout"), C::Plain},
          {QStringLiteral("reservedConcurrency"), QStringLiteral("ReservedConcurrentExecutions"),
           C::Plain},
          {QStringLiteral("provisionedConcurrency"),
           QStringLiteral("ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions"),
           C::Plain},
          {QStringLiteral("architecture"), QStringLiteral("Architectures"), C::FirstOfList},
          {QStringLiteral("maxRetryAttempts"),
           QStringLiteral("EventInvokeConfig.MaximumRetryAttempts"), C::Plain},
          {QStringLiteral("maxEventAge"),
           QStringLiteral("EventInvokeConfig.MaximumEventAgeInSeconds"), C::Plain}}},
        {QStringLiteral("AWS::Lambda::Function"),
         {{QStringLiteral("memory"), QStringLiteral("MemorySize"), C::Plain},
          {QStringLiteral("timeout"), QStringLiteral("Timeout"), C::Plain},
          {QStringLiteral("reservedConcurrency"), QStringLiteral("ReservedConcurrentExecutions"),
           C::Plain},
          {QStringLiteral("architecture"), QStringLiteral("Architectures"), C::FirstOfList}}},
        {QStringLiteral("AWS::SQS::Queue"),
         {{QStringLiteral("type"), QStringLiteral("FifoQueue"), C::FifoFlag},
          {QStringLiteral("visibilityTimeout"), QStringLiteral("VisibilityTimeout"), C::Plain},
          {QStringLiteral("retentionPeriod"), QStringLiteral("MessageRetentionPeriod"), C::Plain},
          {QStringLiteral("deliveryDelay"), QStringLiteral("DelaySeconds"), C::Plain},
          {QStringLiteral("maxMessageSize"), QStringLiteral("MaximumMessageSize"), C::Plain}}},
        {QStringLiteral("AWS::SNS::Topic"),
         {{QStringLiteral("type"), QStringLiteral("FifoTopic"), C::FifoFlag}}},
        {QStringLiteral("AWS::Kinesis::Stream"),
         {{QStringLiteral("capacityMode"), QStringLiteral("StreamModeDetails.StreamMode"),
           C::StreamMode},
          {QStringLiteral("shards"), QStringLiteral("ShardCount"), C::Plain},
          {QStringLiteral("retentionHours"), QStringLiteral("RetentionPeriodHours"), C::Plain}}},
        {QStringLiteral("AWS::Serverless::StateMachine"),
         {{QStringLiteral("type"), QStringLiteral("Type"), C::UpperChoice}}},
        {QStringLiteral("AWS::StepFunctions::StateMachine"),
         {{QStringLiteral("type"), QStringLiteral("StateMachineType"), C::UpperChoice}}},
    };
    auto it = table.constFind(resourceType.trimmed());
    return it == table.cend() ? none : it.value();
}

bool toCatalogueValue(Conversion conversion, const QString &text, QVariant *value)
{
    const QString lower = text.trimmed().toLower();
    switch (conversion) {
    case Conversion::Plain:
        *value = text.trimmed();
        return true;
    case Conversion::FifoFlag:
        if (lower != QLatin1String("true") && lower != QLatin1String("false"))
            return false;
        *value =
            lower == QLatin1String("true") ? QStringLiteral("FIFO") : QStringLiteral("Standard");
        return true;
    case Conversion::FirstOfList:
        *value = text.trimmed();
        return true;
    case Conversion::StreamMode:
        if (lower == QLatin1String("on_demand"))
            *value = QStringLiteral("On-demand");
        else if (lower == QLatin1String("provisioned"))
            *value = QStringLiteral("Provisioned");
        else
            return false;
        return true;
    case Conversion::UpperChoice:
        if (lower.isEmpty())
            return false;
        *value = lower.left(1).toUpper() + lower.mid(1);
        return true;
    }
    return false;
}

CfnNode toTemplateValue(Conversion conversion, const QVariant &value)
{
    switch (conversion) {
    case Conversion::Plain:
        if (value.typeId() == QMetaType::Bool)
            return CfnNode::makeBool(value.toBool());
        if (value.typeId() == QMetaType::Double)
            return CfnNode::makeNumber(value.toDouble());
        if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
            return CfnNode::makeInteger(value.toLongLong());
        return CfnNode::makeString(value.toString());
    case Conversion::FifoFlag:
        return CfnNode::makeBool(value.toString() == QLatin1String("FIFO"));
    case Conversion::FirstOfList: {
        CfnNode list = CfnNode::makeSequence();
        list.items.push_back(CfnNode::makeString(value.toString()));
        return list;
    }
    case Conversion::StreamMode:
        return CfnNode::makeString(value.toString() == QLatin1String("On-demand")
                                       ? QStringLiteral("ON_DEMAND")
                                       : QStringLiteral("PROVISIONED"));
    case Conversion::UpperChoice:
        return CfnNode::makeString(value.toString().toUpper());
    }
    return {};
}

const QList<WireMapping> &mappingWireProperties(ComponentKind sourceKind)
{
    static const QList<WireMapping> sqs = {
        {QStringLiteral("batchSize"), QStringLiteral("BatchSize")},
        {QStringLiteral("batchingWindow"), QStringLiteral("MaximumBatchingWindowInSeconds")},
        {QStringLiteral("maximumConcurrency"), QStringLiteral("ScalingConfig.MaximumConcurrency")},
    };
    static const QList<WireMapping> kinesis = {
        {QStringLiteral("batchSize"), QStringLiteral("BatchSize")},
        {QStringLiteral("batchingWindow"), QStringLiteral("MaximumBatchingWindowInSeconds")},
        {QStringLiteral("parallelizationFactor"), QStringLiteral("ParallelizationFactor")},
        {QStringLiteral("maxRetryAttempts"), QStringLiteral("MaximumRetryAttempts")},
        {QStringLiteral("maxRecordAge"), QStringLiteral("MaximumRecordAgeInSeconds")},
        {QStringLiteral("bisectOnError"), QStringLiteral("BisectBatchOnFunctionError")},
    };
    return sourceKind == ComponentKind::KinesisStream ? kinesis : sqs;
}

QString sanitizeLogicalId(const QString &name)
{
    QString id;
    bool upperNext = true;
    for (const QChar c : name) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))) {
            id.append(upperNext ? c.toUpper() : c);
            upperNext = false;
        } else {
            upperNext = true;
        }
    }
    if (id.isEmpty() || id.front().isDigit())
        id.prepend(QStringLiteral("Block"));
    return id;
}

} // namespace swb::sam
