#include "model/wiringrules.h"

#include "model/services/registry.h"
#include "model/wording.h"

#include <QRegularExpression>

namespace swb {

namespace {

using K = ComponentKind;
using C = ConnectionKind;

// What a connection kind itself requires of the target, whoever the source is, and the reason
// given when no service's rule decides.
struct KindRule {
    ConnectionKind kind;
    QList<ComponentKind> targets; // empty: any
    const char *wrongTarget;
    const char *undecided;
};

const QList<KindRule> &kindRules()
{
    static const QList<KindRule> rules = {
        {C::Traffic, {}, nullptr, "Only a traffic source sends traffic"},
        {C::SyncInvoke, {}, nullptr, "A %1 cannot make a synchronous call to a %2"},
        {C::AsyncInvoke,
         {K::Lambda},
         "Only Lambda functions are invoked asynchronously",
         "A %1 does not invoke Lambda asynchronously"},
        {C::EventSourceMapping,
         {K::Lambda},
         "Event source mappings are Lambda's pollers: the target must be a Lambda function",
         "Lambda polls only queues and streams (SQS, Kinesis), not a %1"},
        {C::Subscription, {}, nullptr, "Only SNS topics have subscriptions"},
        {C::ServiceIntegration, {}, nullptr, "A %1 has no service integrations"},
        {C::OnFailure, {}, nullptr, "A %1 has no on-failure destination"},
        {C::Redrive,
         {K::SqsQueue},
         "A dead-letter queue must be an SQS queue",
         "Redrive policies belong to SQS queues and SNS subscriptions"},
    };
    return rules;
}

WiringVerdict ok()
{
    return {true, {}};
}

WiringVerdict no(const QString &reason)
{
    return {false, reason};
}

// The rules' reasons say "a %1" (the source's kind) and "a %2" (the target's); the article is
// the one the kind is said with: "An SQS queue cannot ...", "... not an API Gateway".
WiringVerdict refused(const char *reason, const Component &src, const Component &dst)
{
    QString text = QLatin1String(reason);
    const QString names[] = {componentKindName(src.kind), componentKindName(dst.kind)};
    for (int i = 0; i < 2; ++i) {
        const QString arg = QStringLiteral("%%1").arg(i + 1);
        text.replace(QRegularExpression(QStringLiteral("\\bA ") + arg),
                     withArticle(names[i], true));
        text.replace(QRegularExpression(QStringLiteral("\\ba ") + arg), withArticle(names[i]));
        text.replace(arg, names[i]);
    }
    return no(text);
}

// The first rule of `rules` that applies to the wire, or nullptr.
const WireRule *firstRule(const QList<WireRule> &(*rules)(), ConnectionKind kind,
                          ComponentKind other, const Component &src, const Component &dst)
{
    if (!rules)
        return nullptr;
    for (const WireRule &r : rules()) {
        if (r.kind == kind && (r.others.isEmpty() || r.others.contains(other))
            && (!r.when || r.when(src, dst)))
            return &r;
    }
    return nullptr;
}

// Static rule for one triple, ignoring what else is wired: what the connection kind requires of
// the target, then the source service's rules, then the target service's, else the kind's reason.
WiringVerdict ruleFor(const Component &src, const Component &dst, ConnectionKind kind)
{
    const KindRule *k = nullptr;
    for (const KindRule &r : kindRules())
        if (r.kind == kind)
            k = &r;
    if (!k)
        return no(QStringLiteral("Unknown connection kind"));
    if (!k->targets.isEmpty() && !k->targets.contains(dst.kind))
        return refused(k->wrongTarget, src, dst);
    const WireRule *rule =
        firstRule(serviceModule(src.kind).outgoingWires, kind, dst.kind, src, dst);
    if (!rule)
        rule = firstRule(serviceModule(dst.kind).incomingWires, kind, src.kind, src, dst);
    if (!rule)
        return refused(k->undecided, src, dst);
    return rule->refusal ? refused(rule->refusal, src, dst) : ok();
}

// Kinds in the order the editor should prefer them.
constexpr ConnectionKind kPreference[] = {
    C::Traffic,   C::EventSourceMapping, C::Subscription, C::SyncInvoke,
    C::ServiceIntegration, C::AsyncInvoke, C::OnFailure, C::Redrive,
};

} // namespace

bool isFailureKind(ConnectionKind kind)
{
    return kind == C::OnFailure || kind == C::Redrive;
}

WiringVerdict checkWire(const Design &design, ComponentId source, ComponentId target,
                        ConnectionKind kind)
{
    const Component *src = design.component(source);
    const Component *dst = design.component(target);
    if (!src || !dst)
        return no(QStringLiteral("Both ends of a wire must be blocks of this design"));
    if (source == target)
        return no(QStringLiteral("A block cannot be wired to itself"));
    WiringVerdict verdict = ruleFor(*src, *dst, kind);
    if (!verdict.allowed)
        return verdict;
    for (const Connection &c : design.connections) {
        if (c.source == source && c.target == target && c.kind == kind)
            return no(QStringLiteral("'%1' and '%2' are already connected by %3")
                          .arg(src->name, dst->name, connectionKindName(kind)));
        // AWS allows one redrive target per queue and one on-failure destination per function
        // (or per stream mapping).
        if (c.source == source && c.kind == kind && isFailureKind(kind)
            && !serviceModule(src->kind).failureWiresPerSubscription)
            return no(QStringLiteral("'%1' already has %2 ('%3')")
                          .arg(src->name, withArticle(connectionKindName(kind)),
                               design.component(c.target)->name));
    }
    return ok();
}

QList<ConnectionKind> legalConnectionKinds(const Design &design, ComponentId source,
                                           ComponentId target)
{
    QList<ConnectionKind> kinds;
    for (ConnectionKind kind : kPreference) {
        if (checkWire(design, source, target, kind).allowed)
            kinds.append(kind);
    }
    return kinds;
}

QString whyNoWire(const Design &design, ComponentId source, ComponentId target)
{
    const Component *src = design.component(source);
    const Component *dst = design.component(target);
    if (!src || !dst)
        return QStringLiteral("Both ends of a wire must be blocks of this design");
    if (source == target)
        return QStringLiteral("A block cannot be wired to itself");
    // The most natural kind for this pair carries the most specific reason; the source's
    // service names it.
    const auto naturalWire = serviceModule(src->kind).naturalWire;
    const ConnectionKind natural = naturalWire ? naturalWire(*dst) : C::SyncInvoke;
    const WiringVerdict verdict = checkWire(design, source, target, natural);
    if (!verdict.allowed)
        return verdict.reason;
    return QString();
}

} // namespace swb
