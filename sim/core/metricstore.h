#pragma once
// Fixed-width time bins for every metric series. A series is (component, name, aggregation):
//   Sum  - count or total accrued during the bin (invocations, GB-s, requests...)
//   Max  - peak of a gauge during the bin (concurrency, backlog, iterator age); the gauge's value
//          carries over into the next bin
//   Last - value sampled when the bin closes (percentiles, ledger counters)
//   Mean - time-average of a level over the bin, set by the owning service when the bin closes
//          (setLast); the summary is the average over the closed bins
// Memory is bins x series, and only for what a series holds: a run's length changes the bin count,
// never the per-event cost. A series that stays 0 for the whole run (throttles, dead letters,
// out-of-order counts of a healthy design) stores nothing; one whose every value so far is exactly
// a float (counts, whole levels) stores 4 bytes a bin; any other 8. Reads give back the exact
// double that was recorded, whatever the storage.

#include "core/component.h"
#include "core/metricdecl.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace swb::core {

struct SeriesInfo {
    ComponentRef component; // kind None = account/global series
    std::string name;       // e.g. "lambda.concurrency", see the table in simulation.h
    std::string unit;
    Aggregation aggregation = Aggregation::Sum;
    MetricId metric;         // the declaring service's metric (component.h)
    std::uint32_t shard = 0; // MetricScope::Shard: the shard number
};

class MetricStore
{
public:
    static constexpr std::uint32_t kNoSeries = UINT32_MAX;

    std::uint32_t addSeries(ComponentRef c, std::string name, std::string unit, Aggregation a,
                            MetricId metric = {}, std::uint32_t shard = 0);
    // Fixes the series list; reserves room for `expectedBins` closed bins.
    void start(double binWidthSeconds, std::size_t expectedBins = 0);

    // Recording (hot path, inline).
    void add(std::uint32_t s, double v) { m_cur[s] += v; }
    void gauge(std::uint32_t s, double v)
    {
        m_gauge[s] = v;
        if (v > m_cur[s])
            m_cur[s] = v;
    }
    // Peak of a per-event value (e.g. a duration) within this bin; nothing carries over.
    void peak(std::uint32_t s, double v)
    {
        if (v > m_cur[s])
            m_cur[s] = v;
    }
    void setLast(std::uint32_t s, double v) { m_cur[s] = v; }
    double current(std::uint32_t s) const { return m_cur[s]; }
    void closeBin();

    // Reading.
    const std::vector<SeriesInfo> &catalog() const { return m_series; }
    std::size_t seriesCount() const { return m_series.size(); }
    std::size_t binCount() const { return m_binCount; }
    double binWidthSeconds() const { return m_binWidth; }
    double value(std::size_t bin, std::uint32_t s) const { return m_columns[s].at(bin); }
    // Bytes of closed-bin values actually held (the memory the storage rules above save).
    std::size_t storedBytes() const;
    // Copies closed bin `bin` of every series, in catalog order, to out[0..seriesCount()).
    void copyRow(std::size_t bin, double *out) const;
    // Sum series: total over closed bins; Max: peak; Last: last closed value; Mean: the average
    // of the closed bins' values.
    double summary(std::uint32_t s) const { return m_summary[s]; }
    std::uint32_t find(ComponentRef c, std::string_view name) const;
    // Typed look-up: find(ref, LmConcurrency), find(ref, metricId(KmShardIteratorAge), 3).
    // kNoSeries when the component has no such series (e.g. a metric of another service).
    std::uint32_t find(ComponentRef c, MetricId metric, std::uint32_t shard = 0) const;
    template<typename E>
    requires requires(E e) { metricId(e); }
    std::uint32_t find(ComponentRef c, E metric, std::uint32_t shard = 0) const
    {
        return find(c, metricId(metric), shard);
    }
    // FNV-1a over the bit patterns of every closed bin: equal iff runs are byte-identical.
    std::uint64_t fingerprint() const;

private:
    // One series' closed bins: both vectors empty while every closed bin was exactly +0.0; then
    // `narrow` while every value is exactly a float; then `wide` (narrow copied over and freed).
    // The first stored value fills the bins before it with 0.
    struct Column {
        std::vector<float> narrow;
        std::vector<double> wide;

        double at(std::size_t bin) const
        {
            return !wide.empty() ? wide[bin] : !narrow.empty() ? double(narrow[bin]) : 0.0;
        }
    };
    void append(Column &c, double v);

    std::vector<SeriesInfo> m_series;
    std::vector<double> m_cur, m_gauge, m_summary;
    std::vector<Column> m_columns;
    std::size_t m_binCount = 0;
    std::size_t m_expectedBins = 0;
    double m_binWidth = 1;
};

} // namespace swb::core
