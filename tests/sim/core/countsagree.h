#pragma once
// Statistical agreement of two runs' counts, for the tests that compare a merged (cohort) run
// with the per-message model.

#include <cmath>

namespace swb::core::test {

// Two independent counts of one process agree within 4 standard deviations of their
// difference (Poisson: variance = mean): a false failure has odds of about 1 in 16,000.
inline bool countsAgree(double a, double b)
{
    return std::abs(a - b) <= 4 * std::sqrt(a + b) + 1;
}

} // namespace swb::core::test
