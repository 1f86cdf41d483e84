#include "model/sam/samtarget.h"

#include "model/design.h"
#include "model/sam/cfnyaml.h"
#include "model/sam/importreport.h"
#include "model/sam/sammapping.h"
#include "model/sam/samservice.h"
#include "model/services/registry.h"

#include <algorithm>

namespace swb::sam {

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
        const auto spec = std::find_if(specs.begin(), specs.end(),
                                       [&](const ParamSpec &s) { return s.key == p.key; });
        if (spec != specs.end() && value != spec->defaultValue.toLongLong())
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

void writeTargetPermission(ExportContext &x, const Connection &w, const QString &principal,
                           const CfnNode &sourceArn, const QString &newId)
{
    if (x.design().component(w.target)->kind == ComponentKind::Lambda)
        writeInvokePermission(x, w.target, principal, sourceArn,
                              w.extra.value(extra::permission).toString(),
                              w.extra.value(extra::permissionNode), newId);
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

namespace {

CfnNode text(const char *value)
{
    return CfnNode::makeString(QLatin1String(value));
}

CfnNode servicePrincipal(const QString &principal)
{
    CfnNode p = CfnNode::makeMap();
    p.set(QStringLiteral("Service"), CfnNode::makeString(principal));
    return p;
}

CfnNode policyDocument(std::vector<CfnNode> statements)
{
    CfnNode list = CfnNode::makeSequence();
    list.items = std::move(statements);
    CfnNode doc = CfnNode::makeMap();
    doc.set(QStringLiteral("Version"), text("2012-10-17"));
    doc.set(QStringLiteral("Statement"), list);
    return doc;
}

void appendOnce(std::vector<CfnNode> &list, const CfnNode &statement)
{
    if (std::find(list.begin(), list.end(), statement) == list.end())
        list.push_back(statement);
}

const SamAccess *accessForm(const ExportContext &x, ComponentId target)
{
    const Component *block = x.design().component(target);
    const ServiceSam *sam = block ? serviceModule(block->kind).sam : nullptr;
    return sam ? sam->access : nullptr;
}

CfnNode allow(const ExportContext &x, ComponentId target, const SamAccess &form)
{
    CfnNode statement = CfnNode::makeMap();
    statement.set(QStringLiteral("Effect"), text("Allow"));
    statement.set(QStringLiteral("Action"), text(form.action));
    statement.set(QStringLiteral("Resource"),
                  form.arnAttribute ? x.getAtt(target, QLatin1String(form.arnAttribute))
                                    : x.ref(target));
    return statement;
}

} // namespace

bool grantByPolicy(ExportContext &x, ComponentId target, const QString &principal,
                   const CfnNode &sourceArn)
{
    const SamAccess *form = accessForm(x, target);
    if (!form || !form->policyType)
        return false;
    CfnNode statement = CfnNode::makeMap();
    statement.set(QStringLiteral("Effect"), text("Allow"));
    statement.set(QStringLiteral("Principal"), servicePrincipal(principal));
    for (const auto &[key, value] : allow(x, target, *form).entries) {
        if (key != QLatin1String("Effect"))
            statement.set(key, value);
    }
    // A Sub is a pattern (rule/<bus>/*): ArnLike; a GetAtt names one resource: ArnEquals.
    if (form->sourceCondition && !sourceArn.isNull())
        statement.setPath(sourceArn.tag == QLatin1String("Sub")
                              ? QStringLiteral("Condition.ArnLike.aws:SourceArn")
                              : QStringLiteral("Condition.ArnEquals.aws:SourceArn"),
                          sourceArn);
    const QString type = QLatin1String(form->policyType);
    const QString blocks = QLatin1String(form->policyBlocks);
    const CfnNode ref = x.ref(target);
    for (auto &[id, node] : x.addedResources()) {
        const CfnNode *kind = node.get(QStringLiteral("Type"));
        CfnNode *props = node.get(QStringLiteral("Properties"));
        const CfnNode *covered = props ? props->get(blocks) : nullptr;
        CfnNode *list = props ? props->get(QStringLiteral("PolicyDocument")) : nullptr;
        list = list ? list->get(QStringLiteral("Statement")) : nullptr;
        if (!kind || kind->scalar != type || !covered || !list
            || std::find(covered->items.begin(), covered->items.end(), ref) == covered->items.end())
            continue;
        appendOnce(list->items, statement);
        return true;
    }
    CfnNode list = CfnNode::makeSequence();
    list.items.push_back(ref);
    CfnNode props = CfnNode::makeMap();
    props.set(QStringLiteral("PolicyDocument"), policyDocument({statement}));
    props.set(blocks, list);
    CfnNode node = CfnNode::makeMap();
    node.set(QStringLiteral("Type"), CfnNode::makeString(type));
    node.set(QStringLiteral("Properties"), props);
    // An imported policy keeps its logical id (extra::policy on a wire to the block).
    QString id = x.logicalId(target) + QStringLiteral("Policy");
    for (const Connection *w : x.design().incoming(target)) {
        if (!w->extra.value(extra::policy).toString().isEmpty())
            id = w->extra.value(extra::policy).toString();
    }
    x.addResource(id, node);
    return true;
}

bool grantByRole(ExportContext &x, ComponentId target, std::vector<CfnNode> *statements)
{
    const SamAccess *form = accessForm(x, target);
    if (!form || form->policyType)
        return false;
    appendOnce(*statements, allow(x, target, *form));
    return true;
}

QString addServiceRole(ExportContext &x, const QString &base, const QString &principal,
                       const std::vector<CfnNode> &statements)
{
    CfnNode assume = CfnNode::makeMap();
    assume.set(QStringLiteral("Effect"), text("Allow"));
    assume.set(QStringLiteral("Principal"), servicePrincipal(principal));
    assume.set(QStringLiteral("Action"), text("sts:AssumeRole"));
    CfnNode policy = CfnNode::makeMap();
    policy.set(QStringLiteral("PolicyName"), text("deliver-to-targets"));
    policy.set(QStringLiteral("PolicyDocument"), policyDocument(statements));
    CfnNode policies = CfnNode::makeSequence();
    policies.items.push_back(policy);
    CfnNode props = CfnNode::makeMap();
    props.set(QStringLiteral("AssumeRolePolicyDocument"), policyDocument({assume}));
    props.set(QStringLiteral("Policies"), policies);
    CfnNode node = CfnNode::makeMap();
    node.set(QStringLiteral("Type"), text("AWS::IAM::Role"));
    node.set(QStringLiteral("Properties"), props);
    return x.addResource(base, node);
}

bool grantsOnly(const CfnNode *document, const QString &principal)
{
    const CfnNode *list = document ? document->get(QStringLiteral("Statement")) : nullptr;
    if (!list || !list->isSequence() || list->items.empty())
        return false;
    for (const CfnNode &s : list->items) {
        const CfnNode *effect = s.get(QStringLiteral("Effect"));
        const CfnNode *service = s.path(QStringLiteral("Principal.Service"));
        if (!effect || effect->scalar != QLatin1String("Allow") || !service || !service->isScalar()
            || service->scalar != principal)
            return false;
    }
    return true;
}

QStringList roleActions()
{
    QStringList actions;
    for (const ServiceModule *m : serviceModules()) {
        if (m->sam && m->sam->access && !m->sam->access->policyType)
            actions.append(QLatin1String(m->sam->access->action));
    }
    return actions;
}

CfnNode targetEntry(ExportContext &x, ComponentId target, const CfnNode &kept, QStringList *ids)
{
    CfnNode entry = CfnNode::makeMap();
    entry.set(QStringLiteral("Arn"), x.arnOf(target));
    if (!kept.get(QStringLiteral("Id"))) {
        const QString stem = x.logicalId(target).left(60);
        QString id = stem;
        for (int n = 2; ids->contains(id); ++n)
            id = stem + QString::number(n);
        ids->append(id);
        entry.set(QStringLiteral("Id"), CfnNode::makeString(id));
    }
    for (const auto &[key, value] : kept.entries)
        entry.set(key, value);
    return entry;
}

QHash<ConnectionId, CfnNode> addTargetsRole(ExportContext &x, const QString &base,
                                            const QString &principal,
                                            const QList<const Connection *> &wires)
{
    std::vector<CfnNode> statements;
    QList<ConnectionId> covered;
    for (const Connection *w : wires) {
        if (!parseKept(w->extra.value(extra::node)).get(QStringLiteral("RoleArn"))
            && grantByRole(x, w->target, &statements))
            covered.append(w->id);
    }
    QHash<ConnectionId, CfnNode> arns;
    if (statements.empty())
        return arns;
    const QString id = addServiceRole(x, base + QStringLiteral("Role"), principal, statements);
    for (ConnectionId w : std::as_const(covered))
        arns.insert(w, CfnNode::makeTagged(QStringLiteral("GetAtt"),
                                           CfnNode::makeString(id + QStringLiteral(".Arn"))));
    return arns;
}

void grantAllByPolicy(ExportContext &x, std::vector<std::pair<ComponentId, CfnNode>> grants,
                      const QString &principal)
{
    const auto key = [&](const std::pair<ComponentId, CfnNode> &g) {
        return x.logicalId(g.first) + QLatin1Char(' ') + yamlText(g.second);
    };
    std::stable_sort(grants.begin(), grants.end(),
                     [&](const auto &a, const auto &b) { return key(a) < key(b); });
    for (const auto &[target, source] : grants)
        grantByPolicy(x, target, principal, source);
}

} // namespace swb::sam
