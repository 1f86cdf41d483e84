#pragma once
// Log-linear latency histogram over microsecond ticks: 128 linear sub-buckets per power of two, so
// any recorded value is reported within 1/256 (< 0.4%) relative error (bucket midpoint). Fixed
// size (~20 KB) whatever the number of samples.

#include <array>
#include <bit>
#include <cstdint>

namespace swb::core {

class LatencyHistogram
{
public:
    static constexpr int kSubBits = 7;
    static constexpr int kSub = 1 << kSubBits; // 128
    static constexpr int kMaxShift = 40;       // values up to ~2^47 us (4.4 years)
    static constexpr int kBuckets = 2 * kSub + kMaxShift * kSub;

    void clear()
    {
        m_counts.fill(0);
        m_total = 0;
    }
    void record(std::int64_t us)
    {
        ++m_counts[index(us < 0 ? 0 : static_cast<std::uint64_t>(us))];
        ++m_total;
    }
    void merge(const LatencyHistogram &o)
    {
        for (int i = 0; i < kBuckets; ++i)
            m_counts[i] += o.m_counts[i];
        m_total += o.m_total;
    }
    std::uint64_t count() const { return m_total; }

    // Value (microseconds) at quantile q in [0, 1]; 0 when empty.
    double quantile(double q) const
    {
        if (m_total == 0)
            return 0;
        std::uint64_t rank = static_cast<std::uint64_t>(q * static_cast<double>(m_total - 1)) + 1;
        std::uint64_t seen = 0;
        for (int i = 0; i < kBuckets; ++i) {
            seen += m_counts[i];
            if (seen >= rank)
                return midpoint(i);
        }
        return midpoint(kBuckets - 1);
    }

    static int index(std::uint64_t v)
    {
        if (v < 2 * kSub)
            return static_cast<int>(v);
        int shift = std::bit_width(v) - 1 - kSubBits; // >= 1
        if (shift > kMaxShift)
            return kBuckets - 1;
        return 2 * kSub + (shift - 1) * kSub + static_cast<int>((v >> shift) - kSub);
    }
    static double midpoint(int i)
    {
        if (i < 2 * kSub)
            return i;
        const int shift = (i - 2 * kSub) / kSub + 1;
        const std::uint64_t base = static_cast<std::uint64_t>((i - 2 * kSub) % kSub + kSub)
                                   << shift;
        return static_cast<double>(base) + static_cast<double>((1ull << shift) - 1) / 2.0;
    }

private:
    std::array<std::uint32_t, kBuckets> m_counts{};
    std::uint64_t m_total = 0;
};

} // namespace swb::core
