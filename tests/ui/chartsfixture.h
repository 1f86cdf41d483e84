#pragma once
// Shared by the charts / cost panel tests: a real headless run of a bundled pattern (fixed seed)
// fed into a FrameStore in batches, as SimController hands them to the GUI.

#include "model/patterns.h"
#include "sim/runresults.h"
#include "ui/playback/framestore.h"
#include "model/pricing.h"

#include <QTest>
#include <QXYSeries>

#include <cmath>

namespace swb::test {

// The sqs-lambda pattern; reservedConcurrency >= 0 caps its function (2 makes it throttle).
inline Design sqsLambda(int reservedConcurrency = -1)
{
    std::optional<Design> design = makePattern(QStringLiteral("sqs-lambda"));
    if (!design)
        qFatal("no sqs-lambda pattern");
    if (reservedConcurrency >= 0) {
        for (Component &c : design->components) {
            if (c.kind == ComponentKind::Lambda)
                c.params.insert(QStringLiteral("reservedConcurrency"), reservedConcurrency);
        }
    }
    return *design;
}

inline RunResults runPattern(const Design &design, double seconds, quint64 seed)
{
    RunOptions options;
    options.pricing = &PricingCatalogue::builtIn();
    options.durationSeconds = seconds;
    options.seed = seed;
    RunResults r = runToEnd(design, options);
    if (!r.ok)
        qFatal("run refused: %s", qPrintable(r.error));
    return r;
}

inline MetricFrame frameOf(const RunResults &r, qint64 bin)
{
    MetricFrame f;
    f.bin = bin;
    f.simSeconds = double(bin + 1) * r.catalog.binWidthSeconds;
    for (int s = 0; s < r.catalog.series.size(); ++s)
        f.values.append(r.value(bin, s));
    return f;
}

// Feeds every bin in batches of `batch` frames, then finishes the run.
inline void feed(FrameStore *store, const RunResults &r, int batch = 7)
{
    store->beginRun(r.catalog);
    for (qint64 b = 0; b < r.binCount(); b += batch) {
        MetricFrames frames;
        for (qint64 k = b; k < std::min<qint64>(b + batch, r.binCount()); ++k)
            frames.append(frameOf(r, k));
        store->appendFrames(frames);
    }
    store->finishRun(r.summary);
}

// The value a chart line draws at time x: the y of its point at x, or, where a run of equal
// values was drawn as one horizontal segment, that level. NaN when the line passes x on a
// slope (a value the chart would misstate) or does not reach it.
inline double valueOnLine(const QXYSeries *line, double x)
{
    const QList<QPointF> points = line->points();
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (points.at(i).x() == x)
            return points.at(i).y();
        if (points.at(i).x() > x)
            return i > 0 && points.at(i - 1).y() == points.at(i).y() ? points.at(i).y()
                                                                     : std::nan("");
    }
    return std::nan("");
}

inline ComponentId lambdaOf(const Design &design)
{
    for (const Component &c : design.components) {
        if (c.kind == ComponentKind::Lambda)
            return c.id;
    }
    return InvalidId;
}

} // namespace swb::test
