// What a Lambda function does with its result (aws-behaviour.md §1): nothing more, or one message
// to each of its outputs, sent through the AWS SDK in its code (core/sdkretry.h).
#include "core/sdkretry.h"
#include "core/services/lambda/lambdaservice.h"

namespace swb::core {

// A processed message either ends here (end-to-end latency recorded) or continues to the
// function's outputs (one message each).
void LambdaService::succeeded(std::uint32_t fn, std::uint32_t msg)
{
    const Function &F = m_fns[fn];
    if (F.outputs.empty()) {
        m_k.succeed(msg);
        return;
    }
    for (std::uint32_t i = 1; i < F.outputs.size(); ++i)
        sendOutput(fn, i, m_k.copyMessage(msg));
    sendOutput(fn, 0, msg);
}

// The function's code sends its result with an AWS SDK: a refused or throttled request is retried
// in the SDK's standard mode, then lost (core/sdkretry.h, aws-behaviour.md §10 "SDK retries").
void LambdaService::sendOutput(std::uint32_t fn, std::uint32_t out, std::uint32_t msg)
{
    const ComponentRef to = m_fns[fn].outputs[out];
    if (m_k.passes(to, msg)) {
        m_k.deliverAdmitted(to, msg);
        return;
    }
    Message &m = m_k.msg(msg);
    m.ctx = fn;
    m.aux = out;
    m.attempts = 0;
    countSdk(fn, sdkRefused(m_k, msg, m_fns[fn].sdkRng, eventTag(kKind, EvSdkRetry)));
}

void LambdaService::retryOutput(std::uint32_t msg)
{
    const Message &m = m_k.msg(msg);
    const std::uint32_t fn = m.ctx;
    Function &F = m_fns[fn];
    countSdk(fn, sdkSend(m_k, F.outputs[m.aux], msg, F.sdkRng, eventTag(kKind, EvSdkRetry)));
}

void LambdaService::countSdk(std::uint32_t fn, SdkSend result)
{
    Function &F = m_fns[fn];
    switch (result) {
    case SdkSend::Sent:
        break;
    case SdkSend::Retrying:
        m_k.metrics().add(F.m + LmSdkRetries, 1);
        break;
    case SdkSend::Lost:
        m_k.metrics().add(F.m + LmSdkLost, 1);
        break;
    }
}

} // namespace swb::core
