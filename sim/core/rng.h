#pragma once
// Seeded random streams: xoshiro256** seeded through splitmix64, one stream per component so adding
// traffic to one component never perturbs another's draws. Every distribution is implemented here
// by hand (no std::*_distribution) so results are bit-identical across standard libraries.

#include <cmath>
#include <cstdint>

namespace swb::core {

// How a scenario draws a value around its mean (Rng::draw): durations, payload sizes.
enum class Distribution : std::uint8_t { Fixed, Exponential, LogNormal, Normal, Uniform };

inline std::uint64_t splitmix64(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Deterministic per-component seed from (scenario seed, stream id).
inline std::uint64_t streamSeed(std::uint64_t scenarioSeed, std::uint64_t streamId)
{
    std::uint64_t s = scenarioSeed ^ (0xD1B54A32D192ED03ull * (streamId + 1));
    splitmix64(s);
    return splitmix64(s);
}

class Rng
{
public:
    explicit Rng(std::uint64_t seed = 1) { reseed(seed); }

    void reseed(std::uint64_t seed)
    {
        std::uint64_t sm = seed;
        for (auto &w : m_s)
            w = splitmix64(sm);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform in (0, 1]: safe for log().
    double uniformOpen() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    // Uniform integer in [0, n) (Lemire's multiply-shift; the tiny bias is irrelevant here).
    std::uint32_t below(std::uint32_t n)
    {
        return static_cast<std::uint32_t>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
    }
    bool bernoulli(double p) { return p >= 1.0 || (p > 0.0 && uniform() < p); }
    double exponential(double mean) { return -mean * std::log(uniformOpen()); }

    // Standard normal by the Marsaglia polar method (one value cached).
    double normal()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u, v, s;
        do {
            u = 2.0 * uniform() - 1.0;
            v = 2.0 * uniform() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        const double f = std::sqrt(-2.0 * std::log(s) / s);
        m_spare = v * f;
        m_hasSpare = true;
        return u * f;
    }
    double normal(double mean, double sd) { return mean + sd * normal(); }

    // Lognormal with the given mean and coefficient of variation (sd / mean).
    double logNormalMeanCv(double mean, double cv)
    {
        if (cv <= 0)
            return mean;
        const double s2 = std::log1p(cv * cv);
        const double mu = std::log(mean) - 0.5 * s2;
        return std::exp(mu + std::sqrt(s2) * normal());
    }

    // Lognormal with precomputed shape: sigma = sqrt(log(1 + cv^2)), offset = -sigma^2 / 2.
    double logNormalShaped(double mean, double sigma, double offset)
    {
        return mean * std::exp(offset + sigma * normal());
    }

    // A draw with the given mean from a scenario Distribution; cv = sd / mean where it applies.
    // Results are clamped at 0 (sizes and durations cannot be negative).
    double draw(int distribution, double mean, double cv)
    {
        double v = mean;
        switch (distribution) {
        case 0:
            break; // Fixed
        case 1:
            v = exponential(mean);
            break;
        case 2:
            v = logNormalMeanCv(mean, cv);
            break;
        case 3:
            v = normal(mean, cv * mean);
            break;
        case 4:
            v = uniform(mean * (1 - 1.7320508075688772 * cv), mean * (1 + 1.7320508075688772 * cv));
            break;
        default:
            break;
        }
        return v < 0 ? 0 : v;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4] = {};
    double m_spare = 0;
    bool m_hasSpare = false;
};

} // namespace swb::core
