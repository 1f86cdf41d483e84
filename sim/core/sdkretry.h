#pragma once
// A producer that calls an AWS API through an AWS SDK (a client feeding a queue, topic, stream or
// state machine; a function's code sending its result on): the SDK's standard retry mode
// (aws-behaviour.md §10 "SDK retries"). A request the target refuses (an Outage fault) or throttles
// (over its request quota: Kernel::admits, e.g. an SQS FIFO queue §4, a Kinesis shard §5, a state
// machine's StartExecution bucket §6) is tried again after a backoff with full jitter, at most
// kSdkMaxAttempts times in all; then the producer gives up and the unit is lost (ledger: rejected
// at the edge). The producer owns the retry event and keeps the unit (and Message::attempts)
// while it waits.

#include "core/kernel.h"
#include "core/rng.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace swb::core {

// Sub-stream id of a producer's retry-jitter RNG (streamSeed(rngSeed(c), kSdkRetryStream)).
inline constexpr std::uint64_t kSdkRetryStream = 0x5D4;
inline constexpr std::uint32_t kSdkMaxAttempts = 3; // standard mode default: 3 attempts in all
inline constexpr double kSdkMaxBackoffSeconds = 20; // standard mode: backoff capped at 20 s

// Delay before the attempt after `failed` failed attempts (1-based): uniform in
// [0, min(2^(failed-1), 20)] s (full jitter, base 2).
inline Ticks sdkBackoff(std::uint32_t failed, Rng &rng)
{
    const double cap =
        std::min(std::ldexp(1.0, static_cast<int>(std::min<std::uint32_t>(failed, 32)) - 1),
                 kSdkMaxBackoffSeconds);
    return secondsToTicks(rng.uniform() * cap);
}

enum class SdkSend : std::uint8_t {
    Sent,     // the target took the unit (Kernel::deliver)
    Retrying, // refused: the retry event `retryTag` (entity = unit, gen) is scheduled
    Lost,     // refused on the last attempt: settled as rejected
};

// The attempt just made was refused (5xx) or throttled: retry after the backoff, or give up
// after the last attempt (the unit is settled as rejected).
inline SdkSend sdkRefused(Kernel &k, std::uint32_t msg, Rng &rng, std::uint16_t retryTag)
{
    Message &m = k.msg(msg);
    if (++m.attempts >= kSdkMaxAttempts) {
        k.finish(msg, &Ledger::rejected);
        return SdkSend::Lost;
    }
    k.scheduleIn(sdkBackoff(m.attempts, rng), retryTag, msg, m.gen);
    return SdkSend::Retrying;
}

// One attempt to send `msg` to `to`. Before the first attempt the producer sets
// Message::attempts to 0; on its retry event it calls again with the same arguments.
inline SdkSend sdkSend(Kernel &k, ComponentRef to, std::uint32_t msg, Rng &rng,
                       std::uint16_t retryTag)
{
    if (k.passes(to, msg)) {
        k.deliverAdmitted(to, msg);
        return SdkSend::Sent;
    }
    return sdkRefused(k, msg, rng, retryTag);
}

} // namespace swb::core
