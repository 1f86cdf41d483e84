#include "core/metricstore.h"

#include <cstring>

namespace swb::core {

std::uint32_t MetricStore::addSeries(ComponentRef c, std::string name, std::string unit,
                                     Aggregation a, MetricId metric, std::uint32_t shard)
{
    m_series.push_back({c, std::move(name), std::move(unit), a, metric, shard});
    return static_cast<std::uint32_t>(m_series.size() - 1);
}

void MetricStore::start(double binWidthSeconds, std::size_t expectedBins)
{
    m_bins.reserve(expectedBins * m_series.size());
    m_binWidth = binWidthSeconds;
    m_cur.assign(m_series.size(), 0.0);
    m_gauge.assign(m_series.size(), 0.0);
    m_summary.assign(m_series.size(), 0.0);
    m_bins.clear();
}

void MetricStore::closeBin()
{
    const std::size_t n = m_series.size();
    m_bins.insert(m_bins.end(), m_cur.begin(), m_cur.end());
    const double closed = n ? static_cast<double>(m_bins.size() / n) : 1.0;
    for (std::size_t s = 0; s < n; ++s) {
        switch (m_series[s].aggregation) {
        case Aggregation::Sum:
            m_summary[s] += m_cur[s];
            m_cur[s] = 0;
            break;
        case Aggregation::Max:
            if (m_cur[s] > m_summary[s])
                m_summary[s] = m_cur[s];
            m_cur[s] = m_gauge[s]; // the gauge keeps its value into the next bin
            break;
        case Aggregation::Last:
            m_summary[s] = m_cur[s];
            break;
        case Aggregation::Mean:
            m_summary[s] += (m_cur[s] - m_summary[s]) / closed; // running mean of the bins
            break;
        }
    }
}

std::uint32_t MetricStore::find(ComponentRef c, std::string_view name) const
{
    for (std::size_t s = 0; s < m_series.size(); ++s)
        if (m_series[s].component == c && m_series[s].name == name)
            return static_cast<std::uint32_t>(s);
    return kNoSeries;
}

std::uint32_t MetricStore::find(ComponentRef c, MetricId metric, std::uint32_t shard) const
{
    for (std::size_t s = 0; s < m_series.size(); ++s)
        if (m_series[s].component == c && m_series[s].metric == metric
            && m_series[s].shard == shard)
            return static_cast<std::uint32_t>(s);
    return kNoSeries;
}

std::uint64_t MetricStore::fingerprint() const
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    auto mix = [&h](const void *p, std::size_t len) {
        const auto *b = static_cast<const unsigned char *>(p);
        for (std::size_t i = 0; i < len; ++i) {
            h ^= b[i];
            h *= 0x100000001b3ull;
        }
    };
    for (const SeriesInfo &s : m_series)
        mix(s.name.data(), s.name.size());
    for (double v : m_bins) {
        std::uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        mix(&bits, sizeof bits);
    }
    return h;
}

} // namespace swb::core
