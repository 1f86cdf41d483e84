#pragma once
// The traffic source: load entering the system (not an AWS resource).

#include "model/services/paramdecl.h"
#include "model/services/servicemodule.h"

namespace swb::traffic {

enum class Pattern { Poisson, Constant, Diurnal, Spike, Step, Replay };
enum class PayloadDistribution { Fixed, Exponential, Lognormal };

} // namespace swb::traffic

namespace swb {
SWB_CHOICE_TEXTS(traffic::Pattern, "poisson", "constant", "diurnal", "spike", "step", "replay");
SWB_CHOICE_TEXTS(traffic::PayloadDistribution, "fixed", "exponential", "lognormal");
} // namespace swb

namespace swb::traffic {

// clang-format off
#define SWB_TRAFFIC_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                           \
    CHOICE(pattern, Pattern, "Pattern",                                                          \
           "How requests arrive: poisson (random, memoryless), constant (evenly spaced), "       \
           "diurnal (a daily curve peaking at the peak hour), spike (rate x multiplier during "  \
           "a window), step (rate x multiplier from the start time on), replay (rates or "       \
           "timestamps from a CSV file).")                                                       \
    REAL(rate, "Mean rate", "req/s", 100, 0, 1e6, nullptr,                                       \
         "Mean requests per second entering the system.")                                        \
    REAL(peakFactor, "Diurnal peak factor", "x", 2, 1, 20, nullptr,                              \
         "Diurnal pattern: peak rate divided by mean rate.")                                     \
    REAL(peakHour, "Diurnal peak hour", "h", 14, 0, 24, nullptr,                                 \
         "Diurnal pattern: hour of the simulated day at which the rate peaks.")                  \
    REAL(spikeStart, "Spike/step start", "s", 600, 0, 31536000, nullptr,                         \
         "Spike or step pattern: simulated time at which the rate changes.")                     \
    REAL(spikeDuration, "Spike duration", "s", 300, 1, 31536000, nullptr,                        \
         "Spike pattern: how long the higher rate lasts.")                                       \
    REAL(spikeMultiplier, "Spike/step multiplier", "x", 10, 0, 1000, nullptr,                    \
         "Spike or step pattern: the rate during the spike (or after the step) is the mean "     \
         "rate times this.")                                                                     \
    TEXT(replayFile, "Replay CSV",                                                               \
         "Replay pattern: CSV with columns time_s,rate (rate per second from that time on) "     \
         "or a single column of request timestamps in seconds.")                                 \
    REAL(payloadSize, "Mean payload", "KB", 1, 0.001, 10240, nullptr,                            \
         "Mean request size. SNS bills and limits in 64 KB chunks (max 256 KB), SQS in 64 KB "   \
         "chunks (max 1 MiB), Kinesis in 25 KB PUT payload units, HTTP APIs in 512 KB units.")   \
    CHOICE(payloadDistribution, PayloadDistribution, "Payload distribution",                     \
           "Distribution of request sizes around the mean.")                                     \
    TEXT(attributes, "Message attributes",                                                       \
         "Attribute values carried by messages for SNS filter policies, as name=value:share "    \
         "pairs separated by commas, e.g. type=order:0.7,type=refund:0.3.")                      \
    REAL(poisonShare, "Poison share", "", 0, 0, 1, nullptr,                                      \
         "Fraction of requests whose processing always fails (a malformed 'poison' record or "   \
         "message): every function that handles one fails. Shows Kinesis bisect-on-error "       \
         "isolating it, SQS partial batch responses returning only it, redrive and DLQs.")        \
    REAL(transientFailureRate, "Transient failure rate", "", 0, 0, 1, nullptr,                   \
         "Probability that one attempt at processing a request fails for a passing reason (a "   \
         "throttled dependency, a lock timeout), drawn again at every attempt so a retry may "    \
         "succeed: async retries, SQS partial batch responses, Kinesis retries and bisect, and "  \
         "Step Functions retriers recover such records.")
// clang-format on

struct Params {
    SWB_PARAM_FIELDS(SWB_TRAFFIC_PARAMS)
    static Params of(const QVariantMap &p);
};

namespace key {
SWB_PARAM_KEYS(SWB_TRAFFIC_PARAMS)
}

// Mean rate of a traffic source over a run of runDuration seconds: its pattern (a spike or step
// adds its extra rate for the share of the run it covers) and its traffic-spike faults.
double meanRate(const Design &design, const Component &source, double runDuration);

const ServiceModule &module();

} // namespace swb::traffic
