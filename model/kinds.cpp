#include "model/kinds.h"

namespace swb {

namespace {

struct ComponentKindInfo {
    ComponentKind kind;
    const char *id;
    const char *name;
};

struct ConnectionKindInfo {
    ConnectionKind kind;
    const char *id;
    const char *name;
};

constexpr ComponentKindInfo kComponentKinds[] = {
    {ComponentKind::TrafficSource, "traffic", "Traffic source"},
    {ComponentKind::ApiGateway, "apigateway", "API Gateway"},
    {ComponentKind::SnsTopic, "sns", "SNS topic"},
    {ComponentKind::SqsQueue, "sqs", "SQS queue"},
    {ComponentKind::KinesisStream, "kinesis", "Kinesis stream"},
    {ComponentKind::StepFunctions, "stepfunctions", "Step Functions state machine"},
    {ComponentKind::Lambda, "lambda", "Lambda function"},
    {ComponentKind::Downstream, "downstream", "Downstream dependency"},
};

constexpr ConnectionKindInfo kConnectionKinds[] = {
    {ConnectionKind::Traffic, "traffic", "traffic"},
    {ConnectionKind::SyncInvoke, "sync-invoke", "sync invoke"},
    {ConnectionKind::AsyncInvoke, "async-invoke", "async invoke"},
    {ConnectionKind::EventSourceMapping, "event-source-mapping", "event source mapping"},
    {ConnectionKind::Subscription, "subscription", "subscription"},
    {ConnectionKind::ServiceIntegration, "service-integration", "service integration"},
    {ConnectionKind::OnFailure, "on-failure", "on-failure destination / DLQ"},
    {ConnectionKind::Redrive, "redrive", "redrive to DLQ"},
};

} // namespace

const QList<ComponentKind> &allComponentKinds()
{
    static const QList<ComponentKind> kinds = [] {
        QList<ComponentKind> list;
        for (const auto &info : kComponentKinds)
            list.append(info.kind);
        return list;
    }();
    return kinds;
}

const QList<ConnectionKind> &allConnectionKinds()
{
    static const QList<ConnectionKind> kinds = [] {
        QList<ConnectionKind> list;
        for (const auto &info : kConnectionKinds)
            list.append(info.kind);
        return list;
    }();
    return kinds;
}

QString componentKindId(ComponentKind kind)
{
    return QLatin1String(kComponentKinds[static_cast<int>(kind)].id);
}

QString connectionKindId(ConnectionKind kind)
{
    return QLatin1String(kConnectionKinds[static_cast<int>(kind)].id);
}

QString componentKindName(ComponentKind kind)
{
    return QLatin1String(kComponentKinds[static_cast<int>(kind)].name);
}

QString connectionKindName(ConnectionKind kind)
{
    return QLatin1String(kConnectionKinds[static_cast<int>(kind)].name);
}

bool componentKindFromId(const QString &id, ComponentKind *kind)
{
    for (const auto &info : kComponentKinds) {
        if (id == QLatin1String(info.id)) {
            *kind = info.kind;
            return true;
        }
    }
    return false;
}

bool connectionKindFromId(const QString &id, ConnectionKind *kind)
{
    for (const auto &info : kConnectionKinds) {
        if (id == QLatin1String(info.id)) {
            *kind = info.kind;
            return true;
        }
    }
    return false;
}

} // namespace swb
