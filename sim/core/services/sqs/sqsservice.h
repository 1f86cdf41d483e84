#pragma once
// SQS (aws-behaviour.md §4): standard and FIFO queues with delay, visibility timeout, receive
// count, redrive to a DLQ after maxReceiveCount and retention expiry (sqsservice.cpp), and the
// Lambda event source mapping: poller scaling, batches (batch size, batching window, 6 MB), partial
// batch responses (sqsmapping.cpp).
//
// While a queue holds a message, Message::aux is the queue, Message::since the send time
// (retention), Message::ctx its message group (FIFO) and Message::receiveCount its receives.
//
// A standard queue keeps its oldest 65,536 visible messages one by one (the head: returned
// messages go to its front, batches are taken from it); once the head is full, new messages wait
// behind it as cohorts (core/cohortqueue.h) and come back into the head as it drains. A run whose
// queues never hold that many visible messages is exactly the per-message model.

#include "core/deliveryorder.h"
#include "core/cohortqueue.h"
#include "core/kernel.h"
#include "core/messagegroups.h"
#include "core/ringdeque.h"
#include "core/services/sqs/sqsqueue.h"
#include "core/tokenbucket.h"

#include <cstdint>
#include <vector>

namespace swb::core {

class LambdaService;
struct Invocation;

class SqsService
{
public:
    static constexpr ComponentKind kKind = ComponentKind::SqsQueue;

    explicit SqsService(Kernel &k)
        : m_k(k)
    {}

    // Messages visible in a standard queue's head, oldest first (white-box tests).
    std::vector<std::uint32_t> visibleMessages(std::uint32_t queue) const;
    // Visible messages a standard queue keeps one by one before further ones wait as cohorts
    // (white-box tests compare merged runs with the per-message model; set before the run).
    void setExactHead(std::size_t messages) { m_exactHead = messages; }
    // Cohorts a standard queue's backlog holds now (white-box tests: memory per backlog).
    std::size_t backlogCohorts(std::uint32_t queue) const
    {
        return m_queues[queue].backlog.cohorts();
    }
    // Visible messages of a standard queue kept one by one (about 4 MB of pool and ring); beyond
    // it they wait as cohorts. Deeper than any bundled pattern's queue at its normal load. The
    // run estimate projects memory from it (sim/runestimate.h).
    static constexpr std::size_t kExactHead = std::size_t(1) << 16;

    // ---- kernel hooks (core/service.h)
    void setup();
    bool wire(std::uint32_t edge); // EventSourceMapping -> Lambda, Redrive -> queue
    void start();                  // the mappings' one-second poller ticks
    void onEvent(const Event &e);
    bool admit(std::uint32_t queue, std::uint32_t msg);  // a FIFO queue's SendMessage quota
    bool accept(std::uint32_t queue, std::uint32_t msg); // SendMessage
    bool deadLetter(std::uint32_t queue, bool mayConsume);
    void failureNotice(std::uint32_t queue, std::uint32_t units);
    bool isFifo(std::uint32_t queue) const { return m_queues[queue].fifo; }
    void sampleBin();

private:
    enum Ev : std::uint8_t {
        EvDelayed, // entity = message, gen: DelaySeconds elapsed
        EvReturn,  // entity = batch, gen: visibility timeout of its failed messages elapsed
        EvTick,    // entity = mapping: 1 s poller scaling tick
        EvWake,    // entity = mapping: batching window / throttle back-off ended
    };
    struct Queue {
        const SqsQueue *cfg = nullptr;
        bool fifo = false;
        RingDeque<std::uint32_t> visible; // standard queue: the head, one entry per message
        CohortQueue backlog;              // standard queue: messages behind a full head
        MessageGroups groups;             // FIFO: per message group, in order; busy = batch out
        std::vector<DeliveryOrder> groupOrder; // FIFO: send times processed, per group
        std::uint32_t reorderedGroups = 0;
        std::uint32_t groupOrderSeries = 0; // FIFO: + group number, the first 64 groups
        RingDeque<std::uint32_t> readyGroups;
        std::uint64_t visibleCount = 0, inFlight = 0, delayed = 0, dlqHeld = 0;
        Ticks dlqHeldSince = 0; // arrival of the oldest held dead letter (they never leave)
        std::uint32_t redrive = kNone;
        Ticks retention = 0; // cfg->retentionSeconds, converted once
        // FIFO: SendMessage and ReceiveMessage calls (aws-behaviour.md §4 "FIFO throughput"),
        // one second's worth of burst (AWS documents none).
        TokenBucket sends, receives;
        std::vector<std::uint32_t> mappings;
        std::uint32_t m = 0;
    };
    struct Mapping { // a Lambda event source mapping of one queue
        EsmConfig cfg;
        std::uint32_t fn = 0, queue = 0;
        double limit = 5;  // concurrent batches allowed now (poller scale-up)
        double cap = 1250; // 1,250 (current) / 1,000 (2018) or MaximumConcurrency
        double rampPerSecond = 5;
        std::uint32_t inFlight = 0;
        Ticks wakeAt = kNever;
        Ticks lastReceive = 0; // last ReceiveMessage that returned messages (idle detection)
    };
    struct Batch {
        std::vector<std::uint32_t> msgs; // capacity reused: no allocation once warmed up
        Ticks receivedAt = 0;
        Ticks oldestSince = 0; // earliest send time among msgs (the queue's oldest-age gauge)
        std::uint32_t mapping = 0, gen = 0, group = kNone;
    };

    // queues (sqsservice.cpp)
    void makeVisible(std::uint32_t queue, std::uint32_t msg, bool front);
    void onDelayed(std::uint32_t msg, std::uint32_t gen);
    void expireFront(Queue &Q, RingDeque<std::uint32_t> &dq);
    void absorb(Queue &Q, std::uint32_t msg);
    void refill(std::uint32_t queue, std::size_t want);
    void expireBacklog(Queue &Q);
    void gaugeDepth(const Queue &Q);
    void hold(std::uint32_t queue, std::uint64_t units); // dead letters nobody consumes
    // event source mappings (sqsmapping.cpp)
    void addMapping(std::uint32_t edge);
    void onTick(std::uint32_t x);
    void dispatch(std::uint32_t x);
    void batchDone(const Invocation &inv);
    void onReturn(std::uint32_t batch, std::uint32_t gen);
    std::uint32_t allocBatch();
    void freeBatch(std::uint32_t b);
    bool receiveAdmitted(std::uint32_t x); // a FIFO queue's ReceiveMessage quota

    Kernel &m_k;
    LambdaService *m_lambda = nullptr;
    std::uint8_t m_invoker = 0;
    std::vector<Queue> m_queues;
    std::vector<Mapping> m_maps;
    std::vector<Batch> m_batches;
    std::vector<std::uint32_t> m_freeBatches;
    std::vector<Ticks> m_oldestInFlight; // scratch of sampleBin(), per queue
    std::size_t m_exactHead = kExactHead;
};

} // namespace swb::core
