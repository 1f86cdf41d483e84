#include "core/metricstore.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace swb::core {

std::uint32_t MetricStore::addSeries(ComponentRef c, std::string name, std::string unit,
                                     Aggregation a, MetricId metric, std::uint32_t shard)
{
    m_series.push_back({c, std::move(name), std::move(unit), a, metric, shard});
    return static_cast<std::uint32_t>(m_series.size() - 1);
}

void MetricStore::start(double binWidthSeconds, std::size_t expectedBins)
{
    m_expectedBins = expectedBins;
    m_binWidth = binWidthSeconds;
    m_cur.assign(m_series.size(), 0.0);
    m_gauge.assign(m_series.size(), 0.0);
    m_summary.assign(m_series.size(), 0.0);
    m_columns.assign(m_series.size(), {});
    m_binCount = 0;
}

void MetricStore::closeBin()
{
    const std::size_t n = m_series.size();
    for (std::size_t s = 0; s < n; ++s)
        append(m_columns[s], m_cur[s]);
    ++m_binCount;
    const double closed = static_cast<double>(m_binCount);
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

// Appends closed bin m_binCount's value `v` to a column (Column in metricstore.h).
void MetricStore::append(Column &c, double v)
{
    if (!c.wide.empty()) {
        c.wide.push_back(v);
        return;
    }
    const std::size_t room = std::max(m_expectedBins, m_binCount + 1);
    // Exactly a float: in range (NaN and infinities fail this, and the range check keeps the
    // cast defined) and back to the same double (-0.0 included: the cast keeps the sign).
    if (std::fabs(v) <= std::numeric_limits<float>::max()
        && static_cast<double>(static_cast<float>(v)) == v) {
        if (c.narrow.empty()) {
            std::uint64_t bits;
            std::memcpy(&bits, &v, sizeof bits);
            if (bits == 0)
                return; // +0.0 again: still nothing stored
            c.narrow.reserve(room);
            c.narrow.assign(m_binCount, 0.0f);
        }
        c.narrow.push_back(static_cast<float>(v));
        return;
    }
    c.wide.reserve(room);
    c.wide.assign(m_binCount, 0.0); // assign keeps the reserved room
    std::copy(c.narrow.begin(), c.narrow.end(), c.wide.begin());
    std::vector<float>().swap(c.narrow);
    c.wide.push_back(v);
}

std::size_t MetricStore::storedBytes() const
{
    std::size_t n = 0;
    for (const Column &c : m_columns)
        n += c.narrow.size() * sizeof(float) + c.wide.size() * sizeof(double);
    return n;
}

void MetricStore::copyRow(std::size_t bin, double *out) const
{
    for (std::size_t s = 0; s < m_series.size(); ++s)
        out[s] = value(bin, static_cast<std::uint32_t>(s));
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
    for (std::size_t b = 0; b < m_binCount; ++b)
        for (std::size_t s = 0; s < m_series.size(); ++s) {
            const double v = value(b, static_cast<std::uint32_t>(s));
            std::uint64_t bits;
            std::memcpy(&bits, &v, sizeof bits);
            mix(&bits, sizeof bits);
        }
    return h;
}

} // namespace swb::core
