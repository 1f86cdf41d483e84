#pragma once
// API Gateway (aws-behaviour.md §2): stage and account token buckets (rate + burst) -> 429,
// integration timeout -> 504, the Lambda proxy integration (a synchronous invoke through
// LambdaService) and direct service integrations (SQS, SNS, Kinesis, Step Functions, async Lambda:
// Kernel::deliver), response latency percentiles per bin.

#include "core/kernel.h"
#include "core/latencyhistogram.h"
#include "core/services/apigateway/apigateway.h"
#include "core/tokenbucket.h"

#include <cstdint>
#include <vector>

namespace swb::core {

class LambdaService;
struct Invocation;

class ApiGatewayService
{
public:
    static constexpr ComponentKind kKind = ComponentKind::ApiGateway;

    explicit ApiGatewayService(Kernel &k)
        : m_k(k)
    {}

    // ---- kernel hooks (core/service.h)
    void setup();
    bool wire(std::uint32_t edge); // the integration
    void onEvent(const Event &e);
    bool accept(std::uint32_t api, std::uint32_t msg); // a client request
    void sampleBin();

private:
    enum Ev : std::uint8_t { EvTimeout }; // entity = message, gen, aux = API

    struct Api {
        const ApiGateway *cfg = nullptr;
        TokenBucket bucket;
        LatencyHistogram binHist;          // response latency of this bin's answered requests
        std::uint32_t integration = kNone; // edge index
        std::uint32_t m = 0;
    };

    void lambdaDone(const Invocation &inv);
    void onTimeout(std::uint32_t msg, std::uint32_t gen, std::uint32_t api);
    void latency(Api &A, double ms);

    Kernel &m_k;
    LambdaService *m_lambda = nullptr;
    std::uint8_t m_invoker = 0;
    std::vector<Api> m_apis;
    TokenBucket m_account; // the account-level bucket all APIs share (aws-behaviour.md §2)
};

} // namespace swb::core
