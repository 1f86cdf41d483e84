#include "model/sam/sammapping.h"

#include "model/sam/samservice.h"

#include "model/services/registry.h"

#include <QHash>

#include <algorithm>
#include <cmath>

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
    const QString type = resourceType.trimmed();
    auto it = table.constFind(type);
    if (it != table.cend()) {
        *kind = it.value();
        return true;
    }
    // A service with template forms of its own is known by the type it exports.
    for (const ServiceModule *m : serviceModules()) {
        if (m->sam && m->samType && m->samType({}) == type) {
            *kind = m->kind;
            return true;
        }
    }
    return false;
}

const SamTask *taskForm(ComponentKind kind)
{
    const ServiceSam *own = serviceModule(kind).sam;
    return own ? own->task : nullptr;
}

QString defaultTypeFor(ComponentKind kind, const QVariantMap &params)
{
    const ServiceModule &m = serviceModule(kind);
    return m.samType ? m.samType(params) : QString();
}

namespace {

// Stage-wide throttling (token bucket rate and burst) under a REST API's all-methods
// MethodSettings entry or an HTTP API's DefaultRouteSettings; both become the stage's settings in
// SAM. ThrottlingBurstLimit is an integer in CloudFormation, ThrottlingRateLimit a double.
QList<PropertyMapping> stageThrottling(const QString &prefix)
{
    return {{QStringLiteral("rateLimit"), prefix + QStringLiteral("ThrottlingRateLimit"),
             Conversion::Plain},
            {QStringLiteral("burstLimit"), prefix + QStringLiteral("ThrottlingBurstLimit"),
             Conversion::WholeNumber}};
}

} // namespace

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
          {QStringLiteral("maxMessageSize"), QStringLiteral("MaximumMessageSize"), C::Plain},
          // High-throughput mode needs both; the importer reads DeduplicationScope last, so a
          // template that sets only one of them imports as the normal mode AWS then runs.
          {QStringLiteral("highThroughput"), QStringLiteral("FifoThroughputLimit"),
           C::ThroughputLimit},
          {QStringLiteral("highThroughput"), QStringLiteral("DeduplicationScope"),
           C::DeduplicationScope}}},
        {QStringLiteral("AWS::SNS::Topic"),
         {{QStringLiteral("type"), QStringLiteral("FifoTopic"), C::FifoFlag}}},
        {QStringLiteral("AWS::Kinesis::Stream"),
         {{QStringLiteral("capacityMode"), QStringLiteral("StreamModeDetails.StreamMode"),
           C::StreamMode},
          {QStringLiteral("shards"), QStringLiteral("ShardCount"), C::Plain},
          {QStringLiteral("retentionHours"), QStringLiteral("RetentionPeriodHours"), C::Plain}}},
        {QStringLiteral("AWS::Serverless::Api"),
         stageThrottling(QStringLiteral("MethodSettings[*]."))},
        {QStringLiteral("AWS::Serverless::HttpApi"),
         stageThrottling(QStringLiteral("DefaultRouteSettings."))},
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
    case Conversion::WholeNumber:
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
    case Conversion::ThroughputLimit:
    case Conversion::DeduplicationScope: {
        const bool limit = conversion == Conversion::ThroughputLimit;
        const QLatin1String high(limit ? "permessagegroupid" : "messagegroup");
        const QLatin1String normal(limit ? "perqueue" : "queue");
        if (lower != high && lower != normal)
            return false;
        *value = lower == high;
        return true;
    }
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
    case Conversion::WholeNumber:
        return CfnNode::makeInteger(std::llround(value.toDouble()));
    case Conversion::ThroughputLimit:
        return CfnNode::makeString(value.toBool() ? QStringLiteral("perMessageGroupId")
                                                  : QStringLiteral("perQueue"));
    case Conversion::DeduplicationScope:
        return CfnNode::makeString(value.toBool() ? QStringLiteral("messageGroup")
                                                  : QStringLiteral("queue"));
    }
    return {};
}

bool writtenExactly(Conversion conversion, const QVariant &value)
{
    if (conversion != Conversion::WholeNumber)
        return true;
    const double v = value.toDouble();
    return std::isfinite(v) && v == std::round(v);
}

namespace {

const QString kAllMethods = QStringLiteral("MethodSettings[*].");

bool isAllMethodsEntry(const CfnNode &entry)
{
    const CfnNode *path = entry.get(QStringLiteral("ResourcePath"));
    const CfnNode *method = entry.get(QStringLiteral("HttpMethod"));
    return path && method && path->scalar == QLatin1String("/*")
           && method->scalar == QLatin1String("*") && path->tag.isEmpty() && method->tag.isEmpty();
}

CfnNode *allMethodsEntry(CfnNode &props)
{
    CfnNode *list = props.get(QStringLiteral("MethodSettings"));
    if (!list || !list->isSequence())
        return nullptr;
    for (CfnNode &entry : list->items) {
        if (isAllMethodsEntry(entry))
            return &entry;
    }
    return nullptr;
}

} // namespace

const CfnNode *findProperty(const CfnNode &props, const QString &property)
{
    if (!property.startsWith(kAllMethods))
        return props.path(property);
    const CfnNode *entry = allMethodsEntry(const_cast<CfnNode &>(props));
    return entry ? entry->path(property.mid(kAllMethods.size())) : nullptr;
}

void setProperty(CfnNode &props, const QString &property, const CfnNode &value)
{
    if (!property.startsWith(kAllMethods)) {
        props.setPath(property, value);
        return;
    }
    CfnNode *entry = allMethodsEntry(props);
    if (!entry) {
        CfnNode *list = props.get(QStringLiteral("MethodSettings"));
        if (!list || !list->isSequence()) {
            props.set(QStringLiteral("MethodSettings"), CfnNode::makeSequence());
            list = props.get(QStringLiteral("MethodSettings"));
        }
        CfnNode fresh = CfnNode::makeMap();
        fresh.set(QStringLiteral("ResourcePath"), CfnNode::makeString(QStringLiteral("/*")));
        fresh.set(QStringLiteral("HttpMethod"), CfnNode::makeString(QStringLiteral("*")));
        list->items.push_back(fresh);
        entry = &list->items.back();
    }
    entry->setPath(property.mid(kAllMethods.size()), value);
}

bool removeProperty(CfnNode &props, const QString &property)
{
    if (!property.startsWith(kAllMethods))
        return props.removePath(property);
    CfnNode *entry = allMethodsEntry(props);
    if (!entry || !entry->removePath(property.mid(kAllMethods.size())))
        return false;
    if (entry->entries.size() == 2) { // only ResourcePath and HttpMethod are left
        CfnNode *list = props.get(QStringLiteral("MethodSettings"));
        list->items.erase(std::find_if(list->items.begin(), list->items.end(),
                                       [](const CfnNode &e) { return isAllMethodsEntry(e); }));
        if (list->items.empty())
            props.remove(QStringLiteral("MethodSettings"));
    }
    return true;
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
