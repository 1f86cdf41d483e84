#pragma once

// Internal to flowrates*.cpp: one propagation pass over the design, split by block kind.

#include "model/flowrates.h"

namespace swb::flow {

// Lambda's pollers for SQS start with 5 concurrent long polls per queue and drop back to 5 when
// idle (services-sqs-scaling.html); each long poll waits up to 20 s (the SQS maximum
// WaitTimeSeconds, which Lambda's pollers are observed to use: an assumption).
constexpr double kSqsIdlePollers = 5;
constexpr double kLongPollSeconds = 20;
// SNS FIFO topic publish throughput, per topic: 3,000 msg/s and 20 MB/s since Nov 2023
// (aws-behaviour.md §3 "FIFO throughput history"; high-throughput mode is opt-in and not modelled).
constexpr double kFifoTopicPublishes = 3000;
constexpr double kFifoTopicKBPerSecond = 20 * 1024;
// Kinesis: Lambda polls each shard about once per second (services-kinesis-parameters.html).
constexpr double kKinesisPollSeconds = 1;
// On-demand streams start at 4 MB/s of write capacity, i.e. 4 shards' worth.
constexpr double kOnDemandShards = 4;
// Invoke payload limit of a batch: 6 MB sync (gettingstarted-limits).
constexpr double kInvokePayloadKB = 6 * 1024;
// Step Functions: time of a Task that calls a service other than Lambda or a downstream
// (SQS SendMessage, SNS Publish, StartExecution): an assumption.
constexpr double kServiceCallSeconds = 0.02;
// Kinesis on-failure destinations receive batch metadata, not the records: ~1 KB (assumption).
constexpr double kFailureRecordKB = 1;

double param(const Component &c, const char *key);
QString text(const Component &c, const char *key);
double connParam(const Connection &w, ComponentKind sourceKind, const char *key);
// Share of a function's invocations its callers see fail: the error rate, or every one when
// reserved concurrency 0 throttles the function (throttled invokes are not billed).
double failureShare(const Component &function);

class Propagator
{
public:
    explicit Propagator(const Design &design);

    // Runs passes until the wire rates stop changing; returns the result.
    FlowRates run();

    // For the service modules' flow rules (model/services/<service>/): the rates arriving on a
    // block's wires, what it sends on one, and notes for the estimate's assumptions.
    struct Inflow {
        double rate = 0;
        double payloadKB = 0;
    };
    Inflow inflow(ComponentId id, bool (*accept)(const Connection &) = nullptr) const;
    void out(const Connection *wire, double rate, double payloadKB, double invocations = 0);
    void note(const QString &text);
    void warn(const QString &text);

    void traffic(const Component &c, ComponentFlow &f);
    void apiGateway(const Component &c, ComponentFlow &f);
    void sns(const Component &c, ComponentFlow &f);
    double matchShare(const Component &topic, const Connection &subscription);
    void sqs(const Component &c, ComponentFlow &f);
    void kinesis(const Component &c, ComponentFlow &f);
    void stepFunctions(const Component &c, ComponentFlow &f);
    void lambda(const Component &c, ComponentFlow &f);
    void downstream(const Component &c, ComponentFlow &f);

private:
    const Design &m_design;
    FlowRates m_result;
    QMap<ConnectionId, ConnectionFlow> m_current; // read during a pass
    QMap<ConnectionId, ConnectionFlow> m_next;    // written during a pass
};

} // namespace swb::flow
