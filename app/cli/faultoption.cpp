#include "faultoption.h"

#include "cliparse.h"

#include "sim/comparison.h"

namespace swb::cli {

namespace {

// "0", "90", "10m", "1h30m": 0 is a valid fault start, which parseDuration reserves for errors.
double parseStart(const QString &text)
{
    bool plain = false;
    const double seconds = text.toDouble(&plain);
    if (plain)
        return seconds >= 0 ? seconds : -1;
    const double parsed = parseDuration(text);
    return parsed > 0 ? parsed : -1;
}

QString faultKindIds()
{
    QStringList kinds;
    for (FaultKind kind : comparisonFaultKinds())
        kinds.append(faultKindId(kind));
    return kinds.join(QStringLiteral(", "));
}

} // namespace

OptionSpec faultOption()
{
    OptionSpec o;
    o.names = {QStringLiteral("fault")};
    o.valueName = QStringLiteral("KIND[:BLOCK]@START+DURATION");
    o.description =
        QStringLiteral("Inject a fault for this run, e.g. bad-deploy@2m+1m or "
                       "outage:orders-db@30s+1m (kinds: %1). It goes on the named block, else on "
                       "the first block of the kind's usual target (a bad deploy: a function; an "
                       "outage: a downstream dependency; a spike: a traffic source); the design's "
                       "own faults run too. An outage may name one SNS subscription as "
                       "TOPIC->ENDPOINT, e.g. 'outage:orders->audit-queue@1m+5m' (quoted for the "
                       "shell): only that endpoint fails.")
            .arg(faultKindIds());
    return o;
}

QString parseFaultOption(const QString &text, ComparisonFault *fault)
{
    const QString usage = QStringLiteral("--fault '%1': expected KIND[:BLOCK]@START+DURATION, e.g. "
                                         "bad-deploy@10m+5m or outage:orders-db@30s+1m (kinds: %2)")
                              .arg(text, faultKindIds());
    // The last '@' starts the window, so a block name may hold '@' or ':' after the kind.
    const qsizetype at = text.lastIndexOf(QLatin1Char('@'));
    const qsizetype plus = text.indexOf(QLatin1Char('+'), at + 1);
    if (at <= 0 || plus < 0)
        return usage;
    const QString what = text.left(at);
    const qsizetype colon = what.indexOf(QLatin1Char(':'));
    const QString kind = colon < 0 ? what : what.left(colon);
    if (!faultKindFromId(kind, &fault->kind) || !comparisonFaultKinds().contains(fault->kind))
        return QStringLiteral("--fault: unknown kind '%1' (kinds: %2)").arg(kind, faultKindIds());
    fault->target = colon < 0 ? QString() : what.mid(colon + 1);
    if (colon >= 0 && fault->target.isEmpty())
        return usage;
    fault->start = parseStart(text.mid(at + 1, plus - at - 1));
    fault->duration = parseDuration(text.mid(plus + 1));
    if (fault->start < 0 || fault->duration <= 0)
        return usage;
    return {};
}

} // namespace swb::cli
