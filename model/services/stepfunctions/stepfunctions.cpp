#include "model/services/stepfunctions/stepfunctions.h"

#include "model/design.h"
#include "model/sam/samservice.h"
#include "model/services/billing.h"
#include "model/services/downstream/downstream.h"
#include "model/services/flowrule.h"
#include "model/services/lambda/lambda.h"

#include <algorithm>
#include <cmath>

namespace swb::sfn {

SWB_PARAM_READER(Params, SWB_SFN_PARAMS)

namespace task {
SWB_PARAM_READER(Params, SWB_SFN_TASK_PARAMS)
}

namespace {

QList<ParamSpec> params()
{
    return SWB_PARAM_SPECS(SWB_SFN_PARAMS);
}

// A service-integration wire leaving a state machine is one of its Task states.
QList<ParamSpec> wireParams(ConnectionKind kind)
{
    if (kind == ConnectionKind::ServiceIntegration)
        return SWB_PARAM_SPECS(SWB_SFN_TASK_PARAMS);
    return {};
}

QString blockSubtitle(const Component &c)
{
    return choiceText(Params::of(c.params).type);
}

// Task states: optimised integrations and the HTTP Task (aws-behaviour.md §6).
const QList<WireRule> &outgoingWires()
{
    using K = ComponentKind;
    using C = ConnectionKind;
    static const QList<WireRule> rules = {
        {C::ServiceIntegration,
         {K::Lambda, K::SqsQueue, K::SnsTopic, K::StepFunctions, K::Downstream}},
        {C::ServiceIntegration, {}, nullptr, "A Task state cannot call a %2"},
    };
    return rules;
}

// Time of a Task that calls a service other than Lambda or a downstream (SQS SendMessage, SNS
// Publish, StartExecution): an assumption.
constexpr double kServiceCallSeconds = 0.02;

bool byTaskOrder(const QPair<qlonglong, const Connection *> &a,
                 const QPair<qlonglong, const Connection *> &b)
{
    return a.first != b.first ? a.first < b.first : a.second->id < b.second->id;
}

// Steady-state flow: the Task states in order, each attempt one state entry (retries from the
// target's error rate and Retry.MaxAttempts), an exhausted Task caught or failing the execution
// (aws-behaviour.md §6 "Retry / Catch").
void flowRule(flow::Propagator &pr, const Component &c, ComponentFlow &f)
{
    const Design &design = pr.design();
    const flow::Propagator::Inflow in = pr.arrive(c, f);
    QList<QPair<qlonglong, const Connection *>> tasks;
    for (const Connection *w : design.outgoing(c.id)) {
        if (w->kind == ConnectionKind::ServiceIntegration)
            tasks.append({task::Params::of(w->params).order, w});
    }
    std::sort(tasks.begin(), tasks.end(), byTaskOrder);
    // Shares of executions that get to the current Task: those whose input is not poison, and
    // poison ones (every attempt at a function fails: they end at the first Lambda Task).
    double reach = 1 - in.poisonShare, poisonReach = in.poisonShare;
    double entries = 0; // state entries per execution, every retry included
    double seconds = 0; // execution time incl. retry waits
    for (const auto &[order, w] : tasks) {
        Q_UNUSED(order);
        const task::Params t = task::Params::of(w->params);
        const Component *target = design.component(w->target);
        double p = 0, taskSeconds = kServiceCallSeconds;
        const bool function = target && target->kind == ComponentKind::Lambda;
        if (function) {
            // Each attempt fails with the error rate or the input's transient failure rate.
            p = attemptFailure(lambda::failureShare(*target), in.transientRate);
            taskSeconds = lambda::Params::of(target->params).duration / 1000.0;
        } else if (target && target->kind == ComponentKind::Downstream) {
            const downstream::Params d = downstream::Params::of(target->params);
            p = d.errorRate;
            taskSeconds = d.latency / 1000.0;
        }
        p = std::clamp(p, 0.0, 1.0);
        const double maxAttempts = double(t.retryMaxAttempts);
        const double attempts = expectedAttempts(p, maxAttempts);
        // A poison input fails every attempt of a function; another target treats it as any.
        const double poisonAttempts = poisonReach * (function ? maxAttempts + 1 : attempts);
        // Every retry re-enters the state and is a billed transition (Step Functions pricing).
        entries += reach * attempts + poisonAttempts;
        const double calls = reach * attempts + poisonAttempts;
        pr.setRecordFailures(calls > 0 ? poisonAttempts / calls : 0, in.transientRate);
        pr.out(w, f.inRate * calls, f.payloadKB);
        // Expected wait before retries: retry k happens with probability p^k and waits
        // min(interval x backoff^(k-1), MaxDelaySeconds); FULL jitter halves it on average.
        const double interval = double(t.retryInterval);
        const double backoff = t.retryBackoffRate;
        const double maxDelay = double(t.retryMaxDelay);
        const bool jitter = t.retryJitter == RetryJitter::Full;
        const auto expectedWaits = [&](double fail) {
            double waits = 0, pk = 1, delay = interval;
            for (int k = 1; k <= maxAttempts && k <= 10000; ++k) {
                pk *= fail;
                if (pk < 1e-15)
                    break;
                waits += pk * (maxDelay >= 0 ? std::min(delay, maxDelay) : delay);
                delay = std::min(delay * backoff, 31536000.0); // an execution lasts at most a year
            }
            return jitter ? waits / 2 : waits;
        };
        seconds += reach * (attempts * taskSeconds + expectedWaits(p));
        const double failed = std::pow(p, maxAttempts + 1);
        double ended = reach * failed; // retries exhausted at this Task
        if (function) {
            seconds += poisonReach * ((maxAttempts + 1) * taskSeconds + expectedWaits(1.0));
            ended += poisonReach;
            poisonReach = 0;
        } else {
            seconds += poisonReach * (attempts * taskSeconds + expectedWaits(p));
            ended += poisonReach * failed;
            poisonReach *= 1 - failed;
        }
        if (t.catch_)
            entries += ended; // Catch moves to a fallback state, then the run ends
        reach *= 1 - failed;
    }
    f.transitions = f.inRate * entries;
    f.executionSeconds = seconds;
    if (!tasks.isEmpty())
        pr.note(
            QStringLiteral("Step Functions: each Task attempt is one state entry (retries "
                           "from the target's error rate, the traffic's transient failure rate and "
                           "poison share, and Retry.MaxAttempts); an exhausted "
                           "Task goes to a Catch fallback state or fails the execution; Tasks "
                           "that call SQS, SNS or another state machine take 20 ms."));
}

const QList<usage::Dimension> &billingDimensions()
{
    static const QList<usage::Dimension> dims = {
        {"standard-transitions"},
        {"express-requests"},
        {"express-duration"},
    };
    return dims;
}

// Standard: a state transition per step executed, retries included (AWS's pricing page,
// aws-behaviour.md §6 "Pricing"; a catalogue's fixedPerExecution, 0 in the built-in one, is
// added per execution); Express: requests and GB-seconds in 100 ms steps.
void billing(usage::Meter &m, const Component &c)
{
    using usage::millions;
    const double month = m.seconds();
    if (Params::of(c.params).type != WorkflowType::Express) {
        const PriceDimension d = m.dimension(c, QStringLiteral("standard-transitions"));
        m.metered(
            c, d.id,
            [&](const ComponentFlow &f) {
                const double executions = f.inRate * month;
                const double entries = f.transitions * month;
                const QString detail =
                    d.fixedPerExecution > 0
                        ? QStringLiteral("%1 state entries incl. retries + %2 executions x %3 "
                                         "(the catalogue's extra transitions per execution)")
                              .arg(millions(entries), millions(executions))
                              .arg(d.fixedPerExecution)
                        : QStringLiteral("%1 state entries incl. retries (%2 executions)")
                              .arg(millions(entries), millions(executions));
                return usage::Estimate{entries + executions * d.fixedPerExecution, detail};
            },
            // The core counts one transition per Task attempt and per Catch.
            [&](const usage::RunTotal &total) {
                return total("sfn.transitions") + d.fixedPerExecution * total("sfn.executions");
            });
        return;
    }
    m.metered(
        c, QStringLiteral("express-requests"),
        [&](const ComponentFlow &f) {
            const double executions = f.inRate * month;
            return usage::Estimate{executions,
                                   QStringLiteral("%1 executions").arg(millions(executions))};
        },
        [](const usage::RunTotal &total) { return total("sfn.billed_express_requests"); });
    const PriceDimension d = m.dimension(c, QStringLiteral("express-duration"));
    m.metered(
        c, d.id,
        [&](const ComponentFlow &f) {
            const double executions = f.inRate * month;
            const double step = d.roundingMs > 0 ? d.roundingMs / 1000.0 : 0;
            const double billed =
                step > 0 ? std::max(1.0, std::ceil(f.executionSeconds / step - 1e-9)) * step
                         : f.executionSeconds;
            // Memory in 64 MB chunks: payloads are at most 256 KB, so one chunk (an assumption).
            const double memoryGB = (d.memoryChunkMB > 0 ? d.memoryChunkMB : 64) / 1024.0;
            return usage::Estimate{executions * billed * memoryGB,
                                   QStringLiteral("%1 executions x %2 s x %3 GB")
                                       .arg(millions(executions))
                                       .arg(billed)
                                       .arg(memoryGB)};
        },
        [](const usage::RunTotal &total) { return total("sfn.billed_express_gb_s"); });
    m.note(QStringLiteral("Express workflows: the mean execution time (Tasks plus retry waits) "
                          "rounded up to 100 ms stands for every execution, with one 64 MB "
                          "memory chunk."));
}

// A Task state's StartExecution of a nested state machine (optimized integration; SAM policy
// template).
const sam::ServiceSam &samMapping()
{
    static const sam::SamTask task{"arn:aws:states:::states:startExecution",
                                   "StateMachineArn",
                                   "Input.$",
                                   "StepFunctionsExecutionPolicy",
                                   "StateMachineName",
                                   "Name",
                                   "Arn",
                                   nullptr};
    // A service starting executions (a rule's target) does it through a role it assumes, allowed
    // StartExecution (aws-behaviour.md §9 "Permissions"); Ref gives the state machine's ARN.
    static const sam::SamAccess access{nullptr, nullptr, "states:StartExecution", nullptr, false};
    static const sam::ServiceSam mapping{.task = &task, .access = &access};
    return mapping;
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        .kind = ComponentKind::StepFunctions,
        .id = "stepfunctions",
        .name = "Step Functions state machine",
        .shortName = "Step Functions",
        .familyColor = qRgb(0xD6, 0x24, 0x6E), // application integration pink
        .paletteKeywords = "workflow sfn orchestration",
        .paletteSummary = QT_TRANSLATE_NOOP(
            "PaletteDock", "State machine: a chain of Task states with Retry and Catch; "
                           "Standard or Express."),
        .params = params,
        .wireParams = wireParams,
        .subtitle = blockSubtitle,
        .flow = flowRule,
        .billingDimensions = billingDimensions,
        .billing = billing,
        .samType =
            [](const QVariantMap &) { return QStringLiteral("AWS::Serverless::StateMachine"); },
        .samEnvSuffix = "_STATE_MACHINE_ARN",
        .sam = &samMapping(),
        .outgoingWires = outgoingWires,
        .naturalWire = [](const Component &) { return ConnectionKind::ServiceIntegration; },
        .throttles = [](const Component &) { return true; }, // its StartExecution rate
    };
    return m;
}

} // namespace swb::sfn
