// Retry evaluation of a Task state (sfnretry.h).
#include "core/services/stepfunctions/sfnretry.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

SfnRetryDecision sfnNextRetry(const SfnRetry *retriers, std::size_t count, SfnAttempts &st,
                              std::uint8_t error)
{
    SfnRetryDecision d;
    const std::uint32_t bit = error < 32 ? (1u << error) : 0u;
    count = std::min(count, kSfnMaxRetriers);
    for (std::size_t i = 0; i < count; ++i) {
        const SfnRetry &r = retriers[i];
        if (!(r.errors & bit))
            continue;
        // The first matching retrier decides; used up for this error name -> no retry.
        std::uint32_t &tries = st.perError[std::min<std::size_t>(error, kSfnMaxErrorCodes - 1)];
        if (tries >= r.maxAttempts)
            return d;
        ++tries;
        const std::uint32_t visit = ++st.visits[i];
        double delay = r.intervalSeconds * std::pow(r.backoffRate, visit - 1.0);
        if (r.maxDelaySeconds > 0)
            delay = std::min(delay, r.maxDelaySeconds);
        d.retrier = static_cast<int>(i);
        d.delaySeconds = delay;
        return d;
    }
    return d;
}

} // namespace swb::core
