#pragma once
// Shared by the comparison tests (tests/sim/comparison.cpp, tests/cli/compare.cpp,
// tests/ui/comparewindow.cpp): what `swb simulate` prints for one design, read back from its
// text output, as the figures a comparison row must show. The expected values come from the real
// swb binary's per-block table and ledger line, never from the comparison code.

#include "cli/clitestutil.h"

#include "model/design.h"
#include "model/kinds.h"
#include "model/patterns.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace swb::test {

// The comparison table's figure columns (after "design", before "notes"), as swb simulate's
// output gives them: throughput = ledger succeeded / seconds to 0.01; p99 = the worst traffic
// source row; throttles = the sum of the throttles column; lost = expired + dropped.
struct SimulatedFigures {
    bool ok = false;
    QString problem; // what could not be read
    QStringList cells;
};

inline SimulatedFigures figuresFromSimulate(const QString &out, double seconds)
{
    SimulatedFigures f;
    auto capture = [&](const char *pattern) {
        const auto m = QRegularExpression(QLatin1String(pattern)).match(out);
        return m.hasMatch() ? m.captured(1) : QString();
    };
    const QString succeeded = capture("succeeded ([0-9]+)");
    const QString dead = capture("dead-lettered ([0-9]+)");
    const QString expired = capture("expired ([0-9]+)");
    const QString dropped = capture("dropped ([0-9]+)");
    const QString peak = capture("Account peak concurrency: ([0-9]+)");
    const QString cost = capture("Projected monthly cost: \\$([0-9.]+)");
    if (succeeded.isEmpty() || dead.isEmpty() || peak.isEmpty() || cost.isEmpty()) {
        f.problem = QStringLiteral("no ledger / peak / cost line in:\n") + out;
        return f;
    }
    // The per-block table: names are single words in the bundled patterns, so whitespace splits
    // it into its 12 columns; "-" = not applicable to the kind.
    double worstP99 = -1;
    double throttles = 0;
    bool inTable = false;
    for (const QString &line : out.split(QLatin1Char('\n'))) {
        const QStringList fields =
            line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        if (fields.value(0) == QLatin1String("component")) {
            inTable = true;
            continue;
        }
        if (!inTable)
            continue;
        if (fields.size() != 12)
            break;
        if (fields.at(3) != QLatin1String("-"))
            throttles += fields.at(3).toDouble();
        if (fields.at(1) == componentKindId(ComponentKind::TrafficSource))
            worstP99 = std::max(worstP99, fields.at(7).toDouble());
    }
    if (worstP99 < 0) {
        f.problem = QStringLiteral("no traffic source row in:\n") + out;
        return f;
    }
    f.cells = {QString::number(succeeded.toDouble() / seconds, 'f', 2),
               QString::number(worstP99, 'f', 1),
               QString::number(throttles, 'f', 0),
               QString::number(expired.toDouble() + dropped.toDouble(), 'f', 0),
               dead,
               peak,
               cost};
    f.ok = true;
    return f;
}

// sqs-lambda with every queue's visibility timeout (1 s) below the function's 30 s timeout: a
// valid value that model analysis refuses with an Error finding, so the design cannot run.
inline Design brokenDesign()
{
    Design broken = *makePattern(QStringLiteral("sqs-lambda"));
    for (Component &c : broken.components) {
        if (c.kind == ComponentKind::SqsQueue)
            c.params.insert(QStringLiteral("visibilityTimeout"), 1LL);
    }
    return broken;
}

// Saves the design to dir/name.swb, sets every traffic source to the profile with `swb set`,
// runs `swb simulate` with the duration, seed and `extra` arguments and reads its figures.
inline SimulatedFigures simulateWithProfile(const QString &dir, const QString &name,
                                            const Design &design, double rate,
                                            const QString &pattern, int seconds, quint64 seed,
                                            const QStringList &extra = {})
{
    SimulatedFigures f;
    const QString file = dir + QLatin1Char('/') + name + QLatin1String(".swb");
    if (!saveDesignFile(file, design)) {
        f.problem = QStringLiteral("cannot save ") + file;
        return f;
    }
    QStringList set{QStringLiteral("set"), file};
    for (const Component &c : design.components) {
        if (c.kind == ComponentKind::TrafficSource)
            set << QStringLiteral("%1.rate=%2").arg(c.name).arg(rate)
                << QStringLiteral("%1.pattern=%2").arg(c.name, pattern);
    }
    const SwbResult setResult = runSwb(set);
    if (setResult.code != 0) {
        f.problem = QStringLiteral("swb set failed: ") + setResult.err;
        return f;
    }
    const SwbResult sim = runSwb(QStringList{QStringLiteral("simulate"), file,
                                             QStringLiteral("--duration"), QString::number(seconds),
                                             QStringLiteral("--seed"), QString::number(seed)}
                                 + extra);
    if (sim.code != 0) {
        f.problem = QStringLiteral("swb simulate failed: ") + sim.err;
        return f;
    }
    return figuresFromSimulate(sim.out, seconds);
}

} // namespace swb::test
