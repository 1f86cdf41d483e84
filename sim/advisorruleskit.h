#pragma once
// What the advisor's rules share: the run's series of one block by typed metric id, the window
// and figure helpers, the change builders. Each service declares its rules beside its
// simulation module (sim/services/<service>/<service>advice.cpp) and lists them in its
// SimService (sim/services/simservice.h), so the advisor core knows no kind of block.

#include "sim/advisor_p.h"
#include "sim/seriesname.h"
#include "sim/services/simservice.h"

#include "model/humanformat.h"

#include <algorithm>
#include <cmath>

namespace swb::advisor {

// Share of attempts a throttling rule tolerates before it diagnoses (0.1 %).
constexpr double kThrottleShare = 0.001;
// Headroom on a rate sized from the busiest bin (demand varies within a bin).
constexpr double kHeadroom = 1.25;

struct RuleContext {
    const Design &design;
    const RunResults &run;
    const AdviceOptions &options;
};

// One block's series of a finished run.
class Series
{
public:
    Series(const RunResults &run, ComponentId id)
        : m_run(run)
        , m_id(id)
    {}
    template<typename Metric>
    QList<double> values(Metric m) const
    {
        QList<double> v;
        const int s = m_run.catalog.indexOf(m_id, QLatin1String(seriesName(m)));
        if (s < 0)
            return v;
        const qint64 bins = m_run.binCount();
        v.reserve(bins);
        for (qint64 b = 0; b < bins; ++b)
            v.append(m_run.value(b, s));
        return v;
    }
    template<typename Metric>
    double total(Metric m) const
    {
        double t = 0;
        for (double x : values(m))
            t += x;
        return t;
    }
    double bin() const { return m_run.metadata.binWidthSeconds; }

private:
    const RunResults &m_run;
    ComponentId m_id;
};

// The bins where `v` is positive, as simulated seconds [from, to); {-1, -1} when none.
inline std::pair<double, double> window(const QList<double> &v, double bin)
{
    qsizetype first = -1, last = -1;
    for (qsizetype b = 0; b < v.size(); ++b) {
        if (v.at(b) > 0) {
            if (first < 0)
                first = b;
            last = b;
        }
    }
    return first < 0 ? std::pair{-1.0, -1.0} : std::pair{first * bin, (last + 1) * bin};
}

// The busiest bin of `m`, per second.
template<typename Metric>
double peakPerSecond(const Series &s, Metric m)
{
    double peak = 0;
    for (double v : s.values(m))
        peak = std::max(peak, v / s.bin());
    return peak;
}

// Sum of `a` (and `b`) over the bins of [from, to).
inline double sumIn(const QList<double> &a, double bin, std::pair<double, double> w)
{
    double t = 0;
    for (qsizetype i = qsizetype(w.first / bin); i < qsizetype(w.second / bin) && i < a.size(); ++i)
        t += a.at(i);
    return t;
}

inline QString count(double v)
{
    return formatCount(v);
}

inline QString percent(double share)
{
    return QString::number(share * 100, 'f', share < 0.1 ? 2 : 1) + QStringLiteral(" %");
}

inline Diagnosis diagnosis(const QString &rule, const QString &title, const QString &block,
                           std::pair<double, double> w, const QString &figure,
                           const QString &awsRule)
{
    return {rule, title, {block}, std::max(0.0, w.first), std::max(0.0, w.second), figure, awsRule};
}

inline ParamChange blockChange(const Component &c, const QString &key, const QVariant &to)
{
    return {ParamChange::On::Block, c.name, {}, key, c.params.value(key), to};
}

inline ParamChange wireChange(const Design &d, const Connection &w, const QString &key,
                              const QVariant &to)
{
    return {ParamChange::On::Wire,       d.component(w.source)->name,
            d.component(w.target)->name, key,
            w.params.value(key),         to};
}

inline ParamChange projectChange(const Design &d, const QString &key, const QVariant &to)
{
    return {ParamChange::On::Project, {}, {}, key, d.settings.value(key), to};
}

// Rising at the end: the last bin's value above `floor` and 20 % above the value at 3/4 of the
// run (a level growing linearly from the start is a third higher), so a steady level or a spike
// that drained does not count.
inline bool growingAtTheEnd(const QList<double> &v, double floor)
{
    if (v.size() < 8)
        return false;
    const double last = v.last();
    return last > floor && last > 1.2 * v.at(v.size() * 3 / 4);
}

// The Lambda function an event source mapping from `source` invokes, and the wire.
inline const Connection *mappingFrom(const Design &design, ComponentId source)
{
    for (const Connection *w : design.outgoing(source))
        if (w->kind == ConnectionKind::EventSourceMapping)
            return w;
    return nullptr;
}

} // namespace swb::advisor
