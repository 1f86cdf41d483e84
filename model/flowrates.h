#pragma once

#include "model/design.h"

#include <QMap>
#include <QStringList>

namespace swb {

// Steady-state rates of one block, per second of simulated time, averaged over a run. Which fields
// are filled depends on the kind; the rest stay 0.
struct ComponentFlow {
    // Work arriving: API requests, SNS publishes, SQS messages sent, Kinesis records put, Step
    // Functions executions started, Lambda events (records/messages/requests handed to the
    // function, before batching and retries), downstream calls.
    double inRate = 0;
    double payloadKB = 0; // mean size of one arriving item

    // Lambda
    double invocations = 0;      // invocation attempts incl. retries (= billed requests)
    double eventsPerInvoke = 1;  // records per invocation (batch fill for event source mappings)
    double failedEvents = 0;     // events given up on after every retry (to DLQ / on-failure)
    double gbSeconds = 0;        // billed GB-s per s (duration rounded up to 1 ms, see notes)
    double concurrency = 0;      // mean concurrent executions = invocations x duration (Little)
    double provisionedShare = 0; // share of the invocations served by provisioned concurrency

    // SNS
    double deliveriesFree = 0; // deliveries to SQS and Lambda (not billed)
    double deliveriesHttp = 0; // deliveries to HTTP/S endpoints

    // SQS API calls per s (before 64 KB chunking, which the cost model applies)
    double sendRequests = 0;       // one SendMessage per message (producers do not batch)
    double receiveRequests = 0;    // ReceiveMessage calls that return messages
    double messagesPerReceive = 0; // mean messages one receive returns (at most 10)
    double emptyReceives = 0;      // long polls of the Lambda pollers that came back empty
    double deleteRequests = 0;     // DeleteMessageBatch calls (up to 10 messages each)
    double expiredMessages = 0;    // messages dropped at retention (no DLQ)

    // Kinesis (records per s are inRate)
    int consumers = 0;        // event source mappings reading every record
    double shardsAssumed = 0; // shards the rates were spread over (on-demand: assumed)
    double failedBatches = 0; // batches sent to the on-failure destination
    double failedRecords = 0; // records given up (to the on-failure destination, else skipped)

    // Step Functions
    // State entries per s incl. every retry and Catch fallback (the catalogue's fixed start/end
    // transitions per execution are added when priced).
    double transitions = 0;
    double executionSeconds = 0; // mean duration of one execution incl. retry waits, s
};

// The rate a wire carries, per second.
struct ConnectionFlow {
    double rate = 0;        // items (requests, messages, records, events) per s
    double invocations = 0; // into a Lambda: invocation attempts per s incl. retries
    double payloadKB = 0;   // mean size of one item
    // Per-record failures the items carry from their traffic sources: the share of items that are
    // poison (every attempt at them fails) and the rate-weighted transient failure rate (each
    // attempt at any other item fails with it, independently).
    double poisonShare = 0;
    double transientRate = 0;
};

struct FlowRates {
    QMap<ComponentId, ComponentFlow> components;
    QMap<ConnectionId, ConnectionFlow> connections;
    double runDuration = 0;  // s, the project's simulated duration the means are taken over
    QStringList assumptions; // what the propagation assumes, for the user (stable order)
    QStringList warnings;    // e.g. a cycle that amplifies traffic and was cut off

    ComponentFlow component(ComponentId id) const { return components.value(id); }
    ConnectionFlow connection(ConnectionId id) const { return connections.value(id); }
};

// Mean rates of every block and wire, known before any simulation: each traffic source's mean
// rate over the run (its pattern and traffic-spike faults included) is propagated along the
// wires. API Gateway passes each request to one integration, SNS multiplies by its subscriptions'
// match shares, SQS and Kinesis event source mappings divide by the batch fill, Lambda's async
// retries and Step Functions' Retry multiply attempts. Cycles are iterated to a fixed point.
FlowRates computeFlowRates(const Design &design);

// Expected attempts of something retried up to maxRetries times, each attempt failing with
// probability p: 1 + p + ... + p^maxRetries (maxRetries < 0 = until success).
double expectedAttempts(double p, double maxRetries);

// Probability that one attempt at a record that is not poison fails: the function's own error
// rate or the record's transient failure rate, independent draws (the simulator's rule).
double attemptFailure(double errorRate, double transientRate);

// A flow of items of which `poisonShare` always fail and the rest fail each attempt with `p`,
// retried up to maxRetries (>= 0) times: attempts per item and the share given up after the last
// retry.
struct RetriedFlow {
    double attempts = 1;         // per item, retries included
    double failedShare = 0;      // given up (DLQ, on-failure destination, discarded)
    double poisonOfAttempts = 0; // share of the attempts that are at poison items
    double poisonOfFailed = 0;   // share of the given-up items that are poison
};
RetriedFlow retriedFlow(double poisonShare, double p, double maxRetries);

} // namespace swb
