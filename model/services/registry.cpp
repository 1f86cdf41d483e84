#include "model/services/registry.h"

#include "model/design.h"
#include "model/services/apigateway/apigateway.h"
#include "model/services/downstream/downstream.h"
#include "model/services/kinesis/kinesis.h"
#include "model/services/lambda/lambda.h"
#include "model/services/sns/sns.h"
#include "model/services/sqs/sqs.h"
#include "model/services/stepfunctions/stepfunctions.h"
#include "model/services/traffic/traffic.h"

#include <QtGlobal>

namespace swb {

namespace subtitle {

const QString &separator()
{
    static const QString dot = QStringLiteral(" \u00b7 ");
    return dot;
}

QString number(double value)
{
    return QString::number(value, 'g', 6);
}

} // namespace subtitle

const QList<const ServiceModule *> &serviceModules()
{
    // The one list of services, in ComponentKind (= palette) order; a new service adds its line.
    static const QList<const ServiceModule *> modules = [] {
        const QList<const ServiceModule *> list = {
            &traffic::module(), &apigw::module(), &sns::module(),    &sqs::module(),
            &kinesis::module(), &sfn::module(),   &lambda::module(), &downstream::module(),
        };
        for (int i = 0; i < list.size(); ++i)
            Q_ASSERT(int(list.at(i)->kind) == i);
        return list;
    }();
    return modules;
}

const ServiceModule &serviceModule(ComponentKind kind)
{
    return *serviceModules().at(int(kind));
}

bool isFifo(const Component &c)
{
    const ServiceModule &m = serviceModule(c.kind);
    return m.isFifo && m.isFifo(c);
}

const ServiceModule *serviceModuleById(const QString &id)
{
    for (const ServiceModule *m : serviceModules())
        if (id == QLatin1String(m->id))
            return m;
    return nullptr;
}

} // namespace swb
