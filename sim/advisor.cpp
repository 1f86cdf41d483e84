#include "sim/advisor.h"
#include "sim/advisor_p.h"

#include "model/document.h"
#include "model/kinds.h"

#include <QLineF>

#include <cmath>
#include <optional>

namespace swb {

namespace {

// What "helps" tolerates: the same seed makes reruns exact, so these only absorb the changed
// randomness of a different design (other arrivals meet other environments).
constexpr double kWorseShare = 0.01;  // throughput, lost and dead letters may move 1 %
constexpr double kSlowerShare = 0.10; // p99 may rise 10 % (a fix that trades latency shows it)

QString valueText(const QVariant &v)
{
    return v.isValid() ? v.toString() : QStringLiteral("(default)");
}

bool completesMore(const Fix &fix)
{
    return fix.after.throughputPerS > fix.before.throughputPerS * (1 + kWorseShare);
}

// Why the fix does not help (the diagnosis it answers is still there, or a headline figure got
// worse, or the bill breaks the budget), or "" when it helps.
QString whyNot(const Fix &fix, const Diagnosis *answered, const QList<Diagnosis> &remaining,
               const AdviceOptions &o)
{
    const Headline &b = fix.before;
    const Headline &a = fix.after;
    for (const Diagnosis &d : remaining)
        if (answered && d.rule == answered->rule && d.blocks == answered->blocks)
            return QStringLiteral("the re-run still shows it: %1").arg(d.figure);
    if (a.throughputPerS < b.throughputPerS * (1 - kWorseShare))
        return QStringLiteral("throughput falls from %1 to %2 per s")
            .arg(b.throughputPerS, 0, 'f', 1)
            .arg(a.throughputPerS, 0, 'f', 1);
    const double aside = fix.setsAside ? 0 : 1; // dead letters count as a loss, unless the point
    if (a.lost + aside * a.deadLetters > (b.lost + aside * b.deadLetters) * (1 + kWorseShare) + 0.5)
        return QStringLiteral("more units are lost%1 (%2 instead of %3)")
            .arg(fix.setsAside ? QString() : QStringLiteral(" or dead-lettered"))
            .arg(a.lost + aside * a.deadLetters)
            .arg(b.lost + aside * b.deadLetters);
    // A fix that completes more units may raise the p99 of what completes: units stuck behind
    // a poison record or refused before did not count in it (the verdict says so).
    if (fix.latencyTradeMs > 0) {
        if (a.monthlyCostUsd >= b.monthlyCostUsd)
            return QStringLiteral("the bill does not fall ($%1/month instead of $%2)")
                .arg(a.monthlyCostUsd, 0, 'f', 2)
                .arg(b.monthlyCostUsd, 0, 'f', 2);
        if (a.p99Ms > b.p99Ms + fix.latencyTradeMs * (1 + kSlowerShare) + 1
            || (o.targetP99Ms >= 0 && a.p99Ms > o.targetP99Ms))
            return QStringLiteral("p99 rises from %1 to %2 ms, more than the trade allows")
                .arg(b.p99Ms, 0, 'f', 1)
                .arg(a.p99Ms, 0, 'f', 1);
    } else if (!completesMore(fix) && a.p99Ms > b.p99Ms * (1 + kSlowerShare) + 1)
        return QStringLiteral("p99 rises from %1 to %2 ms")
            .arg(b.p99Ms, 0, 'f', 1)
            .arg(a.p99Ms, 0, 'f', 1);
    if (o.budgetUsd >= 0 && a.monthlyCostUsd > o.budgetUsd)
        return QStringLiteral("the bill would be $%1/month, over the $%2 budget")
            .arg(a.monthlyCostUsd, 0, 'f', 2)
            .arg(o.budgetUsd, 0, 'f', 2);
    return {};
}

// Re-simulates `design` with `changes`; fills fix->after and ->verified/verdict.
// `remaining` (optional) receives the re-run's diagnoses, `rerunOut` (optional) the re-run.
bool verify(const Design &design, const AdviceOptions &o, const Diagnosis *answered, Fix *fix,
            QString *error, QList<Diagnosis> *remaining = nullptr, RunResults *rerunOut = nullptr)
{
    Design changed = design;
    if (const QString problem = applyChanges(&changed, fix->changes); !problem.isEmpty()) {
        fix->verified = false;
        fix->verdict = QStringLiteral("not applicable: %1").arg(problem);
        return true;
    }
    const RunResults rerun = runToEnd(changed, o.run);
    if (rerun.cancelled) {
        *error = QStringLiteral("cancelled");
        return false;
    }
    if (!rerun.ok) {
        fix->verdict =
            QStringLiteral("not offered: the changed design does not run: %1").arg(rerun.error);
        return true;
    }
    fix->after = headlineOf(rerun);
    QList<Diagnosis> found;
    for (const advisor::Finding &f : advisor::runRules(changed, rerun, o))
        found.append(f.diagnosis);
    const QString why = whyNot(*fix, answered, found, o);
    if (remaining)
        *remaining = found;
    fix->verified = why.isEmpty();
    fix->verdict = fix->verified ? QStringLiteral("verified: the re-run with the same seed no "
                                                  "longer shows it")
                                 : QStringLiteral("not offered: ") + why;
    const Headline &b = fix->before, &a = fix->after;
    if (fix->verified && fix->latencyTradeMs <= 0 && a.p99Ms > b.p99Ms * (1 + kSlowerShare) + 1)
        fix->verdict += QStringLiteral("; p99 rises from %1 to %2 ms as throughput rises from %3 "
                                       "to %4 per s: units stuck or refused before now complete")
                            .arg(b.p99Ms, 0, 'f', 1)
                            .arg(a.p99Ms, 0, 'f', 1)
                            .arg(b.throughputPerS, 0, 'f', 1)
                            .arg(a.throughputPerS, 0, 'f', 1);
    if (rerunOut)
        *rerunOut = rerun;
    return true;
}

bool sameDiagnosis(const Diagnosis &a, const Diagnosis &b)
{
    return a.rule == b.rule && a.blocks == b.blocks;
}

QStringList changeTexts(const QList<ParamChange> &changes)
{
    QStringList texts;
    for (const ParamChange &c : changes)
        texts.append(c.text());
    return texts;
}

} // namespace

QString ParamChange::text() const
{
    QString where;
    switch (on) {
    case On::Block:
        where = block;
        break;
    case On::Wire:
        where = block + QStringLiteral("->") + target;
        break;
    case On::Project:
        where = QStringLiteral("project");
        break;
    case On::NewBlock: {
        ComponentKind kind;
        const QString what = componentKindFromId(key, &kind) ? componentKindName(kind) : key;
        return QStringLiteral("add %1 '%2' beside %3").arg(what, block, target);
    }
    case On::NewWire:
        return QStringLiteral("add %1 wire %2 -> %3").arg(key, block, target);
    case On::RemoveWire:
        return QStringLiteral("remove %1 wire %2 -> %3").arg(key, block, target);
    }
    return QStringLiteral("%1.%2 %3 -> %4").arg(where, key, valueText(from), valueText(to));
}

QString ParamChange::onId(On on)
{
    switch (on) {
    case On::Block:
        return QStringLiteral("block");
    case On::Wire:
        return QStringLiteral("wire");
    case On::Project:
        return QStringLiteral("project");
    case On::NewBlock:
        return QStringLiteral("new-block");
    case On::NewWire:
        return QStringLiteral("new-wire");
    case On::RemoveWire:
        return QStringLiteral("remove-wire");
    }
    return {};
}

namespace {

// A structural change: the new block beside its neighbour (below it, clear of other blocks'
// places), or the new wire; each parameter set as the inspector would.
QString applyStructural(Document *document, const ParamChange &c)
{
    const Design &d = document->design();
    const QVariantMap params = c.to.toMap();
    if (c.on == ParamChange::On::NewBlock) {
        ComponentKind kind;
        if (!componentKindFromId(c.key, &kind))
            return QStringLiteral("%1: no block kind '%2'").arg(c.text(), c.key);
        if (d.componentByName(c.block))
            return QStringLiteral("%1: a block named '%2' exists").arg(c.text(), c.block);
        const Component *beside = d.componentByName(c.target);
        QPointF at = beside ? beside->position + QPointF(0, 140) : QPointF();
        for (int tries = 0; tries < 50; ++tries) {
            bool taken = false;
            for (const Component &other : document->design().components)
                taken = taken || QLineF(other.position, at).length() < 100;
            if (!taken)
                break;
            at += QPointF(0, 140);
        }
        const ComponentId id = document->addComponent(kind, at, c.block);
        for (auto it = params.cbegin(); it != params.cend(); ++it) {
            QString error;
            if (!document->setComponentParam(id, it.key(), it.value(), &error))
                return QStringLiteral("%1: %2").arg(c.text(), error);
        }
        return {};
    }
    ConnectionKind kind;
    if (!connectionKindFromId(c.key, &kind))
        return QStringLiteral("%1: no wire kind '%2'").arg(c.text(), c.key);
    const Component *from = d.componentByName(c.block);
    const Component *to = d.componentByName(c.target);
    if (!from || !to)
        return QStringLiteral("%1: no block named '%2'").arg(c.text(), from ? c.target : c.block);
    if (c.on == ParamChange::On::RemoveWire) {
        for (const Connection *w : d.outgoing(from->id)) {
            if (w->target == to->id && w->kind == kind) {
                document->removeItems({}, {w->id});
                return {};
            }
        }
        return QStringLiteral("%1: no such wire").arg(c.text());
    }
    QString error;
    const ConnectionId wire = document->connectComponents(from->id, to->id, kind, &error);
    if (wire == InvalidId)
        return QStringLiteral("%1: %2").arg(c.text(), error);
    for (auto it = params.cbegin(); it != params.cend(); ++it) {
        if (!document->setConnectionParam(wire, it.key(), it.value(), &error))
            return QStringLiteral("%1: %2").arg(c.text(), error);
    }
    return {};
}

} // namespace

QString applyChanges(Document *document, const QList<ParamChange> &changes)
{
    for (const ParamChange &c : changes) {
        QString error;
        bool ok = false;
        if (c.isStructural()) {
            if (const QString problem = applyStructural(document, c); !problem.isEmpty())
                return problem;
            continue;
        }
        if (c.on == ParamChange::On::Project) {
            ok = document->setProjectParam(c.key, c.to, &error);
        } else {
            const Component *from = document->design().componentByName(c.block);
            if (!from)
                return QStringLiteral("%1: no block named '%2'").arg(c.text(), c.block);
            if (c.on == ParamChange::On::Block) {
                ok = document->setComponentParam(from->id, c.key, c.to, &error);
            } else {
                const Component *to = document->design().componentByName(c.target);
                const Connection *wire = nullptr;
                for (const Connection *w : document->design().outgoing(from->id))
                    if (to && w->target == to->id)
                        wire = w;
                if (!wire)
                    return QStringLiteral("%1: no wire from '%2' to '%3'")
                        .arg(c.text(), c.block, c.target);
                ok = document->setConnectionParam(wire->id, c.key, c.to, &error);
            }
        }
        if (!ok)
            return QStringLiteral("%1: %2").arg(c.text(), error);
    }
    return {};
}

QString applyChanges(Design *design, const QList<ParamChange> &changes)
{
    Document document;
    document.replaceDesign(*design);
    const QString error = applyChanges(&document, changes);
    if (error.isEmpty())
        *design = document.design();
    return error;
}

QList<Diagnosis> diagnose(const Design &design, const RunResults &run, const AdviceOptions &options)
{
    QList<Diagnosis> out;
    for (const advisor::Finding &f : advisor::runRules(design, run, options))
        out.append(f.diagnosis);
    return out;
}

Advice advise(const Design &design, const RunResults &run, const AdviceOptions &options,
              const std::function<void(int, int)> &progress)
{
    Advice advice;
    advice.before = headlineOf(run);
    const QList<advisor::Finding> findings = advisor::runRules(design, run, options);
    int total = 0;
    for (const advisor::Finding &f : findings)
        total += f.fix ? 1 : 0;
    int done = 0;
    QList<qsizetype> diagnosisOf;         // per fix, its diagnosis in advice.diagnoses
    std::optional<RunResults> firstRerun; // the run of the design with the first verified fix
    for (const advisor::Finding &f : findings) {
        advice.diagnoses.append(f.diagnosis);
        if (!f.fix)
            continue;
        diagnosisOf.append(advice.diagnoses.size() - 1);
        Fix fix = *f.fix;
        fix.before = advice.before;
        if (progress)
            progress(done++, 2 * total);
        RunResults rerun;
        if (!verify(design, options, &f.diagnosis, &fix, &advice.error, nullptr, &rerun)) {
            advice.ok = false;
            return advice;
        }
        if (fix.verified && !firstRerun)
            firstRerun = std::move(rerun);
        advice.fixes.append(fix);
    }
    // The verified fixes composed one at a time. Fixes interact (a larger stage rate sends more
    // load to the function behind it; a cap on a queue's pollers undoes a larger reservation
    // for its consumer), so each is diagnosed and sized again on the run of the design with the
    // fixes kept before it: its rule runs on that run, and the fix it proposes there (the same
    // formula on the composed load) is verified on top of them. A fix whose diagnosis the
    // earlier ones cleared is not needed; one that brings back a diagnosis an earlier fix
    // cleared, or does not help on top of them, is left out.
    advice.combined.rule = QStringLiteral("all");
    advice.combined.title = QStringLiteral("Every verified fix that composes");
    advice.combined.before = advice.before;
    advice.combined.after = advice.before;
    Design accumulated = design;
    RunResults accumulatedRun; // the run of `accumulated` once a fix is kept
    QList<Diagnosis> cleared;
    for (qsizetype i = 0; i < advice.fixes.size(); ++i) {
        const Fix &fix = advice.fixes.at(i);
        if (!fix.verified)
            continue;
        const Diagnosis &answered = advice.diagnoses.at(diagnosisOf.at(i));
        // On top of nothing, the fix's own verification stands: no second run of it.
        Fix step = fix;
        QList<Diagnosis> found;
        RunResults stepRun;
        if (!advice.combined.changes.isEmpty()) {
            std::optional<advisor::Finding> again;
            for (const advisor::Finding &f :
                 advisor::runRules(accumulated, accumulatedRun, options))
                if (!again && sameDiagnosis(f.diagnosis, answered))
                    again = f;
            if (!again) {
                advice.combined.verdict +=
                    QStringLiteral("%1 not needed (the fixes before it cleared its diagnosis). ")
                        .arg(fix.title);
                continue;
            }
            if (!again->fix) {
                advice.combined.verdict +=
                    QStringLiteral("%1 left out (on top of the fixes before it, its rule "
                                   "proposes none: %2). ")
                        .arg(fix.title, again->diagnosis.figure);
                continue;
            }
            step = *again->fix;
            step.before = advice.combined.after;
            if (progress)
                progress(done++, 2 * total);
            if (!verify(accumulated, options, &again->diagnosis, &step, &advice.error, &found,
                        &stepRun)) {
                advice.ok = false;
                return advice;
            }
        }
        QList<Diagnosis> back; // diagnoses an earlier fix cleared, brought back by this one
        for (const Diagnosis &d : found)
            for (const Diagnosis &c : std::as_const(cleared))
                if (sameDiagnosis(d, c))
                    back.append(d);
        if (!step.verified || !back.isEmpty()) {
            advice.combined.verdict +=
                QStringLiteral("%1 left out (%2). ")
                    .arg(step.title, back.isEmpty() ? step.verdict : back.first().figure);
            continue;
        }
        if (changeTexts(step.changes) != changeTexts(fix.changes))
            advice.combined.verdict +=
                QStringLiteral("Re-sized on top of the fixes before it: %1 (alone: %2). ")
                    .arg(step.title, fix.title);
        // The first fix kept is the first verified one: its own re-run is the composed run.
        accumulatedRun =
            advice.combined.changes.isEmpty() ? std::move(*firstRerun) : std::move(stepRun);
        applyChanges(&accumulated, step.changes);
        advice.combined.changes += step.changes;
        advice.combined.after = step.after;
        cleared.append(answered);
    }
    advice.combined.verified = !advice.combined.changes.isEmpty();
    advice.combined.verdict = advice.combined.verified
                                  ? QStringLiteral("verified together. ") + advice.combined.verdict
                                  : advice.combined.verdict;
    advice.combined.verdict = advice.combined.verdict.trimmed();
    return advice;
}

} // namespace swb
