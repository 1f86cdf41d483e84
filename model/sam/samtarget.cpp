#include "model/sam/samtarget.h"

#include "model/design.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/importreport.h"
#include "model/sam/sammapping.h"
#include "model/sam/samservice.h"

namespace swb::sam {

namespace {

const ParamSpec *findSpec(const QList<ParamSpec> &specs, const QString &key)
{
    for (const ParamSpec &s : specs) {
        if (s.key == key)
            return &s;
    }
    return nullptr;
}

} // namespace

CfnNode parseKept(const QVariant &text)
{
    if (text.toString().isEmpty())
        return CfnNode::makeMap();
    ParseResult parsed = parseCfn(text.toString().toUtf8());
    return parsed.ok && parsed.root.isMap() ? parsed.root : CfnNode::makeMap();
}

QString yamlText(const CfnNode &node)
{
    return QString::fromUtf8(emitCfnYaml(node));
}

void writeIntegerProperties(CfnNode &entry, const QVariantMap &params,
                            const QList<ParamSpec> &specs, const QList<IntegerProperty> &properties,
                            QStringList *keys)
{
    for (const IntegerProperty &p : properties) {
        const QString path = QLatin1String(p.path);
        const CfnNode *kept = entry.path(path);
        if (kept && !kept->tag.isEmpty())
            continue;
        entry.removePath(path);
        const qlonglong value = params.value(p.key).toLongLong();
        const ParamSpec *spec = findSpec(specs, p.key);
        if (spec && value != spec->defaultValue.toLongLong())
            entry.setPath(path, CfnNode::makeInteger(value));
        keys->append(p.key);
    }
}

void readIntegerProperties(ImportContext &x, CfnNode &entry, QVariantMap &params,
                           const QList<ParamSpec> &specs, const QList<IntegerProperty> &properties,
                           const QString &where)
{
    for (const IntegerProperty &p : properties) {
        const QString path = QLatin1String(p.path);
        const CfnNode *value = entry.path(path);
        QString text;
        bool bound = false;
        const QString at = where + QLatin1Char('.') + path;
        if (!value || !x.readScalar(*value, at, &text, &bound))
            continue;
        x.setParam(params, p.key, specs, text, at);
        if (!bound)
            entry.removePath(path);
    }
}

void writeDeadLetterArn(ExportContext &x, CfnNode &entry, ComponentId queue)
{
    entry.setPath(QStringLiteral("DeadLetterConfig.Arn"), x.getAtt(queue, QStringLiteral("Arn")));
}

ComponentId readDeadLetterArn(ImportContext &x, ComponentId source, CfnNode &entry,
                              const QString &where, const QString &origin)
{
    const CfnNode *arn = entry.path(QStringLiteral("DeadLetterConfig.Arn"));
    if (!arn)
        return InvalidId;
    const QString at = where + QStringLiteral(".DeadLetterConfig.Arn");
    const ComponentId queue = x.resolve(*arn);
    if (!queue) {
        x.report().unresolved.append(at
                                     + QStringLiteral(": not a queue of this template; kept as "
                                                      "written"));
        return InvalidId;
    }
    if (!x.newWire(source, queue, ConnectionKind::Redrive, at, {{extra::origin, origin}}))
        return InvalidId;
    entry.removePath(QStringLiteral("DeadLetterConfig.Arn"));
    return queue;
}

void writeInvokePermission(ExportContext &x, ComponentId fn, const QString &principal,
                           const CfnNode &sourceArn, const QString &keptId,
                           const QVariant &keptNode, const QString &newId)
{
    CfnNode perm = CfnNode::makeMap();
    perm.set(QStringLiteral("Type"),
             CfnNode::makeString(QStringLiteral("AWS::Lambda::Permission")));
    CfnNode p = CfnNode::makeMap();
    for (const auto &[key, value] : parseKept(keptNode).entries)
        perm.set(key, value);
    if (const CfnNode *keptProps = perm.get(QStringLiteral("Properties")))
        p = *keptProps;
    p.set(QStringLiteral("Action"), CfnNode::makeString(QStringLiteral("lambda:InvokeFunction")));
    p.set(QStringLiteral("FunctionName"), x.ref(fn));
    p.set(QStringLiteral("Principal"), CfnNode::makeString(principal));
    p.set(QStringLiteral("SourceArn"), sourceArn);
    perm.set(QStringLiteral("Properties"), p);
    x.addResource(keptId.isEmpty() ? newId : keptId, perm);
}

ComponentId readInvokePermission(const ImportContext &x, const QString &logicalId,
                                 const QString &principal, QString *sourceId)
{
    const CfnNode *props = x.resource(logicalId)->get(QStringLiteral("Properties"));
    const CfnNode *who = props ? props->get(QStringLiteral("Principal")) : nullptr;
    const CfnNode *source = props ? props->get(QStringLiteral("SourceArn")) : nullptr;
    const CfnNode *function = props ? props->get(QStringLiteral("FunctionName")) : nullptr;
    if (!who || who->scalar != principal || !source || !function)
        return InvalidId;
    const QStringList names = referencedNames(*source);
    if (names.isEmpty())
        return InvalidId;
    *sourceId = names.first().section(QLatin1Char('.'), 0, 0);
    return x.resolve(*function);
}

} // namespace swb::sam
