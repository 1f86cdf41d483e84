#pragma once
// What a block shows on the canvas while a run plays, for the frame at the playhead: its badges,
// how troubled it is, its tool-tip figures and the traffic it takes in. Each service module words
// its own (SimService::live in sim/services/simservice.h), reading its series by typed metric id,
// so the canvas has no per-kind code and no metric names, and a misspelt metric does not compile.

#include "sim/metricframe.h"
#include "sim/seriescatalog.h"
#include "sim/seriesname.h"

#include "model/design.h"

#include <QHash>
#include <QStringList>

namespace swb {

// A live figure's words, translated in one context for every module.
QString liveText(const char *text);

enum class LiveSeverity { None, Ok, Warning, Error };

struct LiveFigures {
    LiveSeverity severity = LiveSeverity::Ok;
    QString topBadge;
    QString bottomBadge;
    QStringList trouble;             // what is wrong, in words: leads the tool tip
    QStringList tips;                // "Label: value" lines of the tool tip
    double inPerSecond = 0;          // what the block takes in per simulated second (wire tokens)
    double deadLettersPerSecond = 0; // what it sends down its failure wires

    void raise(LiveSeverity to)
    {
        if (int(to) > int(severity))
            severity = to;
    }
    // "Label: 1.2k unit" (compactNumber).
    void tip(const QString &label, double value, const QString &unit = {});
    // "Label: 3.5 min" (formatDuration).
    void durationTip(const QString &label, double seconds);
    // The tool tip: trouble in bold first, then the figures, one per line (HTML).
    QString toolTip() const;
};

// One block's series in the frame at the playhead and in the frame before it (trends).
class BlockFrame
{
public:
    // byName: this block's series, name -> index in the catalog (built once per frame).
    BlockFrame(const SeriesCatalog &catalog, const MetricFrame &frame, const MetricFrame *previous,
               const QHash<QString, int> *byName)
        : m_catalog(catalog)
        , m_frame(frame)
        , m_previous(previous)
        , m_byName(byName)
    {}

    template<typename Metric>
    double get(Metric m) const
    {
        return at(m_frame, seriesName(m));
    }
    // 0 when there is no previous frame (hasPrevious()).
    template<typename Metric>
    double previous(Metric m) const
    {
        return m_previous ? at(*m_previous, seriesName(m)) : 0.0;
    }
    // Per simulated second: "sum" series are totals per bin.
    template<typename Metric>
    double rate(Metric m) const
    {
        const double v = get(m);
        return m_catalog.binWidthSeconds > 0 ? v / m_catalog.binWidthSeconds : v;
    }
    bool hasPrevious() const { return m_previous != nullptr; }
    // Rising since the previous frame (false without one).
    template<typename Metric>
    bool rising(Metric m) const
    {
        return m_previous && get(m) > previous(m);
    }

private:
    double at(const MetricFrame &f, const char *name) const;

    const SeriesCatalog &m_catalog;
    const MetricFrame &m_frame;
    const MetricFrame *m_previous;
    const QHash<QString, int> *m_byName;
};

// What a module's live figures may consult besides its own series.
struct LiveContext {
    const Component &component;
    const Design &design;
    bool isDeadLetterTarget; // wired as a redrive / on-failure target: a DLQ
};

} // namespace swb
