#pragma once
// Step Functions (aws-behaviour.md §6): Standard vs Express, a chain of Task states invoking Lambda
// synchronously, Retry (several retriers per Task, see sfnretry.h: interval x backoff^(n-1),
// MaxDelaySeconds, FULL jitter, MaxAttempts per error name) then Catch, state transitions counted
// for cost (every attempt is a billed transition), and the throttling token buckets:
// StartExecution (a throttled call fails to the caller: its SDK retries it, an API answers 5xx)
// and, for Standard workflows, StateTransition.
//
// A throttled state transition is delayed, not lost: AWS throttles the transition and the
// execution continues once the bucket allows it (aws-behaviour.md §6 table; "StateTransition" is a
// bucket with refill, not a refusal the caller sees). The module reserves the token in arrival
// order (the bucket may go into debt) and starts the Task when the debt is paid, so a run above the
// refill rate shows a growing transition delay at exactly the documented rate, with one event per
// delay.
//
// An execution is the unit that entered (StartExecution through Kernel::deliver); while it runs,
// Message::aux is its state machine, Message::ctx its current task, Message::backoff 1 while a
// delayed transition is already admitted.

#include "core/kernel.h"
#include "core/services/stepfunctions/sfnretry.h"
#include "core/services/stepfunctions/stepfunctions.h"
#include "core/tokenbucket.h"

#include <cstdint>
#include <vector>

namespace swb::core {

class LambdaService;
struct Invocation;

class SfnService
{
public:
    static constexpr ComponentKind kKind = ComponentKind::StepFunctions;

    explicit SfnService(Kernel &k)
        : m_k(k)
    {}

    // ---- kernel hooks (core/service.h)
    void setup();
    void onEvent(const Event &e);
    bool admit(std::uint32_t sm, std::uint32_t msg);  // StartExecution's token bucket
    bool accept(std::uint32_t sm, std::uint32_t msg); // StartExecution, once admitted

private:
    enum Ev : std::uint8_t { EvRetry }; // entity = execution (message), gen

    struct Machine {
        const StepFunctions *cfg = nullptr;
        TokenBucket
            starts; // StartExecution bucket (Standard: 1,300 / 300 per s, aws-behaviour.md §6)
        TokenBucket transitions; // Standard StateTransition bucket (5,000 / 1,500 per s,
                                 // aws-behaviour.md §6)
        Rng rng;
        std::uint32_t m = 0;
    };

    void runTask(std::uint32_t msg);
    void attemptTask(std::uint32_t msg);
    void taskDone(const Invocation &inv);
    void handleError(std::uint32_t msg, std::uint8_t error);
    void clearAttempts(std::uint32_t msg);
    void end(std::uint32_t msg);
    void onRetry(std::uint32_t msg, std::uint32_t gen);

    Kernel &m_k;
    LambdaService *m_lambda = nullptr;
    std::uint8_t m_invoker = 0;
    std::vector<Machine> m_machines;
    std::vector<SfnAttempts> m_attempts; // retry state of executions in a failing Task
    std::vector<std::uint32_t> m_free;   // free m_attempts slots
    std::vector<std::uint32_t> m_slotOf; // by message id: slot + 1, 0 = none
};

} // namespace swb::core
