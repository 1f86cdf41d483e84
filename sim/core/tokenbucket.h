#pragma once
// Token bucket with continuous refill: AWS's throttling model for API Gateway (rate + burst), the
// Lambda scaling rate, Kinesis shard limits and Step Functions StartExecution.

#include "core/eventqueue.h"

namespace swb::core {

struct TokenBucket {
    double capacity = 0;
    double ratePerSecond = 0;
    double tokens = 0;
    Ticks at = 0;

    void init(double cap, double rate)
    {
        capacity = cap;
        ratePerSecond = rate;
        tokens = cap;
        at = 0;
    }
    void refill(Ticks now)
    {
        if (now > at) {
            tokens += ratePerSecond * ticksToSeconds(now - at);
            if (tokens > capacity)
                tokens = capacity;
            at = now;
        }
    }
    bool take(Ticks now, double n = 1.0)
    {
        refill(now);
        if (tokens + 1e-9 < n)
            return false;
        tokens -= n;
        return true;
    }
    // take() under a limit lowered by `factor` (a Throttle fault): each unit costs 1/factor
    // tokens, so rate and burst both shrink by the factor; 0 refuses everything.
    bool takeLimited(Ticks now, double factor, double n = 1.0)
    {
        if (factor >= 1.0)
            return take(now, n);
        return factor > 0.0 && take(now, n / factor);
    }
    double available(Ticks now)
    {
        refill(now);
        return tokens;
    }
    // Time at which `n` tokens will be available (kNever if the rate is 0).
    Ticks readyAt(Ticks now, double n)
    {
        refill(now);
        if (tokens >= n)
            return now;
        if (ratePerSecond <= 0)
            return kNever;
        return now + secondsToTicks((n - tokens) / ratePerSecond) + 1;
    }
};

} // namespace swb::core
