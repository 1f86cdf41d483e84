#pragma once
// Step Functions Retry evaluation (aws-behaviour.md §6 "Retry / Catch"; Step Functions developer
// guide, "Error handling", "Complex retry scenarios"). When a Task reports an error, the retriers
// are scanned in order and the first whose ErrorEquals names the error decides: the backoff
// exponent counts every visit to that retrier, while its MaxAttempts limit counts retries of this
// particular error name (AWS's A, B, C, B, B example: waits 1, 2, 5, 4 s, then the fifth error,
// the third ErrorB, is caught). No matching retrier, or an exhausted one, means Catch / fail.

#include "core/services/stepfunctions/stepfunctions.h"

#include <cstddef>
#include <cstdint>

namespace swb::core {

inline constexpr std::size_t kSfnMaxRetriers = 8;   // retriers honoured per Task (more: ignored)
inline constexpr std::size_t kSfnMaxErrorCodes = 8; // distinct error codes per execution

// Retry bookkeeping of one execution inside one Task state (reset when the Task succeeds).
struct SfnAttempts {
    std::uint32_t visits[kSfnMaxRetriers] = {};
    std::uint32_t perError[kSfnMaxErrorCodes] = {};
};

struct SfnRetryDecision {
    int retrier = -1;        // -1: no retry (Catch or fail)
    double delaySeconds = 0; // before FULL jitter
};

// Decides the retry for `error` (a code < kSfnMaxErrorCodes) and updates `st`.
SfnRetryDecision sfnNextRetry(const SfnRetry *retriers, std::size_t count, SfnAttempts &st,
                              std::uint8_t error);

} // namespace swb::core
